#include "ocr/ink_colour.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace sohoa::ocr {
namespace {

// Below this length (of the paper's deviation from grey, in levels) the paper is taken as grey:
// white paper's noise gives no direction to discount.
constexpr double kLeastTint = 4.0;

}  // namespace

cv::Mat Chroma(const cv::Mat& bgr, cv::Mat* brightest) {
  std::vector<cv::Mat> channels;
  cv::split(bgr, channels);
  const cv::Mat high = cv::max(cv::max(channels[0], channels[1]), channels[2]);
  const cv::Mat low = cv::min(cv::min(channels[0], channels[1]), channels[2]);
  if (brightest) *brightest = high;
  return high - low;
}

cv::Mat ChromaOffPaperTint(const cv::Mat& bgr, cv::Mat* brightest) {
  if (bgr.empty() || bgr.type() != CV_8UC3) return Chroma(bgr, brightest);
  cv::Mat grey;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  std::vector<uchar> levels(grey.begin<uchar>(), grey.end<uchar>());
  std::nth_element(levels.begin(), levels.begin() + levels.size() / 2, levels.end());
  const uchar median = levels[levels.size() / 2];
  const cv::Scalar paper = cv::mean(bgr, grey >= median);
  const double paper_grey = (paper[0] + paper[1] + paper[2]) / 3;
  double tint[3] = {paper[0] - paper_grey, paper[1] - paper_grey, paper[2] - paper_grey};
  const double length = std::sqrt(tint[0] * tint[0] + tint[1] * tint[1] + tint[2] * tint[2]);
  if (length < kLeastTint) return Chroma(bgr, brightest);
  for (double& part : tint) part /= length;
  cv::Mat chroma(bgr.size(), CV_8UC1), high(bgr.size(), CV_8UC1);
  for (int y = 0; y < bgr.rows; ++y) {
    const cv::Vec3b* pixel = bgr.ptr<cv::Vec3b>(y);
    uchar* out = chroma.ptr<uchar>(y);
    uchar* out_high = high.ptr<uchar>(y);
    for (int x = 0; x < bgr.cols; ++x) {
      const double mean = (pixel[x][0] + pixel[x][1] + pixel[x][2]) / 3.0;
      double off[3] = {pixel[x][0] - mean, pixel[x][1] - mean, pixel[x][2] - mean};
      const double along = off[0] * tint[0] + off[1] * tint[1] + off[2] * tint[2];
      if (along > 0) {
        for (int c = 0; c < 3; ++c) off[c] -= along * tint[c];
      }
      const double most = std::max({off[0], off[1], off[2]});
      const double least = std::min({off[0], off[1], off[2]});
      out[x] = cv::saturate_cast<uchar>(most - least);
      out_high[x] = std::max({pixel[x][0], pixel[x][1], pixel[x][2]});
    }
  }
  if (brightest) *brightest = high;
  return chroma;
}

std::optional<InkLevels> InkLevelsOf(const cv::Mat& grey) {
  cv::Mat ink;
  const double otsu_cut = cv::threshold(grey, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  const int ink_count = cv::countNonZero(ink);
  if (ink_count == 0) return std::nullopt;
  int histogram[256] = {};
  for (int y = 0; y < grey.rows; ++y) {
    const uchar* row = grey.ptr<uchar>(y);
    for (int x = 0; x < grey.cols; ++x) ++histogram[row[x]];
  }
  int core = 0;
  for (int seen = 0; core < 256 && (seen += histogram[core]) * 10 < ink_count;) ++core;
  return InkLevels{core, otsu_cut};
}

}  // namespace sohoa::ocr
