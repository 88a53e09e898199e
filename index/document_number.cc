// Finding the number's label on a header line and cleaning what OCR read after it.
#include "index/document_number.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <string>

#include "index/document_symbols.h"
#include "index/vietnamese_text.h"

namespace sohoa::index {
namespace {

// OCR splits a symbol's last part at a gap in the print ('32/QĐ-S TTTI'): the word after the
// first space joins it when together they are a standard abbreviation.
std::string JoinSplitSymbolPart(std::string number) {
  const size_t space = number.find(' ');
  const size_t slash = number.find('/');
  if (space == std::string::npos || slash == std::string::npos || slash > space) return number;
  const size_t part_start = number.find_last_of("-/", space) + 1;
  const size_t next_end = std::min(number.find(' ', space + 1), number.size());
  std::string next = number.substr(space + 1, next_end - space - 1);
  // A rule's end or a speck after it reads as a mark glued on ('UB ND-').
  while (!next.empty() && std::ispunct(static_cast<unsigned char>(next.back()))) next.pop_back();
  const KeyedLine next_key(next);
  if (next.empty() || next_key.LowercaseLetters() > 0 ||
      !std::isupper(static_cast<unsigned char>(FoldVietnamese(next).front()))) {
    return number;
  }
  // Split in a part before the last ('37/STTI T-BCVT'): the part joins the next word's first.
  const std::string next_part = next.substr(0, next.find('-'));
  if (!StandardAbbreviation(number.substr(part_start, space - part_start) + next_part)) {
    return number;
  }
  return number.erase(space, 1);
}

}  // namespace

std::optional<size_t> NumberLabelEnd(const KeyedLine& line) {
  // A speck before it reads as punctuation, or, with a colon after it, as a letter or two (a
  // stamp's label ending beside it: 'L: Sô: 52/UBND-TTTT'; never a list item's '2.' or 'a.');
  // 'ð' and '6' for 'ố' only with the colon. The colon may be read as a quote ('số“ 54/QĐ-UBND':
  // a pen numeral's first stroke beside it; the key has '?' for a character it has no letter
  // for). A pen stroke's start or a speck after the colon reads as a mark or two ('Số:- 795/…',
  // 'Số:# 3216/…', 'Số:ƒ 718/…').
  static const std::regex kLabel(
      R"(^(?:[^a-z0-9 ]{0,2} ?|[^ 0-9]{1,2}[:;] +)(?:s ?[o0] *(?:[:;.,'"`?] *(?:[-~_.,'"`^*#|?]+ *)?|(?=[0-9]))|s ?[d6] *[:;] *))");
  // OCR sometimes loses the S ('õ: 4451/UBND-VHTT'): then a numeral with a '/' must follow.
  static const std::regex kLabelWithoutS(R"(^[o0] *[:;] *(?=[0-9o]+ *[/]))");
  std::smatch match;
  if (!std::regex_search(line.key(), match, kLabel) &&
      !std::regex_search(line.key(), match, kLabelWithoutS)) {
    return std::nullopt;
  }
  return static_cast<size_t>(match.length(0));
}

std::string CleanNumber(std::string raw) {
  // A spaced dash before a mixed-case word ('643/UBND-VHTT - Quảng Yên') is where the number
  // ends: symbols are capitals ('TTg' has one lower-case letter).
  for (size_t dash = raw.find(" -"); dash != std::string::npos; dash = raw.find(" -", dash + 1)) {
    const size_t word = raw.find_first_not_of(" -", dash);
    if (word == std::string::npos) break;
    const KeyedLine next(raw.substr(word, raw.find(' ', word) - word));
    if (next.LowercaseLetters() >= 2) {
      raw.resize(dash);
      break;
    }
  }
  static const std::regex kSpacedJoiner(R"(\s*([/-])\s*)");
  std::string number = std::regex_replace(raw, kSpacedJoiner, "$1");
  // A speck read as a dash beside the symbol's own ('QĐ- -UBND') is one dash.
  static const std::regex kDashRun("-{2,}");
  number = std::regex_replace(number, kDashRun, "-");
  // Between the numeral and a symbol, only a year has a slash of its own: a short piece OCR
  // read there before the symbol ('366/Qb./QĐ-UBND', a stroke of the pen numeral and the
  // symbol's start read twice) with a lower-case letter or a mark in it is dropped.
  static const std::regex kStrayPiece(R"(^([0-9]+)/([^/ ]{1,4})/([^/ ]+-[^/ ]+))");
  std::smatch stray;
  if (std::regex_search(number, stray, kStrayPiece) &&
      std::any_of(stray[2].first, stray[2].second, [](char c) {
        return std::islower(static_cast<unsigned char>(c)) ||
               std::ispunct(static_cast<unsigned char>(c));
      })) {
    number = stray[1].str() + "/" + stray[3].str() + stray.suffix().str();
  }
  number = JoinSplitSymbolPart(std::move(number));
  size_t end = number.find_first_of(" \t");
  if (end != std::string::npos) number.resize(end);
  // A symbol ends in a letter or digit: a trailing stop, a speck read as '_' or '~', a rule's
  // end read as '-' are not part of it. (A trailing slash stays: '47/' is a number whose symbol
  // was lost, not a bare '47'.)
  while (!number.empty() && number.back() != '/' &&
         std::ispunct(static_cast<unsigned char>(number.back()))) {
    number.pop_back();
  }
  // The numeral is digits ('15', '01/2018/...'); 'Z7/CT-UBND' or '2Äjế' is OCR noise, and no
  // number is better than a wrong one (the document goes to review instead).
  const size_t numeral_end = std::min(number.find('/'), number.size());
  if (numeral_end == 0 || number.find_first_not_of("0123456789") < numeral_end) return {};
  number = ToNfc(number);
  // OCR reads one Đ as two ('QĐÐ'; KeyedLine already made Ð into Đ); no symbol has 'ĐĐ'.
  static const std::string kD = "Đ";
  for (size_t at; (at = number.find(kD + kD)) != std::string::npos;) number.erase(at, kD.size());
  const size_t slash = number.rfind('/');
  if (slash != std::string::npos) {
    // The shapes a number has: N/SYMBOL and N/YYYY/SYMBOL, the symbol letters and digits in
    // dash-joined runs. Anything else ('2/Z2/SNV-CCVC', '16/Z⁄Z') is OCR noise read as one.
    static const std::regex kShape(
        R"(^[0-9]+(?:/[0-9]{4})?/[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$)");
    // Figures after a symbol of two parts or more ('876/TB-TTPVHCC /72/1': a stamp's pen date
    // beside the row, joined on by its slash) are none of it: a year comes before the symbol,
    // never after.
    static const std::regex kFiguresAfter(R"((?:/[0-9]+)+$)");
    if (!std::regex_match(FoldVietnamese(number), kShape)) {
      const std::string before_figures = std::regex_replace(number, kFiguresAfter, "");
      // The symbol left must be a whole one of two parts or more: 'Z2' of '16/Z2/72' is noise.
      if (before_figures == number || !std::regex_match(FoldVietnamese(before_figures), kShape) ||
          before_figures.find('-', before_figures.rfind('/')) == std::string::npos) {
        return {};
      }
      number = before_figures;
    }
    const size_t symbol_slash = number.rfind('/');
    number = number.substr(0, symbol_slash + 1) + CorrectSymbol(number.substr(symbol_slash + 1));
  }
  return number;
}

std::string SymbolOf(const std::string& number) {
  size_t slash = number.rfind('/');
  if (slash == std::string::npos) return {};
  std::string symbol = number.substr(slash + 1);
  return FoldVietnamese(symbol).find_first_of(
             "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") == std::string::npos
             ? std::string()
             : symbol;
}

}  // namespace sohoa::index
