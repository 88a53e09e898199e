// Recognising a header's printed anchors in OCR words (pipeline/header_anchors.h).
#include "pipeline/header_anchors.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>
#include <utility>

#include "index/vietnamese_text.h"

namespace sohoa::pipeline {

namespace {

// Marks OCR glues before a printed word: specks and quotes, a pen stroke it has no letter for
// ('?tháng' after a pen day; the key has '?' for it).
constexpr const char* kLeadingSpecks = "'`\"-_~^|*!(?";

// The motto's rows lie in the top part of the first page.
constexpr double kMottoShare = 0.35;
// 'Độc lập - Tự do - Hạnh phúc' is the motto's second row, this many word heights below its
// first.
constexpr double kMottoRowStep = 1.6;

// Specks and quotes OCR glues to a printed word ('.Số', "'Sô", 'số“' where the colon was).
std::string DropGluedSpecks(std::string key) {
  key.erase(0, std::min(key.size(), key.find_first_not_of(kLeadingSpecks)));
  for (const char* junk : {"“", "”", "‘", "’", "'", "\"", "`", "*", "^", "~", "_", "!"}) {
    const size_t size = std::strlen(junk);
    while (key.size() > size && key.compare(key.size() - size, size, junk) == 0) {
      key.resize(key.size() - size);
    }
  }
  return key;
}

// Four digits: the year of an 'N/YYYY/SYMBOL' number.
bool IsYear(std::string_view text) {
  return text.size() == 4 && std::all_of(text.begin(), text.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c));
         });
}

}  // namespace

std::string HeaderKey(const std::string& text) {
  std::string key = index::FoldVietnamese(index::NormalizeVietnamese(text));
  std::erase_if(key, [](char c) { return c == ':' || c == '.' || c == ',' || c == ';'; });
  return key;
}

bool IsNumberLabel(std::string key) {
  key = DropGluedSpecks(std::move(key));
  return key == "so" || key == "s0" || key == "5o" || key == "sd" || key == "s6";
}

std::string DateAnchorKey(const Word& word, const std::string& key, PixelBox* anchor_box) {
  *anchor_box = word.box;
  const std::string bare = DropGluedSpecks(key);
  for (const std::string anchor : {"ngay", "thang", "nam"}) {
    if (bare != anchor) continue;
    // The marks before it are the value's strokes ('?tháng'): the anchor is the rest.
    const size_t marks = std::min(key.size(), key.find_first_not_of(kLeadingSpecks));
    const int chars = index::CodePointCount(word.text);
    if (marks > 0 && static_cast<int>(marks) < chars) {
      anchor_box->left = word.box.left + word.box.width() * static_cast<int>(marks) / chars;
    }
    return anchor;
  }
  // 'tháng' with its thin 'h' lost ('táng'): no other word stands in a date row.
  if (bare == "tang") return "thang";
  const int chars = index::CodePointCount(word.text);
  if (chars <= 0) return key;
  // 'tháng' with its 't' under the day's pen numeral ('háng', with a mark or two of the pen
  // glued after it): with its accent, no other word. Unaccented 'hàng' is common ('NGÂN HÀNG').
  if (index::NormalizeVietnamese(word.text).starts_with("háng") && bare.starts_with("hang") &&
      bare.size() <= 6 && std::none_of(bare.begin() + 4, bare.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c));
      })) {
    anchor_box->right = word.box.left + word.box.width() * 4 / chars;
    return "thang";
  }
  for (const std::string anchor : {"ngay", "thang", "nam"}) {
    const int anchor_chars = static_cast<int>(anchor.size());
    // The place glued before 'ngày' ('Ninh,ngày'): only 'ngày' after a comma is cut from a
    // word's end ('tháng' and 'năm' end other words too: 'Nam').
    if (anchor == "ngay" && bare.size() >= anchor.size() + 3 &&
        bare.compare(bare.size() - anchor.size(), anchor.size(), anchor) == 0 &&
        word.text.find(',') != std::string::npos) {
      anchor_box->left = word.box.right - word.box.width() * anchor_chars / chars;
      return anchor;
    }
    if (bare.size() <= anchor.size() || bare.compare(0, anchor.size(), anchor) != 0) continue;
    // At most two glued code points, not all digits: a longer tail is another word
    // ('ngàyhôm'), and digits read glued ('tháng9') stay where the catalog's date parser finds
    // them; a pen value read as a digit and a letter ('ngày0P') is re-read. The year glued to
    // 'năm' ('năm·2024') leaves the anchor whole.
    const std::string tail = bare.substr(anchor.size());
    const auto tail_digits = std::count_if(tail.begin(), tail.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    });
    const bool glued_year = anchor == "nam" && tail_digits == 4 && tail.size() <= 7;
    const bool all_digits = tail_digits == static_cast<long>(tail.size());
    if ((chars <= anchor_chars + 2 && !all_digits) || glued_year) {
      anchor_box->right = word.box.left + word.box.width() * anchor_chars / chars;
      return anchor;
    }
  }
  return key;
}

