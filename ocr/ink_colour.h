// How coloured the pixels of a colour scan are: what tells a blue or red pen and a stamp's ink
// from black print and grey or yellowed paper, for the readers of hand-filled fields; and, in
// grey, how dark the darkest ink is.
#pragma once

#include <opencv2/core.hpp>
#include <optional>

namespace sohoa::ocr {

// Each pixel's chroma in `bgr` (CV_8UC3): its brightest channel minus its darkest, 0 for a
// grey, as CV_8UC1. With `brightest`, also each pixel's brightest channel.
cv::Mat Chroma(const cv::Mat& bgr, cv::Mat* brightest = nullptr);

// Chroma as above, less the paper's tint: the share of each pixel's colour that leans the way
// the paper of `bgr` does (yellow on yellowed or off-white paper) is not counted. A scanner
// gives black print on such paper the same cast, and in the print's dark core (BGR (5, 24, 27))
// that cast is as strong a share of the brightest channel as a blue pen's; a pen's or a red
// stamp's colour leans elsewhere and keeps its chroma. The paper is the brighter half of the
// pixels; on grey paper this is Chroma.
cv::Mat ChromaOffPaperTint(const cv::Mat& bgr, cv::Mat* brightest = nullptr);

// The grey levels that split the ink of `grey` (CV_8UC1, dark ink on light paper): Otsu's cut
// between ink and paper (ink at or below it) and the ink's core, its tenth percentile. The ink
// darker than kDarkestInkShare of the way from the core to the cut is the darkest: black print
// or a dark pen keep their strokes' cores there, a stamp's ink scanned grey and a pale pen
// fall out. nullopt when `grey` has no ink.
struct InkLevels {
  int core = 0;
  double otsu_cut = 0;
};
inline constexpr double kDarkestInkShare = 0.5;
std::optional<InkLevels> InkLevelsOf(const cv::Mat& grey);

}  // namespace sohoa::ocr
