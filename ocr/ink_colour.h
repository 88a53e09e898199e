// How coloured the pixels of a colour scan are: what tells a blue or red pen and a stamp's ink
// from black print and grey or yellowed paper, for the readers of hand-filled fields.
#pragma once

#include <opencv2/core.hpp>

namespace sohoa::ocr {

// Each pixel's chroma in `bgr` (CV_8UC3): its brightest channel minus its darkest, 0 for a
// grey, as CV_8UC1. With `brightest`, also each pixel's brightest channel.
cv::Mat Chroma(const cv::Mat& bgr, cv::Mat* brightest = nullptr);

}  // namespace sohoa::ocr