int GluedLabelLength(const std::string& text) {
  // OCR reads the colon as a semicolon now and then ('só;ổ'), or as a quote where a pen
  // stroke touches it ('Số“Ð').
  size_t colon = std::string::npos;
  for (std::string_view mark : {":", ";", "“", "”", "\""}) colon = std::min(colon, text.find(mark));
  if (colon == std::string::npos || colon > 8) return 0;
  return IsNumberLabel(HeaderKey(text.substr(0, colon)))
             ? index::CodePointCount(text.substr(0, colon)) + 1
             : 0;
}

std::string DropCodePoints(const std::string& text, int begin, int end) {
  std::string out;
  int index = -1;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++index;
    if (index >= begin && index < end) out += text[i];
  }
  return out;
}

bool HasDigit(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool IsLabelTail(const std::string& text) {
  return !text.empty() && text.back() == ':' && !HasDigit(text) && index::CodePointCount(text) <= 3;
}

size_t SymbolSlash(const std::string& text) {
  size_t slash = text.find('/');
  while (slash != std::string::npos) {
    const size_t start = text.find_first_not_of('/', slash);
    const size_t next = start == std::string::npos ? start : text.find('/', start);
    if (next == std::string::npos) return slash;
    if (IsYear(std::string_view(text).substr(start, next - start))) return slash;
    slash = next;
  }
  return slash;
}

std::string SymbolSuffix(const std::string& text) {
  const size_t slash = SymbolSlash(text);
  if (slash == std::string::npos) return {};
  // A slash OCR doubled ('01//TB-VPUBND') is one.
  std::string symbol = text.substr(std::min(text.size(), text.find_first_not_of('/', slash)));
  for (const char* junk : {"“", "”", "‘", "’", "'", "\"", "`", "*", ".", ",", "^"}) {
    for (size_t at; (at = symbol.find(junk)) != std::string::npos;) {
      symbol.erase(at, std::strlen(junk));
    }
  }
  // A pen stroke touching the slash reads as a mark glued to the symbol's first capital
  // ('/#KH-UBND'). A letter there may be the capital misread ('/aĐ-UBND'): it stays, and the
  // word is no symbol.
  while (!symbol.empty() && std::ispunct(static_cast<unsigned char>(symbol[0]))) {
    symbol.erase(0, 1);
  }
  // 'N/YYYY/SYMBOL': the year is part of it, the symbol proper follows.
  const bool year = symbol.size() > 5 && symbol[4] == '/' && IsYear(symbol.substr(0, 4));
  const std::string folded = index::FoldVietnamese(year ? symbol.substr(5) : symbol);
  int capitals = 0;
  for (char c : folded) capitals += std::isupper(static_cast<unsigned char>(c)) ? 1 : 0;
  if (folded.empty() || !std::isupper(static_cast<unsigned char>(folded[0])) || capitals < 2) {
    return {};
  }
  return "/" + symbol;
}

std::string BareSymbol(const std::string& text) {
  if (text.find('/') != std::string::npos) return {};
  std::string symbol = text;
  while (!symbol.empty() && std::strchr(".,;:'\"`", symbol.back()) != nullptr) symbol.pop_back();
  // A mark before it is the pen's stroke or a capital misread ('<H-UBND' for 'KH-UBND'): the
  // symbol's type part is completed from the document's type later (CompleteTypeCode).
  while (!symbol.empty() && symbol[0] != '-' &&
         std::ispunct(static_cast<unsigned char>(symbol[0]))) {
    symbol.erase(0, 1);
  }
  const std::string folded = index::FoldVietnamese(symbol);
  size_t part_start = 0;
  int parts = 0;
  for (size_t i = 0; i <= folded.size(); ++i) {
    if (i < folded.size() && std::isupper(static_cast<unsigned char>(folded[i]))) continue;
    if (i < folded.size() && folded[i] != '-') return {};
    const size_t length = i - part_start;
    // The first part may be one letter ('T-UBND' of a 'CT-UBND' half covered); the body's
    // part has two or more ('UBND', 'STTTT').
    if (length < (parts == 0 ? 1u : 2u) || length > 10) return {};
    ++parts;
    part_start = i + 1;
  }
  if (parts < 2 || parts > 3) return {};
  return "/" + symbol;
}

int SlashX(const Word& word) {
  const size_t slash = SymbolSlash(word.text);
  if (slash == std::string::npos) return word.box.left;
  const int chars = std::max(1, index::CodePointCount(word.text));
  return word.box.left +
         word.box.width() * index::CodePointCount(word.text.substr(0, slash)) / chars;
}

bool IsNumberLabelWord(const std::string& text) { return IsNumberLabel(HeaderKey(text)); }

std::string BareKey(const std::string& text) {
  std::string key = HeaderKey(text);
  auto speck = [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); };
  while (!key.empty() && speck(key.back())) key.pop_back();
  key.erase(key.begin(), std::find_if_not(key.begin(), key.end(), speck));
  return key;
}

