// Finding the header's number, day and month slots from the printed anchors in the page's
// words (pipeline/header_fields.h FindHeaderSlots).

#include <algorithm>
#include <cctype>
#include <functional>
#include <vector>

#include "index/document_symbols.h"
#include "index/vietnamese_text.h"
#include "pipeline/header_anchors.h"
#include "pipeline/header_fields.h"
#include "pipeline/page_units.h"

namespace sohoa::pipeline {
namespace {

// The header (agency, number, motto, place and date) fills the top of the first page.
constexpr double kHeaderShare = 0.45;

class HeaderWords {
 public:
  explicit HeaderWords(const PageText& page) : page_(page) {
    const int header_bottom = static_cast<int>(page.height_px * kHeaderShare);
    // Lines come in Tesseract's block order, not top to bottom: a speck's line far down the
    // page may come before the header's.
    for (size_t i = 0; i < page.lines.size(); ++i) {
      if (page.lines[i].box.top > header_bottom) continue;
      for (size_t w = 0; w < page.lines[i].words.size(); ++w) {
        const Word& word = page.lines[i].words[w];
        PixelBox anchor_box;
        refs_.push_back({static_cast<int>(i), static_cast<int>(w)});
        keys_.push_back(DateAnchorKey(word, HeaderKey(word.text), &anchor_box));
        anchor_boxes_.push_back(anchor_box);
      }
    }
  }
  size_t size() const { return refs_.size(); }
  WordRef ref(size_t i) const { return refs_[i]; }
  const std::string& key(size_t i) const { return keys_[i]; }
  const Word& word(size_t i) const { return WordAt(page_, refs_[i]); }
  // The box of the anchor in word `i`: its whole box unless a neighbour was glued to it.
  const PixelBox& anchor_box(size_t i) const { return anchor_boxes_[i]; }

  // The nearest word with `key` on the row of word `anchor` (centres within 0.7 of its
  // height), at most `reach` heights to its right (`rightward`) or left; -1 when none.
  int Beside(size_t anchor, const std::string& key, bool rightward, double reach) const {
    return BesideWhere(
        anchor, [&](size_t i) { return keys_[i] == key; }, rightward, reach);
  }

  // The same for the nearest word `wanted` holds for (given its index).
  int BesideWhere(size_t anchor, const std::function<bool(size_t)>& wanted, bool rightward,
                  double reach) const {
    const PixelBox& from = anchor_box(anchor);
    const int height = std::max(1, from.height());
    int best = -1, best_gap = 0;
    for (size_t i = 0; i < size(); ++i) {
      if (i == anchor || !wanted(i)) continue;
      const PixelBox& box = anchor_box(i);
      if (std::abs(CentreY(box) - CentreY(from)) > height * 7 / 10) continue;
      const int gap = rightward ? box.left - from.right : from.left - box.right;
      if (gap < -height / 4 || gap > reach * height) continue;
      if (best < 0 || gap < best_gap) best = static_cast<int>(i), best_gap = gap;
    }
    return best;
  }

  // Fills the slot's words: the run of its line's words inside `slot->box` from `first_word`
  // on (or, `from_right`, back from `end_word`), and stray words of other lines whose centre
  // lies inside it. With `digits_only` only words with a digit, or of one or two characters,
  // are taken (no anchor bounds the slot there). Word `exclude` is never taken.
  void Gather(FieldSlot* slot, bool digits_only, bool from_right, int exclude = -1) const {
    const TextLine& line = page_.lines[slot->line];
    auto inside = [&](const Word& word) {
      const int x = (word.box.left + word.box.right) / 2, y = CentreY(word.box);
      return x >= slot->box.left && x < slot->box.right && y >= slot->box.top &&
             y < slot->box.bottom;
    };
    auto takes = [&](const Word& word) {
      if (IsAnchor(HeaderKey(word.text)) || IsLabelTail(word.text)) return false;
      return !digits_only || HasDigit(word.text) || index::CodePointCount(word.text) == 1;
    };
    const WordRef excluded = exclude >= 0 ? refs_[exclude] : WordRef{};
    auto is_excluded = [&](int line_index, int w) {
      return line_index == excluded.line && w == excluded.word;
    };
    if (from_right) {
      int first = slot->end_word;
      while (first > slot->first_word && inside(line.words[first - 1]) &&
             takes(line.words[first - 1]) && !is_excluded(slot->line, first - 1)) {
        --first;
      }
      slot->first_word = first;
    } else {
      int end = slot->first_word;
      while (end < slot->end_word && inside(line.words[end]) && takes(line.words[end]) &&
             !is_excluded(slot->line, end)) {
        ++end;
      }
      slot->end_word = end;
    }
    std::vector<std::pair<int, std::string>> pieces;
    float confidence_sum = 0;
    for (int w = slot->first_word; w < slot->end_word; ++w) {
      pieces.emplace_back(line.words[w].box.left, line.words[w].text);
      confidence_sum += line.words[w].confidence;
    }
    for (size_t i = 0; i < size(); ++i) {
      const WordRef ref = refs_[i];
      if (ref.line == slot->line || static_cast<int>(i) == exclude) continue;
      // Another line's word is the value only when it has a digit: words of the lines above
      // and below reach into the band.
      if (!inside(word(i)) || !takes(word(i)) || !HasDigit(word(i).text)) continue;
      slot->strays.push_back(ref);
      pieces.emplace_back(word(i).box.left, word(i).text);
      confidence_sum += word(i).confidence;
    }
    std::sort(pieces.begin(), pieces.end());
    slot->printed.clear();
    for (const auto& [unused, text] : pieces) slot->printed += text;
    slot->printed_confidence = pieces.empty() ? 0 : confidence_sum / pieces.size();
  }

