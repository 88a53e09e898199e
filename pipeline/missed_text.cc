#include "pipeline/missed_text.h"

#include <algorithm>
#include <cctype>
#include <opencv2/imgproc.hpp>

#include "ocr/word_filter.h"

namespace sohoa::pipeline {
namespace {

int MillimetresToPixels(double millimetres, double dpi) {
  return std::max(1, static_cast<int>(millimetres / 25.4 * dpi + 0.5));
}

bool HasLetterOrDigit(const std::string& utf8) {
  for (unsigned char c : utf8) {
    if (c >= 0x80 || std::isalnum(c)) return true;  // any non-ASCII byte: Vietnamese letters
  }
  return false;
}

// Ink (dark pixels) not covered by any recognised word, grown so that the letters of a
// line and the lines of a block join into one region.
std::vector<cv::Rect> UnreadInkRegions(const cv::Mat& image, double dpi, const PageText& text,
                                       int max_regions) {
  cv::Mat ink;
  cv::threshold(image, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  const int word_margin = MillimetresToPixels(0.7, dpi);
  for (const TextLine& line : text.lines) {
    for (const Word& word : line.words) {
      // Tesseract can return a blank "word" spanning a whole picture-like region: it read
      // nothing there, so its ink stays unread.
      if (!HasLetterOrDigit(word.text)) continue;
      cv::Rect box(word.box.left - word_margin, word.box.top - word_margin,
                   word.box.width() + 2 * word_margin, word.box.height() + 2 * word_margin);
      box &= cv::Rect(0, 0, ink.cols, ink.rows);
      ink(box).setTo(0);
    }
  }
  cv::Mat joined;
  cv::dilate(ink, joined,
             cv::getStructuringElement(cv::MORPH_RECT,
                                       {MillimetresToPixels(3, dpi), MillimetresToPixels(2, dpi)}));
  cv::Mat labels, stats, centroids;
  int count = cv::connectedComponentsWithStats(joined, labels, stats, centroids, 8, CV_32S);

  // A text region is at least a line high and a short word wide, and not most of the page
  // (a photo); the seal-crossed title block of a directive is about 70 x 25 mm.
  const int min_height = MillimetresToPixels(3, dpi), min_width = MillimetresToPixels(12, dpi);
  const double max_area = 0.25 * image.cols * image.rows;
  std::vector<std::pair<int, cv::Rect>> candidates;  // (ink pixels, region)
  for (int label = 1; label < count; ++label) {
    cv::Rect region(stats.at<int>(label, cv::CC_STAT_LEFT), stats.at<int>(label, cv::CC_STAT_TOP),
                    stats.at<int>(label, cv::CC_STAT_WIDTH),
                    stats.at<int>(label, cv::CC_STAT_HEIGHT));
    if (region.height < min_height || region.width < min_width) continue;
    if (static_cast<double>(region.area()) > max_area) continue;
    int ink_pixels = cv::countNonZero(ink(region));
    // Text covers a good share of its box; a seal ring alone or a rule does not.
    if (ink_pixels < 0.04 * region.area()) continue;
    candidates.emplace_back(ink_pixels, region);
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  if (static_cast<int>(candidates.size()) > max_regions) candidates.resize(max_regions);
  std::vector<cv::Rect> regions;
  for (const auto& [ink_pixels, region] : candidates) regions.push_back(region);
  return regions;
}

}  // namespace

int RecoverMissedText(const cv::Mat& image, double dpi, ocr::OcrEngine& engine,
                      const MissedTextSettings& settings, PageText* text) {
  if (image.empty() || image.type() != CV_8UC1) return 0;
  const int margin = MillimetresToPixels(1.5, dpi);
  const cv::Rect page(0, 0, image.cols, image.rows);
  int lines_added = 0;
  int next_block = 0;
  for (const TextLine& line : text->lines) next_block = std::max(next_block, line.block_index + 1);

  for (const cv::Rect& found : UnreadInkRegions(image, dpi, *text, settings.max_regions)) {
    cv::Rect region = cv::Rect(found.x - margin, found.y - margin, found.width + 2 * margin,
                               found.height + 2 * margin) &
                      page;
    Result<PageText> block = engine.RecognizeBlock(image(region).clone(), dpi);
    if (!block.ok()) continue;
    std::vector<TextLine> recovered;
    int words_kept = 0;
    for (TextLine& line : block->lines) {
      TextLine kept;
      kept.block_index = next_block;
      for (Word& word : line.words) {
        if (word.confidence < settings.min_word_confidence || !HasLetterOrDigit(word.text) ||
            ocr::IsJunkWord(word.text, word.confidence)) {
          continue;
        }
        word.box = {word.box.left + region.x, word.box.top + region.y, word.box.right + region.x,
                    word.box.bottom + region.y};
        kept.words.push_back(std::move(word));
      }
      if (kept.words.empty()) continue;
      kept.box = {kept.words.front().box.left, kept.words.front().box.top,
                  kept.words.back().box.right, kept.words.front().box.bottom};
      for (const Word& word : kept.words) {
        kept.box.top = std::min(kept.box.top, word.box.top);
        kept.box.bottom = std::max(kept.box.bottom, word.box.bottom);
      }
      words_kept += static_cast<int>(kept.words.size());
      recovered.push_back(std::move(kept));
    }
    if (words_kept < settings.min_words_per_region) continue;
    ++next_block;
    // A recovered block is a block of its own; it goes before the first line that starts
    // below its top, so a left-hand block precedes the right-hand block beside it.
    auto insert_at = std::find_if(text->lines.begin(), text->lines.end(), [&](const TextLine& l) {
      return (l.box.top + l.box.bottom) / 2 > region.y;
    });
    lines_added += static_cast<int>(recovered.size());
    text->quality.word_count += words_kept;
    text->lines.insert(insert_at, std::make_move_iterator(recovered.begin()),
                       std::make_move_iterator(recovered.end()));
  }
  return lines_added;
}

}  // namespace sohoa::pipeline
