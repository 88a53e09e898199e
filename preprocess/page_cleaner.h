// Page cleaning: from a decoded scan to the upright, deskewed, normalised grey image the
// OCR engine reads best. Pure functions on images (OpenCV only); thread-safe, no state.
//
// Conventions (the same as the corpus manifest, so measurements compare directly):
//   orientation_degrees: the scan's content is turned clockwise by this much (0/90/180/270);
//                        cleaning turns it back.
//   skew_degrees:        the content is rotated counter-clockwise by this much (small, ±15);
//                        cleaning rotates it back. The canvas grows so nothing is cut.
//                        A quarter turn keeps a small rotation's sense, so the skew measured
//                        on a sideways scan is already the skew of the upright page.
//   Affines use continuous pixel coordinates: pixel (i, j) covers [i, i+1) x [j, j+1), so
//   its centre is (i + 0.5, j + 0.5) and the image spans [0, cols] x [0, rows] (the
//   convention of PixelBox and of drawing an image as a unit square in a PDF).
#pragma once

#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "common/page_text.h"
#include "common/status.h"

namespace sohoa::preprocess {

// What the geometry analysis found on a page (before any rotation).
struct PageGeometry {
  double skew_degrees = 0;            // counter-clockwise skew of the text lines
  bool text_runs_vertically = false;  // lines run top-bottom: the page is turned 90 or 270
  // Strength of the line structure: the profile criterion at the best angle over its median
  // across ±15°, minus 1. ~0 means no text found (then skew_degrees is 0 or meaningless);
  // text pages measure ~5-60.
  double score = 0;
};

// Finds the dominant text-line direction and skew in ±15°. `source` is BGR or grey, at
// `dpi`. Robust to black borders, tables, photos and seals.
PageGeometry EstimateGeometry(const cv::Mat& source, double dpi);

// Rotates by a multiple of 90° clockwise (exact, no resampling). Negative and >= 360 values
// are taken modulo 360; values that are not multiples of 90 return an unturned copy.
cv::Mat RotateQuadrant(const cv::Mat& image, int clockwise_degrees);

struct CleanOptions {
  double target_dpi = 300;           // resample to this resolution for recognition
  bool suppress_colour_ink = true;   // red seals / blue signatures fade before OCR
  bool normalise_background = true;  // yellowed paper, gradients, fold shadows
  bool remove_borders = true;        // black scanner borders and punch holes become paper
  bool despeckle = true;
  bool remove_streaks = true;  // fold bands and feeder streaks across the page
};

struct CleanPage {
  cv::Mat image;  // CV_8UC1, upright, deskewed, at `dpi`
  double dpi = 300;
  Affine2D source_to_upright = kIdentityAffine;  // source pixel -> `image` pixel
  int orientation_degrees = 0;
  double skew_degrees = 0;
  std::vector<std::string> notes;  // what was done and measured, for the log/report
};

// Turns `source` (CV_8UC1 or CV_8UC3 BGR, at `source_dpi`) upright by
// `orientation_degrees`, removes `skew_degrees`, and cleans it for OCR. Skews under 0.05°
// are left (CleanPage.skew_degrees is then 0). The image is never binarised.
// Errors: empty/invalid input or parameters (InvalidInput), other pixel types (Unsupported).
Result<CleanPage> CleanForOcr(const cv::Mat& source, double source_dpi, int orientation_degrees,
                              double skew_degrees, const CleanOptions& options);

}  // namespace sohoa::preprocess
