#include "pipeline/number_row_words.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "index/document_symbols.h"
#include "index/vietnamese_text.h"
#include "pipeline/header_anchors.h"

namespace sohoa::pipeline {
namespace {

// Words between 'Số' and the symbol: the numeral, possibly split, and a stray dot.
constexpr int kMaxWordsToSymbol = 4;
// The shortest symbol is an agency's ('/UBND'); two letters are more often a misread.
constexpr int kMinSymbolCapitals = 3;
// A label read as its 'S' and some marks: a few code points, and the words after it up to the
// symbol (a pen numeral read as one or two).
constexpr int kMaxWeakLabelCodePoints = 8;
constexpr int kMaxWordsAfterWeakLabel = 2;

// Bytes of a 'Số:' OCR misread under a stamp's ink ('NỞ:', 'xó.', '3ũ.', '30.', '0ố;'): one to
// three letters and a colon (or a semicolon) or dot, whatever follows glued to it; the 'S' may
// read as a '3', '5', '8', '0' or '6' and the 'ố' as a '0' or '6'. 0 when `text` does not
// open so.
size_t MisreadLabelBytes(const std::string& text) {
  // Noise at the row's left end reads as a quote or a low line glued before it ('“ÉÄ:').
  size_t start = 0;
  for (std::string_view junk : {"“", "‘", "\"", "'", "_"}) {
    if (text.starts_with(junk)) start = junk.size();
  }
  const size_t end = text.find_first_of(":.;", start);
  if (end == std::string::npos || end == start) return 0;
  const std::string letters = text.substr(start, end - start);
  const std::string folded = index::FoldVietnamese(letters);
  bool label_like = true;
  for (size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    const bool digit_for_letter =
        std::string_view(i == 0 ? "35806" : "06").find(c) != std::string_view::npos;
    label_like &= std::isalpha(static_cast<unsigned char>(c)) || digit_for_letter;
  }
  // A lone digit and a dot ('5.') numbers a list's item.
  const bool all_digits = std::all_of(folded.begin(), folded.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
  const int length = index::CodePointCount(letters);
  return label_like && length >= 1 && length <= 3 && (!all_digits || length == 2) ? end + 1 : 0;
}

// The bytes of `text` up to the end of the symbol its first slash opens, when marks follow
// that are no part of it: a stamp's pen strokes or a dotted line read glued after the symbol
// ('529/TB-VPLBND/††/', '/CT-UBND/?!.....---'). The symbol here is capitals ('Đ' among them)
// in two dash-joined parts or more, ending in a capital; what follows opens with a mark
// (ASCII punctuation but a dash, or General Punctuation: '†', '“'). A letter there is print a
// frame's line crossed ('/RH-UDRÏR-'), a dash the symbol going on: 0 then, as when there is
// no symbol or nothing follows it.
size_t SymbolBeforeJunkBytes(const std::string& text) {
  const size_t slash = text.find('/');
  if (slash == std::string::npos) return 0;
  size_t end = 0;
  int dashes = 0;
  bool after_capital = false;
  for (size_t at = slash + 1; at < text.size();) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    const std::string_view one = std::string_view(text).substr(at, length);
    if (one == "-" && after_capital) {
      ++dashes;
      after_capital = false;
    } else if ((length == 1 && std::isupper(lead)) || one == "Đ") {
      after_capital = true;
      end = at + length;
    } else {
      break;
    }
    at += length;
  }
  if (dashes == 0 || !after_capital || end >= text.size()) return 0;
  const auto next = static_cast<unsigned char>(text[end]);
  const bool ascii_mark = next < 0x80 && std::ispunct(next) && next != '-';
  // U+2000 to U+207F are E2 80 xx and E2 81 xx in UTF-8.
  const bool punctuation_block = next == 0xE2 && end + 1 < text.size() &&
                                 (static_cast<unsigned char>(text[end + 1]) & 0xFE) == 0x80;
  return ascii_mark || punctuation_block ? end : 0;
}

bool StartsWithDigit(const std::string& text) {
  return !text.empty() && std::isdigit(static_cast<unsigned char>(text[0]));
}

// Whether `text` holds a letter or a digit: folded to ASCII, any byte alphanumeric.
bool HasLetterOrDigit(const std::string& text) {
  const std::string folded = index::FoldVietnamese(text);
  return std::any_of(folded.begin(), folded.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

// How many dash-joined parts `parts` has when every one is a standard abbreviation, exactly
// as printed or (not `as_printed`) a misreading of exactly one; 0 when some part is none.
int StandardPartCount(const std::string& parts, bool as_printed) {
  int count = 0;
  for (size_t start = 0; start <= parts.size(); ++count) {
    const size_t dash = std::min(parts.find('-', start), parts.size());
    const std::string part = parts.substr(start, dash - start);
    const std::optional<std::string> standard = index::StandardAbbreviation(part);
    if (!standard || (as_printed && *standard != part)) return 0;
    start = dash + 1;
  }
  return count;
}

// 'Sũ:', 'Sá:': the label's 'S' and colon read right and only its vowel wrong. Such a label
// opens the row with the symbol right after it: a pen numeral too faint or garbled for the
// block read lies between them, and the numeral's own re-read reads it.
bool SLabelWithVowelMisread(const std::string& text) {
  if (!text.starts_with("S") || !text.ends_with(":")) return false;
  const std::string vowel = index::FoldVietnamese(text.substr(1, text.size() - 2));
  return vowel.size() == 1 && std::string_view("aeiouy").find(vowel[0]) != std::string_view::npos;
}

// The bytes of a word that are a symbol, with any junk read glued after it left out; 0 for a
// word that holds none.
size_t SymbolBytes(const std::string& text) {
  if (IsSymbolShaped(text)) return text.size();
  const size_t before_junk = SymbolBeforeJunkBytes(text);
  return before_junk > 0 && IsSymbolShaped(text.substr(0, before_junk)) ? before_junk : 0;
}

// Where in `text`, at or after byte `from`, a symbol starts whose slash OCR lost in the pen's
// numeral before it ('!57KH-UBND', '!ÏTB-VPUBND'): the longest tail that is dash-joined parts,
// two or more, each a standard abbreviation as printed (marks after it left out). npos when
// there is none.
size_t SlashlessSymbolStart(const std::string& text, size_t from) {
  std::string trimmed = text;
  while (!trimmed.empty() &&
         std::string_view(".,;:").find(trimmed.back()) != std::string_view::npos) {
    trimmed.pop_back();
  }
  for (size_t at = from; at < trimmed.size(); ++at) {
    if ((static_cast<unsigned char>(trimmed[at]) & 0xC0) == 0x80) continue;
    if (StandardPartCount(trimmed.substr(at), true) >= 2) return at;
  }
  return std::string::npos;
}

// `word` cut at byte `at` into two words, each with its code points' share of the box.
std::pair<Word, Word> SplitWord(const Word& word, size_t at) {
  Word left = word, right = word;
  left.text = word.text.substr(0, at);
  right.text = word.text.substr(at);
  const int all = std::max(1, index::CodePointCount(word.text));
  left.box.right = word.box.left + word.box.width() * index::CodePointCount(left.text) / all;
  right.box.left = left.box.right;
  return {left, right};
}

// The row of a label at `label` whose symbol lost its slash, glued to the label's word or in
// the word after it: the label, the numeral as read (if any) and the symbol without its slash,
// which the number slot takes as such (header_slots.cc, BareSymbol). Empty when there is none.
// `label_bytes`: the label's share of its word (all of it when apart).
std::vector<Word> RowWithSlashlessSymbol(const TextLine& line, int label, size_t label_bytes,
                                         bool label_misread) {
  const int count = static_cast<int>(line.words.size());
  for (int w = label; w <= std::min(count - 1, label + 1); ++w) {
    const Word& word = line.words[w];
    if (word.text.find('/') != std::string::npos) continue;
    const size_t from = w == label ? label_bytes : 0;
    const size_t start = SlashlessSymbolStart(word.text, from);
    // A misread label counts only with the numeral's ink read before the symbol.
    if (start == std::string::npos || (label_misread && start == from)) continue;
    std::vector<Word> row;
    Word rest = word;
    if (w == label) {
      auto [label_part, after] = SplitWord(word, label_bytes);
      row.push_back(std::move(label_part));
      rest = std::move(after);
    } else {
      row.push_back(line.words[label]);
    }
    row.front().text = "Số:";
    if (start > from) {
      auto [numeral, symbol] = SplitWord(rest, start - from);
      row.push_back(std::move(numeral));
      rest = std::move(symbol);
    }
    row.push_back(std::move(rest));
    return row;
  }
  return {};
}

// How `text` opens the number row: 0 for a 'Số:' read as such (maybe with a pen numeral's
// strokes glued after it, 'Số:-đ8;'), the label's bytes for one OCR misread (MisreadLabelBytes),
// nullopt for no label.
std::optional<size_t> MisreadLabelOf(const std::string& text) {
  if (IsNumberLabelWord(text) || GluedLabelLength(text) > 0) return 0;
  const size_t misread = MisreadLabelBytes(text);
  if (misread == 0) return std::nullopt;
  return misread;
}

// The words of `line` from `label` to `symbol`, the symbol's word cut to its first
// `symbol_bytes` (junk read glued after it left out, with its share of the box).
std::vector<Word> RowBetween(const TextLine& line, int label, int symbol, size_t symbol_bytes) {
  std::vector<Word> row(line.words.begin() + label, line.words.begin() + symbol + 1);
  Word& last = row.back();
  if (symbol_bytes < last.text.size()) {
    const int all = index::CodePointCount(last.text);
    last.text.resize(symbol_bytes);
    last.box.right = last.box.left + last.box.width() * index::CodePointCount(last.text) / all;
  }
  return row;
}

}  // namespace

bool IsSymbolShaped(const std::string& word) {
  const std::string symbol = SymbolSuffix(word);
  if (symbol.size() < 3) return false;
  const std::string folded = index::FoldVietnamese(symbol.substr(1));
  int capitals = 0;
  char previous = '-';
  for (char c : folded) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '-') {
      if (previous == '-') return false;
    } else if (std::isupper(byte)) {
      ++capitals;
    } else if (!std::isdigit(byte)) {
      return false;
    }
    previous = c;
  }
  if (capitals < kMinSymbolCapitals || previous == '-') return false;
  // One part is a body's own abbreviation ('/UBND'), as the number slot takes it: a word of the
  // agency's name a stamp's ink put a slash into ('SỞ THÔNG T/VÀZRUYEN') is none.
  return folded.find('-') != std::string::npos ||
         index::StandardAbbreviation(symbol.substr(1)).has_value();
}

std::vector<Word> NumberRowWords(const PageText& block) {
  for (const TextLine& line : block.lines) {
    const int count = static_cast<int>(line.words.size());
    for (int label = 0; label < count; ++label) {
      const std::string& text = line.words[label].text;
      const bool glued = GluedLabelLength(text) > 0 && SymbolBytes(text) > 0;
      const std::optional<size_t> label_misread = MisreadLabelOf(text);
      if (!label_misread) continue;
      const size_t misread = *label_misread;
      const bool misread_glued = misread > 0 && StartsWithDigit(text.substr(misread)) &&
                                 SymbolBytes(text.substr(misread)) > 0;
      for (int w = label; w < std::min(count, label + kMaxWordsToSymbol + 1); ++w) {
        if (w == label && !glued && !misread_glued) continue;
        const size_t kept = SymbolBytes(line.words[w].text);
        if (kept == 0) continue;
        if (misread > 0 && !misread_glued && !StartsWithDigit(line.words[label + 1].text) &&
            !(w == label + 1 && SLabelWithVowelMisread(text))) {
          break;
        }
        std::vector<Word> row = RowBetween(line, label, w, kept);
        if (misread > 0) row.front().text = "Số:" + row.front().text.substr(misread);
        return row;
      }
    }
  }
  return {};
}

std::vector<Word> NumberRowWordsWithSlashLost(const PageText& block) {
  for (const TextLine& line : block.lines) {
    for (int label = 0; label < static_cast<int>(line.words.size()); ++label) {
      const std::string& text = line.words[label].text;
      const std::optional<size_t> label_misread = MisreadLabelOf(text);
      if (!label_misread) continue;
      const size_t misread = *label_misread;
      const int glued_label = GluedLabelLength(text);
      const size_t label_bytes =
          misread > 0 ? misread
          : glued_label > 0
              ? text.size() - DropCodePoints(text, glued_label, index::CodePointCount(text)).size()
              : text.size();
      std::vector<Word> row = RowWithSlashlessSymbol(line, label, label_bytes, misread > 0);
      if (!row.empty()) return row;
    }
  }
  return {};
}

std::vector<Word> NumberRowWordsWithLabelLost(const PageText& block) {
  for (const TextLine& line : block.lines) {
    const int count = static_cast<int>(line.words.size());
    for (int label = 0; label < count; ++label) {
      std::string text = line.words[label].text;
      text.erase(0, std::min(text.size(), text.find_first_not_of(".,'`\"_-")));
      const int length = index::CodePointCount(text);
      if (!text.starts_with("S") || length > kMaxWeakLabelCodePoints) continue;
      for (int w = label + 1; w < std::min(count, label + kMaxWordsAfterWeakLabel + 1); ++w) {
        const size_t kept = SymbolBytes(line.words[w].text);
        if (kept == 0) continue;
        const std::string symbol = SymbolSuffix(line.words[w].text.substr(0, kept));
        const size_t dash = symbol.rfind('-');
        if (dash == std::string::npos || !index::StandardAbbreviation(symbol.substr(dash + 1))) {
          break;
        }
        std::vector<Word> row = RowBetween(line, label, w, kept);
        row.front().text = "Số:" + DropCodePoints(text, 2, length);
        return row;
      }
    }
  }
  return {};
}

std::vector<Word> NumberRowWordsWithLabelUnread(const PageText& block) {
  constexpr int kMaxWordsBeforeSymbol = 2;
  for (const TextLine& line : block.lines) {
    const int count = static_cast<int>(line.words.size());
    for (int w = 0; w < std::min(count, kMaxWordsBeforeSymbol + 1); ++w) {
      const std::string& text = line.words[w].text;
      const size_t kept = SymbolBytes(text);
      if (kept == 0) continue;
      const std::string symbol = SymbolSuffix(text.substr(0, kept));
      if (StandardPartCount(symbol.substr(1), false) < 2) continue;
      const bool marks_after =
          std::none_of(line.words.begin() + w + 1, line.words.end(),
                       [](const Word& word) { return HasLetterOrDigit(word.text); });
      if (!marks_after) continue;
      const std::string numeral = text.substr(0, SymbolSlash(text));
      if (HasDigit(numeral)) return RowBetween(line, w, w, kept);
      if (w > 0 && HasDigit(line.words[w - 1].text)) return RowBetween(line, w - 1, w, kept);
    }
  }
  return {};
}

}  // namespace sohoa::pipeline
