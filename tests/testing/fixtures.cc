#include "tests/testing/fixtures.h"

#include <stdlib.h>

#include <cmath>
#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace sohoa::testing {

std::string VietnameseFontPath() {
  const char* candidates[] = {
      "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
      "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  };
  for (const char* path : candidates) {
    if (std::filesystem::exists(path)) return path;
  }
  throw std::runtime_error("no font with Vietnamese glyphs: install fonts-liberation2");
}

RenderedPage RenderPage(const std::vector<std::string>& lines, double dpi, double font_points) {
  RenderedPage page;
  page.dpi = dpi;
  const int width = static_cast<int>(std::lround(210.0 / 25.4 * dpi));
  const int height = static_cast<int>(std::lround(297.0 / 25.4 * dpi));
  // OpenCV 4.6's FreeType2::putText draws on 3-channel images only.
  cv::Mat canvas(height, width, CV_8UC3, cv::Scalar::all(255));
  cv::Ptr<cv::freetype::FreeType2> font = cv::freetype::createFreeType2();
  font->loadFontData(VietnameseFontPath(), 0);
  const int font_px = static_cast<int>(std::lround(font_points / 72.0 * dpi));
  const int left = static_cast<int>(std::lround(25.0 / 25.4 * dpi));
  int baseline_y = static_cast<int>(std::lround(25.0 / 25.4 * dpi)) + font_px;
  const int line_step = static_cast<int>(std::lround(font_px * 1.5));
  for (const std::string& text : lines) {
    if (!text.empty()) {
      int baseline = 0;
      cv::Size size = font->getTextSize(text, font_px, -1, &baseline);
      font->putText(canvas, text, cv::Point(left, baseline_y), font_px, cv::Scalar::all(0), -1,
                    cv::LINE_AA, true);
      page.lines.push_back(
          {text, cv::Rect(left, baseline_y - size.height, size.width, size.height + baseline)});
    }
    baseline_y += line_step;
  }
  cv::cvtColor(canvas, page.image, cv::COLOR_BGR2GRAY);
  return page;
}

std::vector<std::string> SampleDirectiveLines() {
  return {
      "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH",
      "Số: 1523/QĐ-UBND",
      "QUYẾT ĐỊNH",
      "Về việc ban hành kế hoạch chuyển đổi số năm 2025",
      "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
      "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
      "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ",
      "về công tác văn thư; xét đề nghị của Giám đốc Sở Thông tin và Truyền thông,",
      "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số của tỉnh.",
      "Điều 2. Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng, thủ trưởng",
      "các sở, ban, ngành và Chủ tịch UBND các huyện chịu trách nhiệm thi hành.",
      "Nơi nhận: như Điều 2; lưu văn thư, hồ sơ cán bộ, công chức, viên chức.",
  };
}

cv::Mat SkewPage(const cv::Mat& page, double ccw_degrees) {
  const double radians = ccw_degrees * M_PI / 180.0;
  const int width = static_cast<int>(
      std::ceil(std::abs(page.cols * std::cos(radians)) + std::abs(page.rows * std::sin(radians))));
  const int height = static_cast<int>(
      std::ceil(std::abs(page.cols * std::sin(radians)) + std::abs(page.rows * std::cos(radians))));
  cv::Mat rotation =
      cv::getRotationMatrix2D(cv::Point2f(page.cols / 2.0f, page.rows / 2.0f), ccw_degrees, 1.0);
  rotation.at<double>(0, 2) += (width - page.cols) / 2.0;
  rotation.at<double>(1, 2) += (height - page.rows) / 2.0;
  cv::Mat out;
  cv::warpAffine(page, out, rotation, cv::Size(width, height), cv::INTER_LINEAR,
                 cv::BORDER_CONSTANT, cv::Scalar::all(255));
  return out;
}

std::filesystem::path MakeTempDir(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

}  // namespace sohoa::testing