namespace {

// Calls `visit(line, i, key, next)` for every two words in a row (i, i + 1) of the lines in
// the top part of `page` where the motto lies, with their BareKeys; stops when it returns true.
template <typename Visit>
void ForEachTopWordPair(const PageText& page, Visit visit) {
  for (const TextLine& line : page.lines) {
    if (line.box.top > page.height_px * kMottoShare) continue;
    for (size_t i = 0; i + 1 < line.words.size(); ++i) {
      if (visit(line, i, BareKey(line.words[i].text), BareKey(line.words[i + 1].text))) return;
    }
  }
}

}  // namespace

std::optional<MottoPlace> FindMotto(const PageText& page) {
  MottoPlace motto;
  ForEachTopWordPair(
      page, [&](const TextLine& line, size_t i, const std::string& key, const std::string& next) {
        const Word& word = line.words[i];
        const int height = word.box.height();
        if (key == "cong" && next == "hoa" && !motto.first_left) {
          motto.first_left = word.box.left;
          motto.top = word.box.top;
          motto.height = height;
          for (size_t j = i; j < line.words.size(); ++j) {
            motto.first_row_words.push_back(line.words[j].box);
          }
        }
        if (key == "doc" && next == "lap" && !motto.second_left) {
          motto.second_left = word.box.left;
          if (!motto.first_left) {
            motto.top = word.box.top - static_cast<int>(kMottoRowStep * height);
            motto.height = height;
          }
        }
        return false;
      });
  if (!motto.first_left && !motto.second_left) return std::nullopt;
  return motto;
}

bool HasMottoWords(const PageText& page) {
  // Two words in a row of either line: a stamp laid over the header's middle leaves some.
  static constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
      {"cong", "hoa"},   {"hoa", "xa"},  {"xa", "hoi"}, {"hoi", "chu"},  {"chu", "nghia"},
      {"nghia", "viet"}, {"doc", "lap"}, {"tu", "do"},  {"hanh", "phuc"}};
  bool found = false;
  ForEachTopWordPair(page,
                     [&](const TextLine&, size_t, const std::string& key, const std::string& next) {
                       for (const auto& [first, second] : kPairs)
                         found |= key == first && next == second;
                       return found;
                     });
  return found;
}

}  // namespace sohoa::pipeline