  // The band from x `left` to `right` on the row of word `i`: its line's height (a tall
  // handwritten value may have made the line taller than the printed word) and half that
  // above and below.
  PixelBox Band(size_t i, int left, int right) const {
    const PixelBox& word_box = word(i).box;
    const PixelBox& line_box = page_.lines[refs_[i].line].box;
    const PixelBox& row = line_box.height() <= 2 * word_box.height() ? line_box : word_box;
    const int height = row.height();
    return {left, row.top - height / 2, right, row.bottom + height / 2};
  }

  static bool IsAnchor(const std::string& key) {
    return key == "ngay" || key == "thang" || key == "nam" || IsNumberLabel(key);
  }

 private:
  const PageText& page_;
  std::vector<WordRef> refs_;
  std::vector<std::string> keys_;
  std::vector<PixelBox> anchor_boxes_;
};

// Between two date anchors of one line ('ngày' and 'tháng', 'tháng' and 'năm'), the words in
// the line's order are the value's, though OCR may have boxed an anchor reaching over them
// ('tháng' over '01'): the slot's box takes in those with digits.
void CoverDigitWords(const TextLine& line, FieldSlot* slot) {
  for (int w = slot->first_word; w < slot->end_word; ++w) {
    if (!HasDigit(line.words[w].text)) continue;
    slot->box.left = std::min(slot->box.left, line.words[w].box.left);
    slot->box.right = std::max(slot->box.right, line.words[w].box.right);
  }
}

// True for word `i` of `words` (of `page`) read as 'năm' with one letter wrong ('răm', 'năn') and
// followed on its line by a word with digits (the year).
bool MisreadYearAnchor(const PageText& page, const HeaderWords& words, size_t i) {
  const std::string& key = words.key(i);
  if (key.size() != 3) return false;
  int wrong = 0;
  for (size_t c = 0; c < key.size(); ++c) wrong += key[c] != "nam"[c];
  if (wrong != 1) return false;
  const WordRef at = words.ref(i);
  const std::vector<Word>& line = page.lines[at.line].words;
  return at.word + 1 < static_cast<int>(line.size()) && HasDigit(line[at.word + 1].text);
}

void FindDateSlots(const PageText& page, const HeaderWords& words, HeaderSlots* slots,
                   int* date_row_y, int* date_row_height) {
  // The header's date row is the highest on the page: Tesseract's block order may list a date
  // cited in the body ('Quyết định số 1813 ngày 28 tháng 10 năm 2021') before it.
  std::vector<size_t> thang_words;
  for (size_t t = 0; t < words.size(); ++t) {
    if (words.key(t) == "thang") thang_words.push_back(t);
  }
  std::stable_sort(thang_words.begin(), thang_words.end(), [&](size_t a, size_t b) {
    return CentreY(words.anchor_box(a)) < CentreY(words.anchor_box(b));
  });
  for (const size_t t : thang_words) {
    const int ngay = words.Beside(t, "ngay", false, 8);
    int nam = words.Beside(t, "nam", true, 8);
    // 'năm' read a letter off ('răm', 'năn'; a stamp's ink over it), before the year's digits.
    if (nam < 0)
      nam = words.BesideWhere(
          t, [&](size_t i) { return MisreadYearAnchor(page, words, i); }, true, 8);
    if (ngay < 0 && nam < 0) continue;
    const PixelBox& thang = words.anchor_box(t);
    const int height = thang.height();
    const WordRef thang_ref = words.ref(t);
    const int line_end = static_cast<int>(page.lines[thang_ref.line].words.size());
    // Day: after 'ngày' (in its line), or before 'tháng' when 'ngày' was not read.
    FieldSlot day;
    if (ngay >= 0) {
      const WordRef at = words.ref(ngay);
      day.line = at.line;
      day.first_word = at.word + 1;
      day.end_word = at.line == thang_ref.line ? thang_ref.word
                                               : static_cast<int>(page.lines[at.line].words.size());
      day.box = words.Band(t, words.anchor_box(ngay).right + 1, thang.left - 1);
      if (at.line == thang_ref.line) CoverDigitWords(page.lines[at.line], &day);
      // 'ngàyZ': a pen stroke read glued to the anchor; the slot's left side is estimated.
      if (words.anchor_box(ngay).right < words.word(ngay).box.right) {
        day.label_box = words.word(ngay).box;
        day.glued_anchor = at;
        day.glued_anchor_text = "ngày";
      }
    } else {
      day.line = thang_ref.line;
      day.first_word = 0;
      day.end_word = thang_ref.word;
      day.box = words.Band(t, thang.left - 4 * height, thang.left - 1);
      day.anchor_unread = true;
    }
    // '?tháng': the day's pen stroke read glued before the anchor; the day's value takes it.
    if (thang.left > words.word(t).box.left) {
      day.glued_anchor = thang_ref;
      day.glued_anchor_text = "tháng";
    }
    words.Gather(&day, ngay < 0, /*from_right=*/ngay < 0);
    FieldSlot month;
    month.line = thang_ref.line;
    month.first_word = thang_ref.word + 1;
    if (thang.right < words.word(t).box.right) {  // 'thángØŸ'
      month.label_box = words.word(t).box;
      month.glued_anchor = thang_ref;
      month.glued_anchor_text = "tháng";
    }
    if (nam >= 0 && words.ref(nam).line == thang_ref.line) {
      month.end_word = words.ref(nam).word;
    } else {
      month.end_word = line_end;
    }
    month.box = words.Band(t, thang.right + 1,
                           nam >= 0 ? words.anchor_box(nam).left - 1 : thang.right + 4 * height);
    if (nam >= 0 && words.ref(nam).line == thang_ref.line) {
      CoverDigitWords(page.lines[thang_ref.line], &month);
    }
    words.Gather(&month, nam < 0, /*from_right=*/false);
    slots->day = day;
    slots->month = month;
    if (nam >= 0) {
      const WordRef at = words.ref(nam);
      const TextLine& line = page.lines[at.line];
      // The year follows 'năm', or was read glued to it.
      const bool glued = HasDigit(line.words[at.word].text);
      if (glued || at.word + 1 < static_cast<int>(line.words.size())) {
        const Word& year_word = line.words[at.word + (glued ? 0 : 1)];
        std::string year;
        for (char c : year_word.text) {
          if (std::isdigit(static_cast<unsigned char>(c))) year += c;
        }
        if (year.size() == 4) {
          slots->year = std::stoi(year);
          slots->year_confidence = year_word.confidence;
        } else if (!year.empty() && !glued) {
          slots->misread_year_box = year_word.box;
        }
      }
    }
    *date_row_y = CentreY(thang);
    *date_row_height = height;
    return;
  }
}

// 'số' as a word of a sentence ('V/v số hóa hồ sơ', 'Quyết định số 1813/QĐ-TTg'): the word
// before it on its line is 'V/v' or a lower-case word. The header's label opens its row.
bool InRunningText(const TextLine& line, int word) {
  if (word <= 0) return false;
  const std::string before = index::FoldVietnamese(line.words[word - 1].text);
  const long lower = std::count_if(before.begin(), before.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c));
  });
  return lower >= 2 || before == "V/v" || before == "v/v";
}

