// Is a PDF page's own text layer worth keeping instead of OCR? Two ways it is not:
//  - it covers only part of the page's content: a digital-signature stamp ('Ký bởi: ...
//    Thời gian ký: ...') over a scanned page, so the scan still needs OCR;
//  - it is garbage: legacy 8-bit Vietnamese fonts (TCVN3/ABC, VNI) extract as 'Ph¸t triÓn',
//    fonts without a Unicode map as private-use or replacement characters.
#include <algorithm>
#include <cstdint>
#include <opencv2/imgproc.hpp>

#include "pipeline/source_internal.h"

namespace sohoa::pipeline::internal {
namespace {

std::u32string DecodeUtf8(const std::string& text) {
  std::u32string out;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    int length = lead < 0x80           ? 1
                 : (lead >> 5) == 0x6  ? 2
                 : (lead >> 4) == 0xE  ? 3
                 : (lead >> 3) == 0x1E ? 4
                                       : 0;
    if (length == 0 || i + length > text.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; k < length; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    out.push_back(cp);
    i += length;
  }
  return out;
}

bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiLower(char32_t c) { return c >= 'a' && c <= 'z'; }

bool IsUnmappedGlyph(char32_t c) {
  return c == 0xFFFD || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
         (c >= 0xE000 && c <= 0xF8FF);
}

// TCVN3 puts tone-marked lower-case vowels on Latin-1 symbols (¸ ¶ · ¹ ¬ ® ...) and upper-case
// letters (Ó Õ Ò ...) in the middle of words; VNI spells tones as a second Latin-1 letter
// (ø û ï ö ñ ...), none of which Vietnamese itself uses.
bool IsLegacyEncodedWord(const std::u32string& word) {
  static const std::u32string kVniMarks = U"øûïöñåäëüæÿØÛÏÖÑÅÄËÜ";
  for (size_t i = 0; i < word.size(); ++i) {
    const char32_t c = word[i];
    const bool inside = i > 0 && i + 1 < word.size();
    if (c >= 0xA1 && c <= 0xBF && inside) return true;
    if (kVniMarks.find(c) != std::u32string::npos) return true;
    if (c >= 0xC0 && c <= 0xDE && i > 0 && IsAsciiLower(word[i - 1])) return true;
  }
  return false;
}

}  // namespace

bool LooksLikeGarbageText(const std::vector<PdfWord>& words) {
  int total_chars = 0, unmapped_chars = 0, lettered_words = 0, legacy_words = 0;
  for (const PdfWord& word : words) {
    const std::u32string text = DecodeUtf8(word.text);
    total_chars += static_cast<int>(text.size());
    unmapped_chars += static_cast<int>(std::count_if(text.begin(), text.end(), IsUnmappedGlyph));
    const bool has_letter = std::any_of(text.begin(), text.end(),
                                        [](char32_t c) { return IsAsciiLetter(c) || c >= 0xC0; });
    if (!has_letter) continue;
    ++lettered_words;
    if (IsLegacyEncodedWord(text)) ++legacy_words;
  }
  if (total_chars == 0) return true;
  if (unmapped_chars * 10 >= total_chars) return true;
  // Real Vietnamese has a few odd words (names, foreign terms); legacy text has many.
  return legacy_words >= 3 && legacy_words * 100 >= lettered_words * 15;
}

double InkShareCoveredByText(const cv::Mat& grey, const std::vector<PdfWord>& words) {
  if (grey.empty()) return 0;
  // Work on a coarse grid (cells ~1/100 of the page's long side): noise specks and exact
  // glyph outlines do not matter, where the ink lies does.
  const int cell = std::max(4, std::max(grey.cols, grey.rows) / 100);
  const cv::Size grid((grey.cols + cell - 1) / cell, (grey.rows + cell - 1) / cell);
  cv::Mat ink;
  cv::threshold(grey, ink, 160, 255, cv::THRESH_BINARY_INV);
  cv::Mat ink_cells;
  cv::resize(ink, ink_cells, grid, 0, 0, cv::INTER_AREA);

  cv::Mat text_mask = cv::Mat::zeros(grey.size(), CV_8UC1);
  for (const PdfWord& word : words) {
    // Pad by a fraction of the line height: glyph ink overshoots poppler's boxes slightly.
    const int pad = std::max(2, word.box.height() / 4);
    cv::rectangle(text_mask,
                  cv::Rect(cv::Point(word.box.left - pad, word.box.top - pad),
                           cv::Point(word.box.right + pad, word.box.bottom + pad)),
                  cv::Scalar(255), cv::FILLED);
  }
  cv::Mat text_cells;
  cv::resize(text_mask, text_cells, grid, 0, 0, cv::INTER_AREA);

  std::int64_t inky = 0, covered = 0;
  for (int y = 0; y < grid.height; ++y) {
    for (int x = 0; x < grid.width; ++x) {
      if (ink_cells.at<uchar>(y, x) < 3) continue;  // under ~1% ink: paper
      ++inky;
      if (text_cells.at<uchar>(y, x) > 0) ++covered;
    }
  }
  return inky == 0 ? 0 : static_cast<double>(covered) / inky;
}

bool IsRealTextLayer(const cv::Mat& grey, const std::vector<PdfWord>& words) {
  if (words.empty() || LooksLikeGarbageText(words)) return false;
  // A born-digital page's text is its ink; a full OCR layer lies over the scanned text.
  // A signature stamp covers a small corner of a scanned page's ink.
  constexpr double kMinCoveredInkShare = 0.6;
  return InkShareCoveredByText(grey, words) >= kMinCoveredInkShare;
}

std::vector<TextLine> GroupWordsIntoLines(const std::vector<PdfWord>& words) {
  std::vector<TextLine> lines;
  int block_index = 0;
  for (const PdfWord& pdf_word : words) {
    Word word{pdf_word.text, pdf_word.box, 100.0f};
    const int centre_y = (word.box.top + word.box.bottom) / 2;
    bool starts_line = lines.empty();
    if (!starts_line) {
      const TextLine& line = lines.back();
      const bool same_band = centre_y >= line.box.top && centre_y < line.box.bottom;
      const bool moves_right = word.box.left >= line.words.back().box.left;
      starts_line = !(same_band && moves_right);
      // A gap of more than ~1.5 line heights, or a jump back up, starts a new block.
      const int line_height = std::max(1, line.box.height());
      if (starts_line && (word.box.top - line.box.bottom > line_height * 3 / 2 ||
                          word.box.bottom < line.box.top)) {
        ++block_index;
      }
    }
    if (starts_line) {
      TextLine line;
      line.box = word.box;
      line.block_index = block_index;
      lines.push_back(std::move(line));
    }
    TextLine& line = lines.back();
    line.box.left = std::min(line.box.left, word.box.left);
    line.box.top = std::min(line.box.top, word.box.top);
    line.box.right = std::max(line.box.right, word.box.right);
    line.box.bottom = std::max(line.box.bottom, word.box.bottom);
    line.words.push_back(std::move(word));
  }
  return lines;
}

}  // namespace sohoa::pipeline::internal
