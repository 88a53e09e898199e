#include "ocr/ink_colour.h"

#include <vector>

namespace sohoa::ocr {

cv::Mat Chroma(const cv::Mat& bgr, cv::Mat* brightest) {
  std::vector<cv::Mat> channels;
  cv::split(bgr, channels);
  const cv::Mat high = cv::max(cv::max(channels[0], channels[1]), channels[2]);
  const cv::Mat low = cv::min(cv::min(channels[0], channels[1]), channels[2]);
  if (brightest) *brightest = high;
  return high - low;
}

}  // namespace sohoa::ocr
