// Generated test fixtures: Vietnamese pages rendered with cv::freetype in a font that has
// Vietnamese glyphs (Liberation Serif 2, Times New Roman metrics), then "scanned".
#pragma once

#include <filesystem>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace sohoa::testing {

// A font with Vietnamese glyphs (fonts-liberation2).
std::string VietnameseFontPath();

struct RenderedLine {
  std::string text;
  cv::Rect box;  // where the ink of the line lies on the rendered page
};

struct RenderedPage {
  cv::Mat image;  // CV_8UC1 white paper, black text
  double dpi = 300;
  std::vector<RenderedLine> lines;
};

// Renders `lines` (UTF-8) top to bottom on an A4 page at `dpi`, `font_points` high, left
// margin 25 mm, top margin 25 mm.
RenderedPage RenderPage(const std::vector<std::string>& lines, double dpi = 300,
                        double font_points = 13);

// A few paragraphs of a Vietnamese directive, for realistic pages.
std::vector<std::string> SampleDirectiveLines();

// Rotates the page content counter-clockwise by `degrees` about its centre on a larger
// white canvas (nothing is cut), as a skewed scan.
cv::Mat SkewPage(const cv::Mat& page, double ccw_degrees);

// A unique empty temp folder for a test, removed by the caller (or left for debugging).
std::filesystem::path MakeTempDir(const std::string& prefix);

}  // namespace sohoa::testing
