#include "pipeline/agency_block.h"

#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "index/agency_name.h"
#include "index/vietnamese_text.h"
#include "pipeline/header_anchors.h"
#include "pipeline/header_fields.h"
#include "pipeline/page_units.h"
#include "pipeline/stamp_ink.h"

namespace sohoa::pipeline {
namespace {

// The block starts this many motto word heights above the motto's first row: the superior
// body's line is level with it, give or take the page's leftover skew.
constexpr double kRowsAboveMotto = 0.75;
// A line of the block with fewer letters is a speck or stroke read as one.
constexpr int kFewestLetters = 3;
// A reading of the block this good in its first rendering (the frame's lines taken away) is
// taken without reading the others: this many well-formed words (a name and its parent's, or
// a council's with its unit and place; two words may be what a stamp left of them), each at
// least this sure.
constexpr int kFewestCleanWords = 4;
constexpr float kCleanWordConfidence = 85;
// The block's right side keeps this many motto word heights clear of the motto.
constexpr double kMottoClearance = 0.3;

// The top of the row of a slot whose box is its row and half the row's height above and below.
int SlotRowTop(const FieldSlot& slot) { return slot.box.top + slot.box.height() / 4; }

// A word of no letters or digits: a speck OCR read.
bool IsSpeck(const Word& word) { return BareKey(word.text).empty(); }

// A stamp field's value as read: its digits and the dots of the fill-in line, more of them than
// letters ('..29', '21/3'; not 'U8ND', the agency's 'UBND' a stamp's digit ran into).
bool IsFieldValue(const std::string& text) {
  int letters = 0, others = 0;
  for (unsigned char c : index::FoldVietnamese(text)) {
    (std::isalpha(c) ? letters : others) += 1;
  }
  return HasDigit(text) || text.find("..") != std::string::npos ? others > letters : false;
}

std::string LineKey(const TextLine& line) {
  std::string key;
  for (const Word& word : line.words) key += (key.empty() ? "" : " ") + BareKey(word.text);
  return key;
}

// An incoming-mail stamp's title: 'CÔNG VĂN ĐẾN', or its 'ĐẾN' alone.
bool IsStampTitle(const TextLine& line) {
  const std::string key = LineKey(line);
  return key.find("van den") != std::string::npos || BareKey(key) == "den";
}

// True when words[i] is a stamp field's label ('Số:', 'Ngày', 'Chuyển:'): a word with a colon
// (no agency's name has one) whatever OCR made of its letters ('Ngy:'), maybe with its value
// glued on ('Ngy:21/3'); or 'Số' ('SỞ' folds alike) with a value after it.
bool IsFieldLabel(const std::vector<Word>& words, size_t i) {
  const std::string& text = words[i].text;
  const std::string key = BareKey(text);
  const size_t colon = text.find(':');
  if (colon != std::string::npos && colon > 0 &&
      (colon + 1 == text.size() || IsFieldValue(text.substr(colon + 1)))) {
    return true;
  }
  if (key == "ngay" || key == "chuyen") return true;
  return IsNumberLabelWord(text) && i + 1 < words.size() && IsFieldValue(words[i + 1].text);
}

// A word with lower-case letters ('khan', 'Chuyển', 'Tàn'): the stamp's small print, or its
// marks read as letters; an agency's name is printed in capitals.
bool HasLowerCase(const std::string& text) {
  int lower = 0;
  for (unsigned char c : index::FoldVietnamese(text)) lower += std::islower(c) != 0;
  return lower >= 2;
}

// A consonant alone ('l', '.C'): a speck or a stroke read as a letter; no word of a name.
bool IsStrayLetter(const Word& word) {
  const std::string key = BareKey(word.text);
  return key.size() == 1 && std::isalpha(static_cast<unsigned char>(key[0])) &&
         !index::IsVietnameseSyllable(key);
}

// Which words of `line` (not a stamp's title) are no part of an agency's name: an incoming-mail
// stamp's fields' labels and the values after them ('Ngày: 21/3'), which may lie in the
// agency's line level with them ('Ngày: 21/3 UBND TỈNH QUẢNG NINH'); words with lower case;
// specks and consonants alone; a value opening the line (a stamp's number cut off from its
// label by the block's side: no agency's line opens with digits).
std::vector<bool> StrayWords(const TextLine& line) {
  const std::vector<Word>& words = line.words;
  std::vector<bool> stray(words.size(), false);
  bool opening = true;
  for (size_t i = 0; i < words.size(); ++i) {
    if (IsFieldLabel(words, i)) {
      stray[i] = true;
      while (i + 1 < words.size() && IsFieldValue(words[i + 1].text)) stray[++i] = true;
      continue;
    }
    stray[i] = IsSpeck(words[i]) || HasLowerCase(words[i].text) || IsStrayLetter(words[i]) ||
               (opening && IsFieldValue(words[i].text));
    opening = opening && stray[i];
  }
  return stray;
}

struct BlockReading {
  std::vector<std::string> lines;
  double confidence = 0;  // the kept words' mean
  int form_score = 0;     // well-formed words less malformed ones (index::NameFormOf)
  // Read whole and clean: no stamp's line or stray word left out, no malformed word, every
  // word sure. Another rendering reads such a block no better.
  bool clean = false;
};

// The lines of `read` (the block read as one) without the stamp's own words, nor the receiving
// body's name printed above its title, smaller than the title (where the stamp's ink stayed,
// that name reads as an agency's).
BlockReading AgencyLines(const PageText& read) {
  struct Kept {
    std::string text;
    size_t line = 0;
    double confidence_sum = 0;
    int words = 0;
  };
  std::vector<Kept> kept;
  bool left_out = false;
  float least_confidence = 100;
  for (size_t i = 0; i < read.lines.size(); ++i) {
    const TextLine& line = read.lines[i];
    if (IsStampTitle(line)) {
      left_out = true;
      if (!kept.empty() && kept.back().line + 1 == i &&
          read.lines[i - 1].box.height() < line.box.height()) {
        kept.pop_back();
      }
      continue;
    }
    Kept entry{.line = i};
    const std::vector<bool> stray = StrayWords(line);
    for (size_t w = 0; w < line.words.size(); ++w) {
      left_out |= stray[w];
      if (stray[w]) continue;
      least_confidence = std::min(least_confidence, line.words[w].confidence);
      entry.text += (entry.text.empty() ? "" : " ") + line.words[w].text;
      entry.confidence_sum += line.words[w].confidence;
      ++entry.words;
    }
    // A speck or a stroke read as a letter or two between the name's lines ('.C', 'k').
    int letters = 0;
    for (unsigned char c : index::FoldVietnamese(entry.text)) letters += std::isalpha(c) != 0;
    if (letters >= kFewestLetters) {
      kept.push_back(std::move(entry));
    } else {
      left_out = true;
    }
  }
  BlockReading reading;
  double sum = 0;
  int words = 0;
  for (Kept& entry : kept) {
    reading.lines.push_back(std::move(entry.text));
    sum += entry.confidence_sum;
    words += entry.words;
  }
  reading.confidence = words > 0 ? sum / words : 0;
  std::string all;
  for (const std::string& line : reading.lines) all += line + " ";
  const index::NameForm form = index::NameFormOf(all);
  reading.form_score = form.well_formed - form.malformed;
  reading.clean = !left_out && form.malformed == 0 && form.well_formed >= kFewestCleanWords &&
                  least_confidence >= kCleanWordConfidence;
  return reading;
}

struct BlockPlace {
  PixelBox box;
  MottoPlace motto;
};

std::optional<BlockPlace> PlaceBlock(const PageText& page) {
  const std::optional<MottoPlace> motto = FindMotto(page);
  if (!motto) return std::nullopt;
  const int top = std::max(0, motto->top - static_cast<int>(kRowsAboveMotto * motto->height));
  const HeaderSlots slots = FindHeaderSlots(page);
  int bottom = page.height_px;
  for (const std::optional<FieldSlot>* slot : {&slots.number, &slots.day, &slots.month}) {
    if (*slot && SlotRowTop(**slot) > motto->top + motto->height) {
      bottom = std::min(bottom, SlotRowTop(**slot));
    }
  }
  if (bottom == page.height_px) return std::nullopt;
  // The second row is centred under the first and starts right of it.
  const int right = std::max(motto->first_left.value_or(0), motto->second_left.value_or(0)) -
                    static_cast<int>(kMottoClearance * motto->height);
  // The header's left margin (30 mm on the form; the scan may sit shifted), or the leftmost
  // word of the block's rows when that lies further left.
  int left = page.width_px / 10;
  for (const TextLine& line : page.lines) {
    for (const Word& word : line.words) {
      if (word.box.top >= top && word.box.bottom <= bottom && word.box.right <= right &&
          index::CodePointCount(word.text) >= 2) {
        left = std::min(left, word.box.left);
      }
    }
  }
  left = std::max(0, left - motto->height);
  if (right - left < 4 * motto->height || bottom - top < 2 * motto->height) return std::nullopt;
  return BlockPlace{{left, top, right, bottom}, *motto};
}

}  // namespace

std::vector<std::string> AgencyBlockLines(const PageText& read) { return AgencyLines(read).lines; }

std::optional<PixelBox> AgencyBlockBox(const PageText& page) {
  const std::optional<BlockPlace> place = PlaceBlock(page);
  if (!place) return std::nullopt;
  return place->box;
}

std::vector<std::string> ReadAgencyBlock(const cv::Mat& upright, ocr::OcrEngine& engine,
                                         const PageText& page) {
  if (upright.empty()) return {};
  const std::optional<BlockPlace> place = PlaceBlock(page);
  if (!place) return {};
  const PixelBox& box = place->box;
  const cv::Rect crop_rect = cv::Rect(box.left, box.top, box.width(), box.height()) &
                             cv::Rect(0, 0, upright.cols, upright.rows);
  if (crop_rect.empty()) return {};
  cv::Mat grey = upright(crop_rect).clone();
  // The motto's words the crop took in go.
  const int pad = place->motto.height / 6;
  for (const PixelBox& word : place->motto.first_row_words) {
    const cv::Rect inside = cv::Rect(word.left - pad - crop_rect.x, word.top - pad - crop_rect.y,
                                     word.width() + 2 * pad, word.height() + 2 * pad) &
                            cv::Rect(0, 0, grey.cols, grey.rows);
    if (!inside.empty()) grey(inside).setTo(255);
  }
  // Taking a frame's side away also takes a letter's stroke along it ('H' loses a stem): the
  // block read with the lines left in stands when it reads better. A stamp scanned grey
  // (or a colour stamp's mix with the print) is lighter than the print: its darkest ink alone.
  // Each rendering is made only when those before it read no clean block: taking the lines
  // away turns the crop seventeen times.
  const cv::Mat darkest = DarkestInk(grey);
  const int rendering_count = darkest.empty() ? 2 : 3;
  auto rendering = [&](int index) -> cv::Mat {
    if (index == 0) return WithoutStraightLines(grey, page.dpi);
    if (index == 1) return grey;
    return WithoutStraightLines(darkest, page.dpi);
  };
  std::optional<BlockReading> best;
  int renderings_read = 0;
  for (int index = 0; index < rendering_count; ++index) {
    ++renderings_read;
    Result<PageText> read = engine.RecognizeBlock(rendering(index), page.dpi);
    if (!read.ok()) continue;
    BlockReading reading = AgencyLines(*read);
    // The best formed, then the surest: Tesseract is sure of a garble ('CHINHÁNH') as often.
    if (!best || reading.form_score > best->form_score ||
        (reading.form_score == best->form_score && reading.confidence > best->confidence)) {
      best = std::move(reading);
    }
    if (best->clean) break;
  }
  if (!best) return {};
  spdlog::debug("agency block re-read in [{},{},{},{}] from {} of {} renderings: '{}' ({:.0f})",
                box.left, box.top, box.right, box.bottom, renderings_read, rendering_count,
                fmt::join(best->lines, " | "), best->confidence);
  return best->lines;
}

}  // namespace sohoa::pipeline
