// A generated header page whose number, day and month were left blank in print and filled in
// by hand in blue ink (a handwriting font), as in provincial archives. Header-only: used by the
// ocr and pipeline suites.
#pragma once

#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "tests/testing/fixtures.h"

namespace sohoa::testing {

enum class ScanColour { kColour, kGrey, kBilevel };

struct HandFilledHeader {
  cv::Mat image;  // CV_8UC3 BGR for kColour, else CV_8UC1 (0/255 for kBilevel)
  double dpi = 300;
  cv::Rect number_box;  // where the handwritten numeral lies (ink and some margin)
};

inline std::string HandwritingFontPath() {
  for (const char* path : {"/usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf",
                           "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf",
                           "/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf"}) {
    if (std::filesystem::exists(path)) return path;
  }
  return {};
}

// Spaces the printed form leaves for the hand-filled values.
inline constexpr const char* kNumberLine = "Số:             /QĐ-UBND";
inline constexpr const char* kDateLineStart = "Quảng Ninh, ngày ";
inline constexpr const char* kDateLineGap = "           ";

// A BGR rendering as a scanner would deliver it in `colour`.
inline cv::Mat AsScanned(const cv::Mat& canvas, ScanColour colour) {
  cv::Mat scan = canvas;
  if (colour == ScanColour::kColour) return scan;
  cv::cvtColor(canvas, scan, cv::COLOR_BGR2GRAY);
  if (colour == ScanColour::kBilevel) cv::threshold(scan, scan, 160, 255, cv::THRESH_BINARY);
  return scan;
}

inline HandFilledHeader RenderHandFilledHeader(const std::string& number, const std::string& day,
                                               const std::string& month, ScanColour colour) {
  const std::string date_line =
      std::string(kDateLineStart) + kDateLineGap + "tháng" + kDateLineGap + "năm 2025";
  std::vector<std::string> lines = {"ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH",
                                    kNumberLine,
                                    date_line,
                                    "QUYẾT ĐỊNH",
                                    "Về việc ban hành kế hoạch chuyển đổi số năm 2025",
                                    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"};
  for (const std::string& body : SampleDirectiveLines()) lines.push_back(body);
  lines.erase(lines.begin() + 6, lines.begin() + 10);  // the sample's own header
  RenderedPage page = RenderPage(lines);
  HandFilledHeader header;
  header.dpi = page.dpi;
  cv::Mat canvas;
  cv::cvtColor(page.image, canvas, cv::COLOR_GRAY2BGR);

  cv::Ptr<cv::freetype::FreeType2> print = cv::freetype::createFreeType2();
  print->loadFontData(VietnameseFontPath(), 0);
  cv::Ptr<cv::freetype::FreeType2> hand = cv::freetype::createFreeType2();
  const std::string hand_font = HandwritingFontPath();
  const int font_px = static_cast<int>(std::lround(13 / 72.0 * page.dpi));
  const cv::Scalar blue(190, 70, 20);
  auto text_width = [&](const std::string& text) {
    int baseline = 0;
    return print->getTextSize(text, font_px, -1, &baseline).width;
  };
  auto write = [&](const std::string& text, int x, const RenderedLine& line) {
    const int baseline_y = line.box.y + line.box.height * 3 / 4;
    if (!hand_font.empty()) {
      hand->loadFontData(hand_font, 0);
      hand->putText(canvas, text, cv::Point(x, baseline_y + font_px / 6), font_px * 13 / 10, blue,
                    -1, cv::LINE_AA, true);
    } else {
      cv::putText(canvas, text, cv::Point(x, baseline_y), cv::FONT_HERSHEY_SCRIPT_SIMPLEX,
                  font_px / 30.0, blue, 3, cv::LINE_AA);
    }
  };
  const RenderedLine& number_line = page.lines[1];
  const int number_x = number_line.box.x + text_width("Số: ") + font_px / 3;
  write(number, number_x, number_line);
  // From after the label to past the numeral's last stroke (a long numeral runs further than
  // the printed form's blank), as the pipeline cuts it.
  int hand_width = text_width(number) * 3 / 2;
  if (!hand_font.empty()) {
    int baseline = 0;
    hand_width = hand->getTextSize(number, font_px * 13 / 10, -1, &baseline).width;
  }
  const int number_left = number_line.box.x + text_width("Số:") + 4;
  header.number_box = cv::Rect(number_left, number_line.box.y - font_px / 2,
                               std::max(text_width("Số:             ") - text_width("Số:") - 8,
                                        number_x + hand_width + font_px / 3 - number_left),
                               number_line.box.height + font_px);
  const RenderedLine& date = page.lines[2];
  write(day, date.box.x + text_width(kDateLineStart) + font_px / 3, date);
  write(
      month,
      date.box.x + text_width(std::string(kDateLineStart) + kDateLineGap + "tháng ") + font_px / 3,
      date);

  header.image = AsScanned(canvas, colour);
  return header;
}

}  // namespace sohoa::testing
