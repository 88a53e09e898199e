// Page rendering for the preprocess tests. testing::RenderPage draws with cv::freetype on a
// 1-channel image, which OpenCV 4.6's FreeType2::putText rejects (it asserts 3 channels), so
// these tests render in BGR and convert. Layout as in tests/testing/fixtures.cc.
#pragma once

#include <cmath>
#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "tests/testing/fixtures.h"

namespace sohoa::preprocess::test_pages {

inline cv::Mat RenderGreyPage(const std::vector<std::string>& lines, double dpi,
                              double font_points = 13) {
  const int width = static_cast<int>(std::lround(210.0 / 25.4 * dpi));
  const int height = static_cast<int>(std::lround(297.0 / 25.4 * dpi));
  cv::Mat colour(height, width, CV_8UC3, cv::Scalar::all(255));
  cv::Ptr<cv::freetype::FreeType2> font = cv::freetype::createFreeType2();
  font->loadFontData(sohoa::testing::VietnameseFontPath(), 0);
  const int font_px = static_cast<int>(std::lround(font_points / 72.0 * dpi));
  const int left = static_cast<int>(std::lround(25.0 / 25.4 * dpi));
  int baseline_y = static_cast<int>(std::lround(25.0 / 25.4 * dpi)) + font_px;
  const int line_step = static_cast<int>(std::lround(font_px * 1.5));
  for (const std::string& text : lines) {
    if (!text.empty()) {
      font->putText(colour, text, cv::Point(left, baseline_y), font_px, cv::Scalar::all(0), -1,
                    cv::LINE_AA, true);
    }
    baseline_y += line_step;
  }
  cv::Mat grey;
  cv::cvtColor(colour, grey, cv::COLOR_BGR2GRAY);
  return grey;
}

// The sample directive `repeats` times, blank line between: a realistically full page.
inline cv::Mat DirectivePage(double dpi, int repeats = 3) {
  std::vector<std::string> lines;
  for (int i = 0; i < repeats; ++i) {
    for (const std::string& line : sohoa::testing::SampleDirectiveLines()) lines.push_back(line);
    lines.push_back("");
  }
  return RenderGreyPage(lines, dpi);
}

}  // namespace sohoa::preprocess::test_pages
