#include "pipeline/date_anchor.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <string>
#include <vector>

#include "index/vietnamese_text.h"
#include "pipeline/header_anchors.h"
#include "pipeline/header_fields.h"
#include "pipeline/number_slot_ink.h"
#include "pipeline/page_units.h"

namespace sohoa::pipeline {
namespace {

constexpr int kAnchorCodePoints = 4;  // 'ngày'
// How many row heights left of the day's slot the anchor is looked for, at most.
constexpr int kReachRows = 3;

// Where the ink of the word in `box` (of `crop`) ends: at the first run of ink-free columns at
// least a sixth of the word's height wide, looked for past its first letters (an 'n' and a
// 'g', about a height), in the rows above its descenders; the box's right when there is none.
int InkEnd(const cv::Mat& crop, const PixelBox& box) {
  const cv::Rect whole(0, 0, crop.cols, crop.rows);
  const int centre = CentreY(box);
  const cv::Rect core = cv::Rect(box.left, centre - box.height() / 2, box.width(),
                                 box.height() / 2 + box.height() / 6) &
                        whole;
  if (core.width <= 0 || core.height <= 0) return box.right;
  cv::Mat ink;
  cv::threshold(crop(core), ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  const int least_gap = std::max(2, box.height() / 6);
  int gap = 0;
  for (int column = std::min(box.height(), core.width); column < core.width; ++column) {
    gap = cv::countNonZero(ink.col(column)) == 0 ? gap + 1 : 0;
    if (gap == least_gap) return core.x + column - gap + 1;
  }
  return box.right;
}

// The words `word` (read in `crop`) is: 'ngày' alone, or 'ngày' and the pen value read glued
// after it ('ngày80'), cut at the gap in the ink between them. Empty when it is no 'ngày'.
std::vector<Word> AnchorWords(const Word& word, const cv::Mat& crop) {
  const std::string anchor = DropCodePoints(word.text, 0, kAnchorCodePoints);
  if (index::FoldVietnamese(anchor) != "ngay") return {};
  const int chars = index::CodePointCount(word.text);
  if (chars == kAnchorCodePoints) {
    // Tesseract may have taken the pen's first stroke into the word's box and dropped it: the
    // anchor ends where its ink does, at the first gap wider than one between its letters.
    Word anchor_word = word;
    anchor_word.box.right = InkEnd(crop, word.box);
    return {anchor_word};
  }
  // Pen digits are wider than the printed letters whose share of the box by code points the
  // cut would take: it falls inside the first digit, and the gap lies left of it. The gap is
  // looked for above the descenders ('g', 'y'), which bridge it below the baseline.
  const PixelBox& box = word.box;
  const int estimate = box.left + box.width() * kAnchorCodePoints / chars;
  const int centre = CentreY(box);
  const int cut = InkGapBefore(crop, estimate, box.left + (estimate - box.left) / 2,
                               centre - box.height() / 2, centre + box.height() / 6)
                      .value_or(estimate);
  Word anchor_word = word, value_word = word;
  anchor_word.text = anchor;
  anchor_word.box.right = cut;
  value_word.text = DropCodePoints(word.text, kAnchorCodePoints, chars);
  value_word.box.left = cut;
  return {anchor_word, value_word};
}

}  // namespace

bool RecoverDayAnchor(const cv::Mat& source, ocr::OcrEngine& engine, PageText* page) {
  if (source.empty()) return false;
  const HeaderSlots slots = FindHeaderSlots(*page);
  if (!slots.day || !slots.day->anchor_unread) return false;
  const FieldSlot& day = *slots.day;
  // The slot was cut a few row heights left of 'tháng' and may have cut the anchor: the crop
  // reaches back to the word before it on the row (the place name), or a little further.
  PixelBox box = day.box;
  const int row_height = std::max(1, day.box.height() / 2);
  int reach_left = box.left - kReachRows * row_height;
  for (const Word& word : page->lines[day.line].words) {
    if (word.box.right <= box.left) reach_left = std::max(reach_left, word.box.right + 1);
  }
  box.left = std::max(std::min(box.left, reach_left), 0);
  box.top = std::max(box.top, 0);
  box.right = std::min(box.right, page->width_px);
  box.bottom = std::min(box.bottom, page->height_px);
  if (box.width() < 4 || box.height() < 4) return false;
  cv::Mat crop = UprightCrop(source, page->source_to_upright, box);
  if (crop.channels() == 3) cv::cvtColor(crop, crop, cv::COLOR_BGR2GRAY);
  Result<PageText> read = engine.RecognizeBlock(crop, page->dpi);
  if (!read.ok()) return false;
  for (const TextLine& line : read->lines) {
    for (const Word& read_word : line.words) {
      std::vector<Word> found = AnchorWords(read_word, crop);
      if (found.empty()) continue;
      PixelBox covered = read_word.box;
      covered = {covered.left + box.left, covered.top + box.top, covered.right + box.left,
                 covered.bottom + box.top};
      std::vector<Word>& words = page->lines[day.line].words;
      // What the page pass made of the same ink (a speck, a stroke) goes.
      std::erase_if(words, [&](const Word& old) {
        const int x = (old.box.left + old.box.right) / 2, y = CentreY(old.box);
        return x >= covered.left && x < covered.right && y >= covered.top && y < covered.bottom;
      });
      auto at = std::find_if(words.begin(), words.end(),
                             [&](const Word& other) { return other.box.left >= covered.left; });
      spdlog::debug("header date anchor re-read: '{}'", read_word.text);
      for (Word& word : found) {
        word.box = {word.box.left + box.left, word.box.top + box.top, word.box.right + box.left,
                    word.box.bottom + box.top};
        at = std::next(words.insert(at, std::move(word)));
      }
      return true;
    }
  }
  return false;
}

}  // namespace sohoa::pipeline
