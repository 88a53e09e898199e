// Page rendering for the preprocess tests, on the shared fixture's layout.
#pragma once

#include <string>
#include <vector>

#include "tests/testing/fixtures.h"

namespace sohoa::preprocess::test_pages {

inline cv::Mat RenderGreyPage(const std::vector<std::string>& lines, double dpi,
                              double font_points = 13) {
  return sohoa::testing::RenderPage(lines, dpi, font_points).image;
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