// A number slot from 'Số:' and the '/SYMBOL' beside it (same line or same row), from 'Số:'
// alone or from the symbol alone when the slot is on the date's row.
std::optional<FieldSlot> FindNumberSlot(const PageText& page, const HeaderWords& words,
                                        int date_row_y, int date_row_height) {
  const int column_middle = page.width_px / 2;
  auto on_date_row = [&](const PixelBox& box) {
    return date_row_height > 0 && std::abs(CentreY(box) - date_row_y) <= date_row_height * 3 / 2 &&
           box.right <= column_middle;
  };
  auto symbol_near = [&](size_t label) -> int {
    const PixelBox& from = words.word(label).box;
    const int height = std::max(1, from.height());
    for (size_t i = 0; i < words.size(); ++i) {
      if (i == label) continue;
      const bool same_line = words.ref(i).line == words.ref(label).line &&
                             words.ref(i).word > words.ref(label).word &&
                             words.ref(i).word < words.ref(label).word + 4;
      // A symbol without its slash only counts on the label's line, right after the value.
      const bool bare = same_line && words.ref(i).word <= words.ref(label).word + 2 &&
                        !BareSymbol(words.word(i).text).empty();
      const std::string suffix = SymbolSuffix(words.word(i).text);
      if (suffix.empty() && !bare) continue;
      // A symbol is dash-joined codes, or one standard code ('/UBND'); a word of the agency's
      // name a frame's edge put a slash before ('SỞ THÔNG/TIN' read 'SỐ THỒNG/TIN') is none.
      if (!suffix.empty() && suffix.find('-') == std::string::npos &&
          !index::StandardAbbreviation(suffix.substr(1))) {
        continue;
      }
      const PixelBox& box = words.word(i).box;
      const bool same_row = std::abs(CentreY(box) - CentreY(from)) <= height * 7 / 10 &&
                            box.left >= from.left && box.left - from.right <= 10 * height;
      if (same_line || same_row) return static_cast<int>(i);
    }
    return -1;
  };
  // A slot inserted at `insert_at` (after the label, or before the symbol when `from_right`).
  auto make = [&](WordRef insert_at, int end_word, const PixelBox& box, int label, int symbol,
                  bool from_right) {
    FieldSlot slot;
    slot.line = insert_at.line;
    slot.first_word = insert_at.word;
    slot.end_word = end_word;
    slot.box = box;
    if (label >= 0) slot.label_box = words.word(label).box;
    words.Gather(&slot, symbol < 0, from_right, symbol);
    if (symbol < 0) return slot;
    const Word& symbol_word = words.word(symbol);
    const WordRef symbol_ref = words.ref(symbol);
    slot.symbol_box = symbol_word.box;
    slot.suffix = SymbolSuffix(symbol_word.text);
    if (slot.suffix.empty()) {
      slot.suffix = BareSymbol(symbol_word.text);
      slot.slash_lost = true;
      // The slash, and maybe a capital, were read into the value's word: the ink search for
      // the slash starts left of the word.
      slot.symbol_box.left -= symbol_word.box.height();
    }
    std::string digits =
        slot.slash_lost ? std::string() : symbol_word.text.substr(0, SymbolSlash(symbol_word.text));
    const int glued = GluedLabelLength(symbol_word.text);
    if (glued > 0) {
      slot.label = DropCodePoints(symbol_word.text, 0, glued);
      digits = DropCodePoints(digits, glued, index::CodePointCount(digits));
    }
    if (!digits.empty()) {
      // The numeral read in the symbol's word counts with that word's confidence.
      const int pieces = slot.printed.empty() ? 0 : 1;
      slot.printed_confidence =
          (slot.printed_confidence * pieces + symbol_word.confidence) / (pieces + 1);
      slot.printed += digits;
    }
    if (symbol_ref.line == slot.line && symbol_ref.word >= slot.end_word &&
        symbol_ref.word < slot.end_word + 3) {
      slot.end_word = symbol_ref.word + 1;
    } else if (symbol_ref.line == slot.line && symbol_ref.word < slot.first_word) {
      slot.first_word = symbol_ref.word;
    } else if (symbol_ref.line != slot.line || symbol_ref.word != slot.first_word) {
      slot.suffix_word = symbol_ref;
    }
    if (glued > 0 || from_right) slot.end_word = std::max(slot.end_word, symbol_ref.word + 1);
    return slot;
  };
  // The number row is the date's row or above it: a 'số 1813/QĐ-TTg' further down cites
  // another document in the body.
  auto below_date_row = [&](const PixelBox& box) {
    return date_row_height > 0 && CentreY(box) > date_row_y + 3 * date_row_height;
  };
  // Labels nearest the date's row first: the number row is level with it or just above, an
  // incoming-mail stamp's 'Số: 16/…' further up.
  std::vector<size_t> order(words.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (date_row_height > 0) {
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return std::abs(CentreY(words.word(a).box) - date_row_y) <
             std::abs(CentreY(words.word(b).box) - date_row_y);
    });
  }
  // 'Số:' with a symbol, then 'Số:' alone on the date's row.
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t label : order) {
      const std::string& text = words.word(label).text;
      const int glued = GluedLabelLength(text);
      const bool glued_symbol = glued > 0 && text.find('/') != std::string::npos;
      if (!IsNumberLabel(words.key(label)) && glued == 0) continue;
      const Word& from_word = words.word(label);
      const PixelBox& from = from_word.box;
      if (below_date_row(from)) continue;
      const int height = std::max(1, from.height());
      const WordRef at = words.ref(label);
      if (InRunningText(page.lines[at.line], at.word)) continue;
      const int line_end = static_cast<int>(page.lines[at.line].words.size());
      if (glued_symbol) {
        // The numeral is inside the label's word: its share of the word is the slot.
        const int chars = std::max(1, index::CodePointCount(text));
        const PixelBox box =
            words.Band(label, from.left + from.width() * glued / chars,
                       std::max(SlashX(words.word(label)) - height / 6,
                                from.left + from.width() * glued / chars + height));
        return make(at, at.word, box, static_cast<int>(label), static_cast<int>(label), true);
      }
      // The value's first strokes read glued to the label ('Só:lÏ'): the slot starts at the
      // label's share of the word and takes the word in.
      const int chars = std::max(1, index::CodePointCount(text));
      // Only letters or digits are the value's strokes, not a quote OCR put after the colon.
      const std::string tail =
          glued > 0 ? index::FoldVietnamese(DropCodePoints(text, glued, chars)) : std::string();
      const bool value_in_label = std::any_of(tail.begin(), tail.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c));
      });
      const int label_right =
          value_in_label ? from.left + from.width() * glued / chars : from.right;
      const int symbol = symbol_near(label);
      if (symbol >= 0) {
        const Word& symbol_word = words.word(symbol);
        const PixelBox box =
            words.Band(label, label_right + 1,
                       std::max(SlashX(symbol_word) - height / 6, label_right + height));
        FieldSlot slot =
            make({at.line, at.word + 1}, line_end, box, static_cast<int>(label), symbol, false);
        if (value_in_label) {
          slot.first_word = at.word;
          slot.label = DropCodePoints(text, 0, glued);
          slot.printed_confidence = slot.printed.empty()
                                        ? from_word.confidence
                                        : (slot.printed_confidence + from_word.confidence) / 2;
          slot.printed = DropCodePoints(text, glued, chars) + slot.printed;
          slot.label_box.right = label_right;
        }
        return slot;
      }
      if (pass == 1 && on_date_row(from)) {
        const PixelBox box =
            words.Band(label, from.right + 1, std::min(from.right + 6 * height, column_middle));
        return make({at.line, at.word + 1}, line_end, box, static_cast<int>(label), -1, false);
      }
    }
  }
  // The symbol alone on the date's row ('Số:' lost under a stamp).
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& word = words.word(i);
    if (SymbolSuffix(word.text).empty() || !on_date_row(word.box)) continue;
    const int height = std::max(1, word.box.height());
    const int slash_x = SlashX(word);
    PixelBox box = words.Band(i, std::max(0, slash_x - 5 * height), slash_x - height / 6);
    const TextLine& line = page.lines[words.ref(i).line];
    for (int w = words.ref(i).word - 1; w >= 0; --w) {
      const PixelBox& before = line.words[w].box;
      if (before.right < box.left) break;
      if (IsLabelTail(line.words[w].text)) {
        box.left = std::min(before.right + 1, box.right - height / 2);
        break;
      }
    }
    FieldSlot slot =
        make({words.ref(i).line, 0}, words.ref(i).word, box, -1, static_cast<int>(i), true);
    // A 'Số:' read into the symbol's word without its colon ('56889/QĐ-UBND') lies in the
    // slot: its colon is looked for in the ink there.
    slot.label_box = {box.left, word.box.top, slash_x, word.box.bottom};
    slot.label_unread = true;
    return slot;
  }
  return std::nullopt;
}

}  // namespace

HeaderSlots FindHeaderSlots(const PageText& page) {
  HeaderSlots slots;
  const HeaderWords words(page);
  int date_row_y = 0, date_row_height = 0;
  FindDateSlots(page, words, &slots, &date_row_y, &date_row_height);
  slots.number = FindNumberSlot(page, words, date_row_y, date_row_height);
  return slots;
}

}  // namespace sohoa::pipeline
