#include "index/agency_name.h"

#include <unicode/uchar.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "index/document_symbols.h"
#include "index/header_date.h"
#include "index/vietnamese_text.h"

namespace sohoa::index {
namespace {

// Words that open the name of a subordinate body: the line above them is the parent.
constexpr const char* kSubordinateStarts[] = {
    "so ",       "van phong", "trung tam",  "chi nhanh", "phong ",    "ban ",
    "cuc ",      "chi cuc",   "vien ",      "truong ",   "benh vien", "cong an",
    "thanh tra", "kho bac",   "bo chi huy", "doan ",     "hoi dong",
};

// Where the motto's first row ('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM') starts on `line`, read on
// one row with the name's line left of it, or npos. Its words may be read in part ('NG HÒA XÃ
// HỘI', 'CORENIOA XÃ HỘI', 'HỘI CHỦ NGHĨA') or only its first word be on the row ('... DÂN CỘNG
// I'): 'CHỦ NGHĨA' is in no body's name, and 'CỘNG' ends none ('CÔNG' does: 'HÀNH CHÍNH CÔNG').
size_t MottoStart(const KeyedLine& line) {
  const std::string& key = line.key();
  if (const size_t whole = key.find("cong hoa xa hoi"); whole != std::string::npos) return whole;
  std::vector<size_t> starts;  // of the words
  for (size_t i = 0; i < key.size(); ++i) {
    if (key[i] != ' ' && (i == 0 || key[i - 1] == ' ')) starts.push_back(i);
  }
  auto word = [&](size_t w) {  // its letters, folded
    std::string letters;
    for (size_t i = starts[w]; i < key.size() && key[i] != ' '; ++i) {
      if (key[i] >= 'a' && key[i] <= 'z') letters += key[i];
    }
    return letters;
  };
  auto is_motto_word = [](const std::string& folded) {  // or its end ('ng', 'oi')
    if (folded.empty()) return false;
    for (const std::string motto : {"cong", "hoa", "xa", "hoi"}) {
      if (motto.ends_with(folded)) return true;
    }
    return false;
  };
  for (size_t w = 0; w + 1 < starts.size(); ++w) {
    if (word(w) != "chu" || word(w + 1) != "nghia") continue;
    // Back over the motto's words before 'CHỦ', and one misread word in front of them.
    size_t first = w;
    while (first > 0 && w - first < 4 && is_motto_word(word(first - 1))) --first;
    if (first > 0 && !IsVietnameseSyllable(line.Slice(starts[first - 1], starts[first] - 1))) {
      --first;
    }
    return starts[first];
  }
  // 'CỘNG' ending the line, maybe with a letter or 'HÒA' after it.
  for (size_t w = starts.size(); w-- > 0 && starts.size() - w <= 2;) {
    const size_t end = w + 1 < starts.size() ? starts[w + 1] - 1 : key.size();
    if (TrimPunctuation(line.Slice(starts[w], end)) == "CỘNG") return starts[w];
    if (word(w).size() > 1 && word(w) != "hoa") break;
  }
  return std::string::npos;
}

bool IsWordChar(char folded) {
  return (folded >= 'a' && folded <= 'z') || (folded >= '0' && folded <= '9');
}

}  // namespace

std::string CleanNameLine(const std::string& text) {
  const KeyedLine line(text);
  const std::string& key = line.key();
  std::string out;
  size_t previous_end = 0;
  for (size_t begin = 0; begin < key.size();) {
    if (!IsWordChar(key[begin])) {
      ++begin;
      continue;
    }
    size_t end = begin;
    bool has_capital = false;
    bool has_letter = false;
    while (end < key.size() && IsWordChar(key[end])) {
      has_capital = has_capital || u_isupper(line.At(end));
      has_letter = has_letter || u_isalpha(line.At(end));
      ++end;
    }
    const size_t run_end = end;
    size_t word_begin = begin;
    size_t word_end = end;
    if (has_capital) {
      // No name's word has a lower-case letter or a digit at its ends ('7TỈNH', 'TÌNt').
      auto stray = [&](size_t i) { return u_islower(line.At(i)) || u_isdigit(line.At(i)); };
      while (word_begin < word_end && stray(word_begin)) ++word_begin;
      while (word_end > word_begin && stray(word_end - 1)) --word_end;
    }
    // A word of lower-case letters alone is a speck read as a letter ('ĩ'); a name opens
    // with a letter, never with a numeral ('2/ỦY BAN').
    const bool keep = has_capital || (!has_letter && !out.empty());
    if (keep) {
      if (!out.empty()) {
        // As printed: 'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH', 'BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI'.
        const std::string gap = line.Slice(previous_end, begin);
        out += gap == ", " || gap == " - " ? gap : " ";
      }
      out += line.Slice(word_begin, word_end);
      previous_end = run_end;
    }
    begin = run_end;
  }
  return out;
}

AgencyName ReadAgencyName(const std::vector<KeyedLine>& lines, size_t end) {
  AgencyName name;
  std::vector<std::string> names;
  std::vector<std::string> keys;
  for (size_t i = 0; i < end; ++i) {
    const KeyedLine& line = lines[i];
    const std::string& key = line.key();
    if (key.starts_with("mau ") || OcrDigits(key) == key) continue;  // form code, page number
    const bool motto_second_row =
        key.find("doc lap") != std::string::npos && key.find("tu do") != std::string::npos;
    if (motto_second_row) continue;
    const size_t motto = MottoStart(line);
    std::string text = motto == std::string::npos ? line.text() : line.Slice(0, motto);
    text = TrimPunctuation(text);
    if (text.empty() || !IsUppercaseLine(KeyedLine(text))) continue;
    text = CleanNameLine(text);
    if (text.empty()) continue;
    keys.push_back(CompactKey(KeyedLine(text).key()));
    names.push_back(std::move(text));
  }
  if (names.empty()) return name;
  size_t first_own = 0;
  if (names.size() >= 2) {
    bool parent = keys[0].starts_with("ubnd ");
    for (const char* start : kSubordinateStarts) parent = parent || keys[1].starts_with(start);
    if (parent) {
      name.parent = names[0];
      first_own = 1;
    }
  }
  for (size_t i = first_own; i < names.size(); ++i) {
    if (!name.agency.empty()) name.agency += ' ';
    name.agency += names[i];
  }
  return name;
}

NameForm NameFormOf(const std::string& name) {
  NameForm form;
  for (const std::string& word : SplitWords(name)) {
    const std::optional<std::string> abbreviation = StandardAbbreviation(word);
    ++(IsVietnameseSyllable(word) || (abbreviation && *abbreviation == word) ? form.well_formed
                                                                             : form.malformed);
  }
  return form;
}

bool HoldsStampOrMottoWords(const std::string& name) {
  const std::string key = " " + KeyedLine(name).key() + " ";
  for (const char* words : {" den ", "cong van", "xa hoi", "chu nghia", "doc lap", "ngay", "so:"}) {
    if (key.find(words) != std::string::npos) return true;
  }
  return false;
}

AgencyName ChooseAgencyName(const AgencyName& from_page, const AgencyName& from_block) {
  if (from_block.agency.empty()) return from_page;
  const std::string page = from_page.parent + " " + from_page.agency;
  const NameForm page_form = NameFormOf(page);
  const NameForm block_form = NameFormOf(from_block.parent + " " + from_block.agency);
  const bool page_better =
      page_form.malformed < block_form.malformed && page_form.well_formed >= block_form.well_formed;
  return !HoldsStampOrMottoWords(page) && page_better ? from_page : from_block;
}

}  // namespace sohoa::index
