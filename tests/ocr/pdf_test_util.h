// Helpers for the PDF writer tests: fixture pages turned into PageText and encoded images,
// and thin wrappers over the poppler-utils / qpdf command-line tools used as judges.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <opencv2/freetype.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <regex>
#include <string>
#include <vector>

#include "common/page_text.h"
#include "ocr/pdf_writer.h"
#include "tests/testing/fixtures.h"

namespace sohoa::ocr::pdf_test {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout
};

inline CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) result.output.append(buffer, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline std::string Quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

inline std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Splits each rendered line into words at ink gaps wider than a fraction of the line height,
// so word boxes are where the ink is, as OCR would report them.
inline PageText BuildPageText(const sohoa::testing::RenderedPage& page) {
  PageText text;
  text.width_px = page.image.cols;
  text.height_px = page.image.rows;
  text.dpi = page.dpi;
  for (const sohoa::testing::RenderedLine& rendered : page.lines) {
    const cv::Rect box = rendered.box & cv::Rect(0, 0, page.image.cols, page.image.rows);
    cv::Mat ink = page.image(box) < 128;
    cv::Mat columns;
    cv::reduce(ink, columns, 0, cv::REDUCE_MAX);
    const int min_gap = std::max(3, box.height / 6);
    std::vector<std::pair<int, int>> spans;  // [start, end) in line columns
    int start = -1, last_ink = -1;
    for (int x = 0; x < columns.cols; ++x) {
      if (columns.at<uchar>(0, x) == 0) continue;
      if (start < 0) {
        start = x;
      } else if (x - last_ink - 1 >= min_gap) {
        spans.push_back({start, last_ink + 1});
        start = x;
      }
      last_ink = x;
    }
    if (start >= 0) spans.push_back({start, last_ink + 1});

    std::vector<std::string> words;
    std::string current;
    for (char c : rendered.text + " ") {
      if (c != ' ') {
        current += c;
      } else if (!current.empty()) {
        words.push_back(current);
        current.clear();
      }
    }
    EXPECT_EQ(spans.size(), words.size()) << "ink gaps do not match words of: " << rendered.text;
    if (spans.size() != words.size()) continue;
    TextLine line;
    line.box = {box.x, box.y, box.x + box.width, box.y + box.height};
    for (size_t i = 0; i < words.size(); ++i) {
      line.words.push_back(
          {words[i],
           {box.x + spans[i].first, box.y, box.x + spans[i].second, box.y + box.height},
           95});
    }
    text.lines.push_back(line);
  }
  return text;
}

inline EncodedImage EncodeJpeg(const cv::Mat& grey, int quality = 75) {
  std::vector<uchar> bytes;
  cv::imencode(".jpg", grey, bytes, {cv::IMWRITE_JPEG_QUALITY, quality});
  EncodedImage image;
  image.encoding = EncodedImage::Encoding::kJpeg;
  image.data.assign(bytes.begin(), bytes.end());
  image.width = grey.cols;
  image.height = grey.rows;
  image.components = grey.channels();
  return image;
}

// Renders one page with pdftoppm as 8-bit grey.
inline cv::Mat RenderPage(const std::filesystem::path& pdf, int page, int dpi) {
  const std::filesystem::path base = pdf.parent_path() / ("render-" + std::to_string(page));
  RunCommand("pdftoppm -r " + std::to_string(dpi) + " -gray -singlefile -f " +
             std::to_string(page) + " -l " + std::to_string(page) + " " + Quoted(pdf) + " " +
             Quoted(base));
  return cv::imread(base.string() + ".pgm", cv::IMREAD_GRAYSCALE);
}

struct ExtractedWord {
  std::string text;
  double x_min = 0, y_min = 0, x_max = 0, y_max = 0;  // points, top-left origin
};

// Words of one page from `pdftotext -bbox-layout`.
inline std::vector<ExtractedWord> ExtractWords(const std::filesystem::path& pdf, int page) {
  const std::string html = RunCommand("pdftotext -bbox-layout -f " + std::to_string(page) + " -l " +
                                      std::to_string(page) + " " + Quoted(pdf) + " -")
                               .output;
  static const std::regex kWord(
      R"re(<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">([^<]*)</word>)re");
  std::vector<ExtractedWord> words;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kWord);
       it != std::sregex_iterator(); ++it) {
    words.push_back({(*it)[5].str(), std::stod((*it)[1].str()), std::stod((*it)[2].str()),
                     std::stod((*it)[3].str()), std::stod((*it)[4].str())});
  }
  return words;
}

// Share of the dark pixels of `render` (at `render_dpi`) that fall inside the line boxes of
// `text`, each grown by `margin_pt`.
inline double InkShareInsideLines(const cv::Mat& render, int render_dpi, const PageText& text,
                                  double margin_pt) {
  cv::Mat mask(render.size(), CV_8U, cv::Scalar(0));
  const double scale = render_dpi / text.dpi;
  const double margin = margin_pt * render_dpi / 72.0;
  for (const TextLine& line : text.lines) {
    cv::Rect r(cv::Point(static_cast<int>(line.box.left * scale - margin),
                         static_cast<int>(line.box.top * scale - margin)),
               cv::Point(static_cast<int>(line.box.right * scale + margin + 1),
                         static_cast<int>(line.box.bottom * scale + margin + 1)));
    mask(r & cv::Rect(0, 0, mask.cols, mask.rows)).setTo(255);
  }
  cv::Mat dark = render < 128;
  const double all = cv::countNonZero(dark);
  if (all == 0) return 0;
  cv::Mat inside;
  cv::bitwise_and(dark, mask, inside);
  return cv::countNonZero(inside) / all;
}

inline sohoa::testing::RenderedPage FixturePage(int line_count, double dpi = 200) {
  std::vector<std::string> lines = sohoa::testing::SampleDirectiveLines();
  lines.resize(std::min<size_t>(lines.size(), line_count));
  return sohoa::testing::RenderPage(lines, dpi);
}

inline DocumentInfo TestInfo() {
  DocumentInfo info;
  info.title = "Quyết định 1523/QĐ-UBND";
  info.source_name = "scans/quyết định.jpg";
  info.source_sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  info.settings_digest = "settings-1";
  info.catalog_json = R"({"số":"1523/QĐ-UBND","note":"a<b & c>d"})";
  info.create_date_iso = "2025-03-05T10:20:30+07:00";
  return info;
}

}  // namespace sohoa::ocr::pdf_test
