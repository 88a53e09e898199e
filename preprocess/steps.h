// The individual steps behind page_cleaner.h, exposed for tests and timing. Each works on
// CV_8UC1 images at a known dpi; none keeps state.
#pragma once

#include <opencv2/core.hpp>

#include "common/page_text.h"

namespace sohoa::preprocess::internal {

// Grey in which black print stays dark while saturated inks (red seals, blue signatures,
// yellowed paper) turn light. Grey input is returned as is (shared, not copied).
cv::Mat InkGrey(const cv::Mat& source);

// Resizes `grey` by `scale` (INTER_AREA down, INTER_CUBIC up); `actual_scale` receives the
// per-axis factors the integer output size really implies.
cv::Mat Resample(const cv::Mat& grey, double scale, cv::Point2d* actual_scale);

// Exactly 1/factor in scale (the last partial block of pixels is averaged as it is).
cv::Mat DownscaleByInteger(const cv::Mat& image, int factor);

// A ~75 dpi copy of a page for the analyses that need no detail (paper level, scanner bed).
struct AnalysisCopy {
  cv::Mat image;
  double dpi = 0;
};
AnalysisCopy MakeAnalysisCopy(const cv::Mat& grey, double dpi);

// Dark regions touching the image edge (scanner bed around the sheet) and punch holes, with
// a margin, as a mask of the analysis copy's size; empty when there are none. Thin lines
// crossing the page (StreakMask) are never bed; `with_streaks` adds them, with the margin
// (for the skew estimate: a fold need not run true to the print; the cleaned page has them
// taken away by RemoveStreaks, which keeps the strokes they cross).
cv::Mat FindEdgeDarkRegions(const AnalysisCopy& small, bool with_streaks);

// Divides `grey` by a smooth estimate of the paper made on `small` (its analysis copy):
// yellowed paper, gradients, fold shadows and rules become white, print keeps its contrast.
// Pixels under `small_mask` (may be empty) do not feed the estimate and become white.
cv::Mat NormaliseBackground(const cv::Mat& grey, const AnalysisCopy& small,
                            const cv::Mat& small_mask);

// Whitens small dark specks with no other ink nearby (diacritics always have a base
// letter within a millimetre, dust does not). Returns how many were removed.
int RemoveIsolatedSpecks(cv::Mat& grey, double dpi);

// Straight dark lines of `ink` (CV_8UC1, ink 255) crossing the page from edge to edge, down
// or across, within `max_slope` of its axis, as a mask (255 on them, with their rims): a
// fold's band in a 1-bit scan, a feeder's streak. A table's or a frame's rules stop inside the
// margins; the scanner bed is wider. `count` (may be null) receives how many lines.
cv::Mat StreakMask(const cv::Mat& ink, double dpi, double max_slope, int* count);

// Whitens the lines StreakMask finds on the upright `grey`. Returns how many.
int RemoveStreaks(cv::Mat& grey, double dpi);

// Stretches levels so that the print's core reaches black and paper reaches white; lifts
// faint toner. Returns the black level found (before stretching).
int StretchContrast(cv::Mat& grey);

// Continuous pixel coordinates: pixel (i, j) covers [i, i+1) x [j, j+1).
Affine2D Compose(const Affine2D& second, const Affine2D& first);
cv::Point2d Apply(const Affine2D& affine, cv::Point2d point);

// Exact quarter turn clockwise of a width x height raster, in continuous coordinates.
Affine2D QuadrantAffine(int clockwise_degrees, int width, int height);

}  // namespace sohoa::preprocess::internal
