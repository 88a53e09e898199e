// Page cleaning: from a decoded scan to the upright, deskewed, normalised grey image the
// OCR engine reads best. Pure functions on images (OpenCV only); thread-safe, no state.
//
// Conventions (the same as the corpus manifest, so measurements compare directly):
//   orientation_degrees: the scan's content is turned clockwise by this much (0/90/180/270);
//                        cleaning turns it back.
//   skew_degrees:        the content is rotated counter-clockwise by this much (small, ±15);
//                        cleaning rotates it back. The canvas grows so nothing is cut.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "common/page_text.h"
#include "common/status.h"

namespace sohoa::preprocess {

// What the geometry analysis found on a page (before any rotation).
struct PageGeometry {
  double skew_degrees = 0;           // counter-clockwise skew of the text lines
  bool text_runs_vertically = false; // lines run top-bottom: the page is turned 90 or 270
  double score = 0;                  // strength of the line structure; ~0 means no text found
};

// Finds the dominant text-line direction and skew in ±15°. `source` is BGR or grey, at
// `dpi`. Robust to black borders, tables, photos and seals.
PageGeometry EstimateGeometry(const cv::Mat& source, double dpi);

// Rotates by a multiple of 90° clockwise (exact, no resampling).
cv::Mat RotateQuadrant(const cv::Mat& image, int clockwise_degrees);

struct CleanOptions {
  double target_dpi = 300;        // resample to this resolution for recognition
  bool suppress_colour_ink = true;  // red seals / blue signatures fade before OCR
  bool normalise_background = true; // yellowed paper, gradients, fold shadows
  bool remove_borders = true;       // black scanner borders and punch holes become paper
  bool despeckle = true;
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
// `orientation_degrees`, removes `skew_degrees`, and cleans it for OCR.
Result<CleanPage> CleanForOcr(const cv::Mat& source, double source_dpi, int orientation_degrees,
                              double skew_degrees, const CleanOptions& options);

}  // namespace sohoa::preprocess
