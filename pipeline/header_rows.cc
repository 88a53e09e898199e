#include "pipeline/header_rows.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "index/vietnamese_text.h"
#include "pipeline/header_anchors.h"
#include "pipeline/header_fields.h"
#include "pipeline/number_row_words.h"
#include "pipeline/page_units.h"
#include "pipeline/stamp_ink.h"
#include "preprocess/steps.h"

namespace sohoa::pipeline {
namespace {

// The number row lies within these many date-row heights above and below the date row.
constexpr double kRowsAbove = 3;
constexpr double kRowsBelow = 2.5;
// Words of one column are closer than this many row heights; the columns are further apart.
constexpr double kColumnGapRows = 1.5;
// How much of its confidence a word read from a strip without the stamp's ink keeps.
constexpr float kStrippedRowTrust = 0.5f;
// A strip read for the number row: its row and some of the rows above and below (a
// handwritten numeral stands taller than the print).
constexpr double kStripRows = 2.5;

// The band of the left header column around the date row where the number row lies, in the
// upright frame (empty when the left column is too narrow to hold it), with the date row's
// centre and height.
struct RowBand {
  PixelBox box;
  int date_row_y = 0;
  int row_height = 0;
};

RowBand NumberRowBand(const PageText& page, const HeaderSlots& slots) {
  const FieldSlot& date = slots.day ? *slots.day : *slots.month;
  // A slot's box is its row's height and half that above and below.
  const int height = std::max(1, date.box.height() / 2);
  const int row_y = CentreY(date.box);
  // The left column ends where the date row's place name ('Quảng Ninh, ngày') begins: the
  // run of words closer than a gap between columns, leftwards from the day.
  const int date_left = slots.day ? slots.day->box.left : slots.month->box.left;
  std::vector<PixelBox> row_words;
  for (const TextLine& line : page.lines) {
    for (const Word& word : line.words) {
      if (std::abs(CentreY(word.box) - row_y) <= height && word.box.right <= date_left + height) {
        row_words.push_back(word.box);
      }
    }
  }
  std::sort(row_words.begin(), row_words.end(),
            [](const PixelBox& a, const PixelBox& b) { return a.right > b.right; });
  int place_left = date_left;
  for (const PixelBox& box : row_words) {
    if (place_left - box.right > kColumnGapRows * height) break;
    place_left = std::min(place_left, box.left);
  }
  const int right =
      std::clamp(place_left - height / 3, page.width_px * 4 / 10, page.width_px * 6 / 10);
  // It begins at the header's left margin (30 mm on the form; the scan may sit shifted), or at
  // the leftmost word of the header when that lies further left.
  const int bottom = row_y + static_cast<int>(kRowsBelow * height);
  int left = page.width_px / 10;
  for (const TextLine& line : page.lines) {
    if (line.box.top > bottom) continue;  // block order: a later line may lie higher
    for (const Word& word : line.words) {
      if (index::CodePointCount(word.text) >= 2) left = std::min(left, word.box.left);
    }
  }
  left = std::max(0, left - height);
  if (right - left < 4 * height) return {};
  return {{left, std::max(0, row_y - static_cast<int>(kRowsAbove * height)), right,
           std::min(page.height_px, bottom)},
          row_y,
          height};
}

// Puts `row` (page coordinates) into `page` as a line of its own, in place of the words whose
// centre it covers (what the page pass made of the row, the stamp's marks on it).
void PutRow(std::vector<Word> row, PageText* page) {
  PixelBox box = row.front().box;
  for (const Word& word : row) {
    box.left = std::min(box.left, word.box.left);
    box.top = std::min(box.top, word.box.top);
    box.right = std::max(box.right, word.box.right);
    box.bottom = std::max(box.bottom, word.box.bottom);
  }
  for (TextLine& line : page->lines) {
    std::erase_if(line.words, [&](const Word& word) {
      const int x = (word.box.left + word.box.right) / 2, y = CentreY(word.box);
      return x >= box.left && x < box.right && y >= box.top && y < box.bottom;
    });
  }
  std::erase_if(page->lines, [](const TextLine& line) { return line.words.empty(); });
  TextLine line;
  line.box = box;
  line.words = std::move(row);
  // Before the first line level with it or below it: the number row precedes the date row.
  auto at = std::find_if(page->lines.begin(), page->lines.end(),
                         [&](const TextLine& other) { return CentreY(other.box) >= box.top; });
  line.block_index = at == page->lines.begin() ? 0 : std::prev(at)->block_index;
  page->lines.insert(at, std::move(line));
}

double MeanConfidence(const std::vector<Word>& words) {
  double sum = 0;
  for (const Word& word : words) sum += word.confidence;
  return words.empty() ? 0 : sum / words.size();
}

}  // namespace

bool RecoverNumberRow(const cv::Mat& source, ocr::OcrEngine& engine, PageText* page) {
  if (source.empty()) return false;
  const HeaderSlots slots = FindHeaderSlots(*page);
  if (!slots.day && !slots.month) return false;
  // Without the motto the date row is no header's: a later page's signature ('..., ngày ...
  // tháng ... năm' above the signer), where no strip reads a number row. Reading them all took
  // a quarter as long as the page pass itself on vn-public, six later pages of personnel files.
  if (!HasMottoWords(*page)) return false;
  const RowBand band = NumberRowBand(*page, slots);
  const PixelBox& box = band.box;
  if (box.width() <= 0 || box.height() <= 0) return false;
  // A number with its symbol in the band is the document's; one further down is a reference
  // in the body ('Quyết định số 1813/QĐ-TTg') and leaves the header's row to be found, as does
  // a symbol read cut short ('/UBND-': a stamp's frame over its end).
  if (slots.number && IsSymbolShaped(slots.number->suffix)) {
    const int y = CentreY(slots.number->box);
    if (y >= box.top && y < box.bottom && slots.number->box.left < box.right) return false;
  }
  cv::Mat uncoloured =
      WithoutColouredInk(UprightCrop(source, page->source_to_upright, box), page->dpi);
  WhitenDarkColumns(&uncoloured);
  // Faded print on grey paper reaches black, as on the page the pass read.
  preprocess::internal::StretchContrast(uncoloured);
  const cv::Mat cleaned = WithoutStraightLines(uncoloured, page->dpi);
  // Where the stamp's ink is lighter than the print (any stamp scanned grey, a colour stamp
  // where its mix with print stayed dark), the print alone. Empty for a crop without grey
  // levels; a 1-bit scan turned upright has some at its strokes' edges, and its darkest ink is
  // a sharper cut of the print. Made only when a strip of `cleaned` reads no row.
  std::optional<cv::Mat> darkest;
  auto darkest_ink = [&]() -> const cv::Mat& {
    if (!darkest) {
      darkest = DarkestInk(uncoloured);
      if (!darkest->empty()) *darkest = WithoutStraightLines(*darkest, page->dpi);
    }
    return *darkest;
  };
  // Read row by row, nearest the date row first: as one block, the stamp's tilted lines and
  // the agency lines above make Tesseract run rows together.
  const int height = band.row_height;
  const int strip_height = static_cast<int>(height * kStripRows);
  std::vector<Word> row;
  cv::Rect strip;
  // Reads the rows of `lines_out` (the band without its lines) into `row` and `strip`; false on
  // an engine failure.
  auto read_row = [&](const cv::Mat& lines_out, bool with_darkest) {
    // Every strip's reading, for the last resort below.
    std::vector<std::pair<cv::Rect, PageText>> readings;
    // Strips a row apart first: each is 2.5 rows tall, so every row lies whole in one of them.
    // Only when none of them reads it, the strips half a row between them: a row lying at a
    // strip's edge, with a stamp's small print just above it, is read run together with that
    // print, and only a strip centred on the row reads it apart.
    for (int step : {0, -2, 2, -4, 1, -1, 3}) {
      const int centre = band.date_row_y + step * height / 2 - box.top;
      strip = cv::Rect(0, centre - strip_height / 2, lines_out.cols, strip_height) &
              cv::Rect(0, 0, lines_out.cols, lines_out.rows);
      if (strip.height < height) continue;
      Result<PageText> read = engine.RecognizeBlock(lines_out(strip), page->dpi);
      if (!read.ok()) return false;
      row = NumberRowWords(*read);
      readings.emplace_back(strip, std::move(*read));
      if (row.empty() && with_darkest && !darkest_ink().empty()) {
        read = engine.RecognizeBlock(darkest_ink()(strip), page->dpi);
        if (!read.ok()) return false;
        row = NumberRowWords(*read);
        readings.emplace_back(strip, std::move(*read));
      }
      if (row.empty()) continue;
      // Taking a frame line away also takes the strokes of the print along it ('B' of 'UBND'
      // turns 'D'): the row read with the lines left in stands when it reads more surely.
      Result<PageText> lined = engine.RecognizeBlock(uncoloured(strip), page->dpi);
      if (lined.ok()) {
        std::vector<Word> lined_row = NumberRowWords(*lined);
        if (MeanConfidence(lined_row) > MeanConfidence(row)) row = std::move(lined_row);
      }
      break;
    }
    // No strip read the label: one whose label a stamp left as its 'S' alone, in the order read;
    // then one whose symbol lost its slash; then, when the page pass found no number slot, one
    // with no label read at all. (A slot the page pass cut from its label reads the numeral
    // better than one cut from a symbol alone, which takes a label read glued to the numeral
    // in: 'Sö24/UBND-VHTT'.)
    std::vector<std::vector<Word> (*)(const PageText&)> fallbacks = {&NumberRowWordsWithLabelLost,
                                                                     &NumberRowWordsWithSlashLost};
    if (!slots.number) fallbacks.push_back(&NumberRowWordsWithLabelUnread);
    for (auto* words_of : fallbacks) {
      for (size_t at = 0; row.empty() && at < readings.size(); ++at) {
        row = words_of(readings[at].second);
        strip = readings[at].first;
      }
    }
    return true;
  };
  if (!read_row(cleaned, true)) return false;
  // None read: the lines taken away again, but not where print touches them.
  if (row.empty() && !read_row(WithoutStraightLines(uncoloured, page->dpi, true), false)) {
    return false;
  }
  if (row.empty()) return false;
  std::string text;
  for (Word& word : row) {
    const int left = box.left + strip.x, top = box.top + strip.y;
    word.box = {word.box.left + left, word.box.top + top, word.box.right + left,
                word.box.bottom + top};
    // Words read where a stamp's ink was taken away are less sure than Tesseract says (a
    // frame's edge through a printed '8' leaves a confident '9'), and the numeral's own
    // re-reading (pipeline/header_fields.h) weighs the page pass's reading by its confidence.
    word.confidence *= kStrippedRowTrust;
    text += (text.empty() ? "" : " ") + word.text;
  }
  spdlog::debug("header number row re-read: '{}'", text);
  PutRow(std::move(row), page);
  return true;
}

}  // namespace sohoa::pipeline
