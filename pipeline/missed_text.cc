#include "pipeline/missed_text.h"

#include <algorithm>
#include <cctype>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "ocr/word_filter.h"
#include "pipeline/page_units.h"

namespace sohoa::pipeline {
namespace {

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
  // The regions are the boxes of the joined ink's 8-connected pieces: their outer contours,
  // which on a whole page cost a tenth of labelling every pixel (cv::connectedComponents).
  // RETR_CCOMP puts a piece lying in another's hole at the top level too.
  std::vector<std::vector<cv::Point>> contours;
  std::vector<cv::Vec4i> hierarchy;
  cv::findContours(joined, contours, hierarchy, cv::RETR_CCOMP, cv::CHAIN_APPROX_SIMPLE);

  // A text region is at least a line high and a short word wide, and not most of the page
  // (a photo); the seal-crossed title block of a directive is about 70 x 25 mm.
  const int min_height = MillimetresToPixels(3, dpi), min_width = MillimetresToPixels(12, dpi);
  const double max_area = 0.25 * image.cols * image.rows;
  struct Candidate {
    int ink_pixels;
    cv::Point first;  // the piece's first pixel in row order: ties go top first
    cv::Rect region;
  };
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < contours.size(); ++i) {
    if (hierarchy[i][3] >= 0) continue;  // a hole's boundary
    const cv::Rect region = cv::boundingRect(contours[i]);
    if (region.height < min_height || region.width < min_width) continue;
    if (static_cast<double>(region.area()) > max_area) continue;
    int ink_pixels = cv::countNonZero(ink(region));
    // Text covers a good share of its box; a seal ring alone or a rule does not.
    if (ink_pixels < 0.04 * region.area()) continue;
    candidates.push_back({ink_pixels, contours[i].front(), region});
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.ink_pixels != b.ink_pixels) return a.ink_pixels > b.ink_pixels;
    return a.first.y != b.first.y ? a.first.y < b.first.y : a.first.x < b.first.x;
  });
  if (static_cast<int>(candidates.size()) > max_regions) candidates.resize(max_regions);
  std::vector<cv::Rect> regions;
  for (const Candidate& candidate : candidates) regions.push_back(candidate.region);
  return regions;
}

int Overlap(const PixelBox& a, const PixelBox& b) {
  int width = std::min(a.right, b.right) - std::max(a.left, b.left);
  int height = std::min(a.bottom, b.bottom) - std::max(a.top, b.top);
  return width > 0 && height > 0 ? width * height : 0;
}

// True where `box` covers (> 40 % of either box) a word the page pass read. A recovered
// region is cut from the page as a rectangle, so its re-read can include words already read
// beside the unread ink.
bool LiesOnReadWord(const PixelBox& box, const PageText& text) {
  const double area = std::max(1, box.width() * box.height());
  for (const TextLine& line : text.lines) {
    for (const Word& word : line.words) {
      if (!HasLetterOrDigit(word.text)) continue;
      const double read_area = std::max(1, word.box.width() * word.box.height());
      const int overlap = Overlap(box, word.box);
      if (overlap > 0.4 * area || overlap > 0.4 * read_area) return true;
    }
  }
  return false;
}

// A red seal scanned grey (or faded only part way) stays as mid-grey strokes across the
// black print it covers. Where the crop's ink falls into two tones far apart, the lighter
// tone is whitened; an empty Mat when it does not (one ink tone: nothing to take away).
cv::Mat WithoutLighterInk(const cv::Mat& crop) {
  cv::Mat ink_mask;
  const double paper_split =
      cv::threshold(crop, ink_mask, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  std::vector<uchar> ink_values;
  for (int y = 0; y < crop.rows; ++y) {
    const uchar* row = crop.ptr<uchar>(y);
    for (int x = 0; x < crop.cols; ++x) {
      if (row[x] < paper_split) ink_values.push_back(row[x]);
    }
  }
  if (ink_values.size() < 200) return {};
  cv::Mat values(1, static_cast<int>(ink_values.size()), CV_8UC1, ink_values.data());
  cv::Mat split_mask;
  const double tone_split = cv::threshold(values, split_mask, 0, 255, cv::THRESH_OTSU);
  cv::Scalar dark_mean = cv::mean(values, values < tone_split);
  cv::Scalar light_mean = cv::mean(values, values >= tone_split);
  const double light_share =
      cv::countNonZero(values >= tone_split) / static_cast<double>(values.cols);
  // Print is near black; a grey seal sits well above it. Anti-aliased print edges alone make
  // a small lighter share, not a second tone of their own.
  if (light_mean[0] - dark_mean[0] < 50 || light_share < 0.25) return {};
  cv::Mat cleaned = crop.clone();
  cleaned.setTo(255, crop >= tone_split);
  return cleaned;
}

// The confident, non-junk words of a block re-read, moved into page coordinates.
std::vector<TextLine> ConfidentLines(PageText block, const cv::Rect& region,
                                     const MissedTextSettings& settings, double* score) {
  std::vector<TextLine> lines;
  *score = 0;
  for (TextLine& line : block.lines) {
    TextLine kept;
    for (Word& word : line.words) {
      if (word.confidence < settings.min_word_confidence || !HasLetterOrDigit(word.text) ||
          ocr::IsJunkWord(word.text, word.confidence)) {
        continue;
      }
      word.box = {word.box.left + region.x, word.box.top + region.y, word.box.right + region.x,
                  word.box.bottom + region.y};
      *score += word.confidence * static_cast<double>(word.text.size());
      kept.words.push_back(std::move(word));
    }
    if (!kept.words.empty()) lines.push_back(std::move(kept));
  }
  return lines;
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
    const cv::Rect region = cv::Rect(found.x - margin, found.y - margin, found.width + 2 * margin,
                                     found.height + 2 * margin) &
                            page;
    const cv::Mat crop = image(region).clone();
    Result<PageText> block = engine.RecognizeBlock(crop, dpi);
    double score = 0;
    std::vector<TextLine> candidates;
    if (block.ok()) candidates = ConfidentLines(std::move(block).value(), region, settings, &score);
    // The same region with a grey seal's strokes taken away, kept when it reads better.
    if (cv::Mat cleaned = WithoutLighterInk(crop); !cleaned.empty()) {
      Result<PageText> cleaned_block = engine.RecognizeBlock(cleaned, dpi);
      double cleaned_score = 0;
      std::vector<TextLine> cleaned_lines;
      if (cleaned_block.ok()) {
        cleaned_lines =
            ConfidentLines(std::move(cleaned_block).value(), region, settings, &cleaned_score);
      }
      if (cleaned_score > score) candidates = std::move(cleaned_lines);
    }

    // A word lying on one the page pass already read is dropped (the page's reading stays:
    // replacing doubtful page words measured worse, it overwrote hand-filled header numbers).
    std::vector<TextLine> recovered;
    int words_kept = 0;
    for (TextLine& line : candidates) {
      TextLine kept;
      kept.block_index = next_block;
      for (Word& word : line.words) {
        if (LiesOnReadWord(word.box, *text)) continue;
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
    // below its top, so a left-hand block precedes the right-hand block beside it, and after
    // the lines beside it on its left (a signer's titles follow the "Nơi nhận" list).
    const int beside_tolerance = MillimetresToPixels(3, dpi);
    auto insert_at = std::find_if(text->lines.begin(), text->lines.end(), [&](const TextLine& l) {
      const bool left_beside =
          l.box.right <= region.x + beside_tolerance && l.box.top < region.y + region.height;
      return (l.box.top + l.box.bottom) / 2 > region.y && !left_beside;
    });
    lines_added += static_cast<int>(recovered.size());
    text->quality.word_count += words_kept;
    text->lines.insert(insert_at, std::make_move_iterator(recovered.begin()),
                       std::make_move_iterator(recovered.end()));
  }
  return lines_added;
}

}  // namespace sohoa::pipeline
