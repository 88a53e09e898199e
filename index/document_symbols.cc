#include "index/document_symbols.h"

#include <algorithm>
#include <cctype>
#include <span>
#include <string_view>
#include <vector>

#include "index/document_types.h"
#include "index/vietnamese_text.h"

namespace sohoa::index {
namespace {

// Document types (Nghị định 30/2020/NĐ-CP, Phụ lục III) and the bodies of provincial and
// central administration whose abbreviations archives see most. A body missing here is kept as
// read, never forced to a neighbour: only parts close to exactly one entry are corrected.
// The first kTypeAbbreviations entries are document types' codes.
constexpr size_t kTypeAbbreviations = 29;
constexpr std::string_view kAbbreviations[] = {
    // document types
    "NQ", "QĐ", "CT", "QC", "QyĐ", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB", "TTr",
    "HĐ", "CĐ", "BGN", "BGT", "GUQ", "GM", "GGT", "GNP", "PC", "PG", "PB", "TC", "TH", "CV",
    // central bodies and instruments
    "TTg", "CP", "NĐ", "TT", "BNV", "BTC", "BTTTT", "BKHĐT", "BYT", "BGDĐT", "VPCP",
    // provincial bodies and their offices ('UB': Ủy ban, before the 2005 rules made it 'UBND';
    // see kUbndSinceYear)
    "UBND", "UB", "HĐND", "VPUBND", "VP", "STTTT", "SNV", "STC", "SKHĐT", "SXD", "SYT", "SGDĐT",
    "STNMT", "SNNPTNT", "SCT", "STP", "SLĐTBXH", "SVHTTDL", "SGTVT", "SKHCN", "BQL",
    // departments and units inside them
    "VHTT", "BCVT", "CCVC", "TCCB", "TCHC", "KTTH", "TTKSNB", "TTPVHCC", "NV", "TCKH", "TCKT",
    "TTHC", "QLĐT", "TNMT", "TTTT"};
static_assert(kAbbreviations[kTypeAbbreviations - 1] == "CV" &&
              kAbbreviations[kTypeAbbreviations] == "TTg");

// A document's symbol names a people's committee 'UBND' from this year on (Thông tư liên tịch
// 55/2005/TTLT-BNV-VPCP; the 2004-2005 changeover is left as read): a body code 'UB' in a
// later document is 'UBND' cut short (a stamp's edge, a speck over its end).
constexpr int kUbndSinceYear = 2006;
constexpr std::string_view kObsoleteUbCode = "UB";

// A type's code read with more characters before it than this is some other part.
constexpr int kMostCharactersBeforeTypeCode = 2;

// Capitals OCR takes for each other in print ('UDND', 'STTTI', 'VFUDND', 'STLTT': a T whose bar
// a stamp's edge cut), and digits it takes them for ('C1' for 'CT').
bool Confusable(char a, char b) {
  static constexpr std::string_view kPairs[] = {"BD", "IT", "PF", "OD", "OQ", "CG", "EF", "HN",
                                                "UV", "IL", "TY", "BE", "BR", "TL",
                                                // digits for the capitals they look like
                                                "1T", "1I", "0O", "0D", "8B", "5S"};
  for (std::string_view pair : kPairs) {
    if ((a == pair[0] && b == pair[1]) || (a == pair[1] && b == pair[0])) return true;
  }
  return false;
}

// Half-letters of difference between `a` and `b` of equal length (a confusable pair costs 1,
// any other letter 2). Between a part of six letters or more and one a letter longer, a letter
// too many (a speck read as a capital: 'TTPVHCGC') costs 2 more; otherwise lengths that differ
// give -1.
int Distance(const std::string& a, const std::string& b) {
  auto substitutions = [](std::string_view x, std::string_view y) {
    int cost = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      if (x[i] != y[i]) cost += Confusable(x[i], y[i]) ? 1 : 2;
    }
    return cost;
  };
  if (a.size() == b.size()) return substitutions(a, b);
  const std::string& longer = a.size() > b.size() ? a : b;
  const std::string& shorter = a.size() > b.size() ? b : a;
  if (longer.size() != shorter.size() + 1 || shorter.size() < 6) return -1;
  int best = -1;
  for (size_t dropped = 0; dropped < longer.size(); ++dropped) {
    std::string rest = longer;
    rest.erase(dropped, 1);
    const int cost = 2 + substitutions(rest, shorter);
    if (best < 0 || cost < best) best = cost;
  }
  return best;
}

// Capitals only, three or more, 'Đ' among them: a word in capitals with other diacritics
// ('THÔNG') is no abbreviation.
bool IsAbbreviationShaped(const std::string& word) {
  const std::string folded = FoldVietnamese(word);
  size_t d_count = 0;
  for (size_t at = word.find("Đ"); at != std::string::npos; at = word.find("Đ", at + 1)) {
    ++d_count;
  }
  return folded.size() >= 3 && word.size() == folded.size() + d_count &&
         std::all_of(folded.begin(), folded.end(),
                     [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// The lines of `text` that say where copies are filed ('- Lưu: VT, TTKSNB.'), joined.
// What OCR reads a lone upright stroke as: a frame's edge, a speck, a letter's stem.
constexpr std::string_view kThinLetters = "IL1|J";

std::string FilingLines(const std::string& text) {
  std::string lines;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    const std::string folded = FoldVietnamese(line);
    const size_t first = folded.find_first_not_of("-+*. ");
    if (first != std::string::npos && Upper(folded.substr(first, 3)) == "LUU") lines += line + "\n";
    start = end + 1;
  }
  return lines;
}

// The year of `iso_date` ('2024-05-21'), 0 when it has none ('', '--05-21').
int YearOf(const std::string& iso_date) {
  if (iso_date.size() < 4 || !std::all_of(iso_date.begin(), iso_date.begin() + 4, [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    return 0;
  }
  return std::stoi(iso_date.substr(0, 4));
}

// True for a document type's code ('QĐ', 'PB'), as the abbreviations list it.
bool IsTypeCode(const std::string& part) {
  const auto types = std::span(kAbbreviations).first(kTypeAbbreviations);
  return std::find(types.begin(), types.end(), part) != types.end();
}

std::string CorrectPart(const std::string& part) {
  if (std::optional<std::string> standard = StandardAbbreviation(part)) return *standard;
  // A frame's edge or a speck beside the part read as a thin letter ('TTTTI', 'IUBND'): the
  // rest is a standard abbreviation of three letters or more, exactly.
  auto standard = [](const std::string& text) {
    return std::find(std::begin(kAbbreviations), std::end(kAbbreviations), text) !=
           std::end(kAbbreviations);
  };
  // The thin letter may carry a mark OCR added ('TTTTÍ'): compared folded, where the part has
  // no 'Đ' (which folds to a 'D' no abbreviation has).
  const std::string folded_part = Upper(FoldVietnamese(part));
  const std::string& thin_part = CodePointCount(part) == static_cast<int>(folded_part.size()) &&
                                         part.find("Đ") == std::string::npos
                                     ? folded_part
                                     : part;
  if (thin_part.size() >= 4) {
    const std::string without_last = thin_part.substr(0, thin_part.size() - 1),
                      without_first = thin_part.substr(1);
    if (kThinLetters.find(thin_part.back()) != std::string_view::npos && standard(without_last)) {
      return without_last;
    }
    if (kThinLetters.find(thin_part.front()) != std::string_view::npos && standard(without_first)) {
      return without_first;
    }
  }
  // A dash OCR read as a letter or a bar ('STTTTIBCVT' for 'STTTT-BCVT'): the part splits
  // there into two standard abbreviations.
  for (size_t at = 2; at + 2 < part.size(); ++at) {
    if (std::string_view("Il1|").find(part[at]) == std::string_view::npos) continue;
    const std::optional<std::string> before = StandardAbbreviation(part.substr(0, at));
    const std::optional<std::string> after = StandardAbbreviation(part.substr(at + 1));
    if (before && after) return *before + "-" + *after;
  }
  // A dash OCR lost ('SNVCCVC' for 'SNV-CCVC'): the part is two standard abbreviations run
  // together, at exactly one place. Six letters at least: two short codes run together
  // ('TCTH') are as often a body's own.
  const std::string folded = FoldVietnamese(part);
  if (CodePointCount(part) >= 6 && CodePointCount(part) == static_cast<int>(folded.size())) {
    std::string split;
    int splits = 0;
    // Where `part` has 'Đ' (two bytes) its bytes and code points differ: cut at lead bytes.
    for (size_t byte = 1, code_points = 0; byte < part.size(); ++byte) {
      if ((static_cast<unsigned char>(part[byte]) & 0xC0) == 0x80) continue;
      ++code_points;
      const std::string before = part.substr(0, byte), after = part.substr(byte);
      if (code_points < 2 || CodePointCount(after) < 2) continue;
      if (standard(before) && standard(after)) split = before + "-" + after, ++splits;
    }
    if (splits == 1) return split;
  }
  return part;
}

// Whether `agency` (a body's name as read) names the body `folded_entry` (an abbreviation,
// folded, in capitals) abbreviates: the initials of words of it in a row ('SỞ THÔNG TIN VÀ
// TRUYỀN THÔNG': 'và' not counted), or one of its words written so ('UBND TỈNH QUẢNG NINH').
bool NamesAbbreviation(const std::string& agency, const std::string& folded_entry) {
  std::string initials;
  for (const std::string& word : SplitWords(FoldVietnamese(agency))) {
    const std::string upper = Upper(word);
    if (upper.empty() || upper == "VA" || !std::isalpha(static_cast<unsigned char>(upper[0]))) {
      continue;
    }
    initials += upper[0];
  }
  if (initials.find(folded_entry) != std::string::npos) return true;
  for (const std::string& word : SplitWords(agency)) {
    if (IsAbbreviationShaped(word) && Upper(FoldVietnamese(word)) == folded_entry) return true;
  }
  return false;
}

// The bytes of `part` up to the first character no symbol has after OCR's own slips are
// corrected: letters other than Latin ones and Đ ('È', 'Ñ'), marks, or a digit with a letter
// after it ('VPUB1Y').
size_t CleanSymbolPrefix(const std::string& part) {
  static const std::string kD = "Đ";
  for (size_t at = 0; at < part.size();) {
    const unsigned char c = static_cast<unsigned char>(part[at]);
    if (std::isalpha(c)) {
      ++at;
    } else if (part.compare(at, kD.size(), kD) == 0) {
      at += kD.size();
    } else if (std::isdigit(c)) {
      const size_t letters = part.find_first_not_of("0123456789", at);
      if (letters != std::string::npos) return at;
      return part.size();
    } else {
      return at;
    }
  }
  return part.size();
}

}  // namespace

std::optional<std::string> StandardAbbreviation(const std::string& part) {
  const std::string folded = Upper(FoldVietnamese(part));
  if (folded.empty() || CodePointCount(part) != static_cast<int>(folded.size())) {
    return std::nullopt;
  }
  // A part within this many half-letters of an abbreviation, and closer to it than to any
  // other: one confusable letter ('Qb' for 'QĐ', 'STTTI'), two in a long part ('VFUDND').
  // Any other letter makes another body's abbreviation as often as a misreading ('TCKT' is
  // no 'TCKH' read wrong), so it is never corrected.
  const int allowed = folded.size() >= 6 ? 2 : 1;
  std::string_view best;
  int best_distance = allowed + 1;
  bool tie = false;
  for (std::string_view entry : kAbbreviations) {
    if (part == entry) return part;
    const int distance = Distance(folded, Upper(FoldVietnamese(entry)));
    if (distance < 0) continue;
    if (distance < best_distance) {
      best = entry;
      best_distance = distance;
      tie = false;
    } else if (distance == best_distance) {
      tie = true;
    }
  }
  if (best.empty() || tie) return std::nullopt;
  return std::string(best);
}

std::string CorrectSymbol(const std::string& symbol) {
  std::string corrected;
  size_t start = 0;
  while (true) {
    const size_t dash = symbol.find('-', start);
    corrected += CorrectPart(symbol.substr(start, dash - start));
    if (dash == std::string::npos) break;
    corrected += '-';
    start = dash + 1;
  }
  return corrected;
}

bool SymbolLooksWhole(const std::string& symbol) {
  static const std::string kD = "Đ";
  size_t part_length = 0;  // in characters
  for (size_t at = 0; at <= symbol.size();) {
    if (at == symbol.size() || symbol[at] == '-' || symbol[at] == '/') {
      if (part_length < 2) return false;
      part_length = 0;
      ++at;
      continue;
    }
    if (symbol.compare(at, kD.size(), kD) == 0) {
      at += kD.size();
    } else if (std::isalnum(static_cast<unsigned char>(symbol[at]))) {
      ++at;
    } else {
      return false;
    }
    ++part_length;
  }
  return true;
}

bool SymbolFitsDate(const std::string& symbol, const std::string& iso_date) {
  const size_t cut = symbol.find_last_of("-/");
  const std::string last = cut == std::string::npos ? symbol : symbol.substr(cut + 1);
  return last != kObsoleteUbCode || YearOf(iso_date) < kUbndSinceYear;
}

bool SymbolFitsType(const std::string& symbol, const std::string& type_code) {
  if (type_code.empty()) return true;
  const size_t slash = symbol.rfind('/');
  const std::string after_year = slash == std::string::npos ? symbol : symbol.substr(slash + 1);
  const std::string first = after_year.substr(0, after_year.find('-'));
  return first == type_code || DocumentTypeOfCode(first) == nullptr;
}

std::string CompleteTypeCode(const std::string& symbol, const std::string& type_code) {
  const size_t dash = symbol.find('-');
  if (dash == std::string::npos || dash == 0 || type_code.empty()) return symbol;
  const std::string first = symbol.substr(0, dash);
  const std::string_view code = type_code;
  if (first.size() < code.size() && code.ends_with(first)) {
    return type_code + symbol.substr(dash);
  }
  // The code whole with characters more around it, the part no standard abbreviation itself
  // (a type's code opens the symbol, and ends at its dash): one or two before it ('VKH',
  // 'ZZKH': the pen numeral's last stroke or a speck read as letters), or one after it ('CTI'
  // of a CHỈ THỊ: the slash's foot or a speck before the dash).
  const int extra = CodePointCount(first) - CodePointCount(type_code);
  const bool extra_before_code =
      extra >= 1 && extra <= kMostCharactersBeforeTypeCode && first.ends_with(type_code);
  const bool extra_after_code = extra == 1 && first.starts_with(type_code);
  if ((extra_before_code || extra_after_code) && !StandardAbbreviation(first)) {
    return type_code + symbol.substr(dash);
  }
  // One capital misread in a part as long as the code ('RH' for the 'KH' of a KẾ HOẠCH), also
  // where it makes another type's code ('PB' for the 'TB' of a THÔNG BÁO, 'CĐ' for a 'QĐ'): the
  // title rules that out.
  const std::string folded_first = Upper(FoldVietnamese(first));
  const std::string folded_code = Upper(FoldVietnamese(type_code));
  if ((!StandardAbbreviation(first) || IsTypeCode(first)) &&
      folded_first.size() == folded_code.size() && EditDistance(folded_first, folded_code) == 1) {
    return type_code + symbol.substr(dash);
  }
  return symbol;
}

std::string CompleteBodyCode(const std::string& symbol, const std::string& agency,
                             const std::string& iso_date) {
  const size_t dash = symbol.rfind('-');
  if (dash == std::string::npos || dash + 1 >= symbol.size()) return symbol;
  std::string part = symbol.substr(dash + 1);
  // No symbol of these years ends in 'UB': what was read is the start of a longer code.
  const bool ub_obsolete = YearOf(iso_date) >= kUbndSinceYear;
  if (StandardAbbreviation(part) && !(ub_obsolete && part == kObsoleteUbCode)) return symbol;
  // Garbled from some character on ('UÈÑ', 'VPUB1Y': a stamp's ink over the part's end): what
  // comes before it is the part cut short there.
  const size_t clean = CleanSymbolPrefix(part);
  const bool garbled = clean < part.size();
  if (garbled) part.resize(clean);
  if (part.empty()) return symbol;
  const std::string folded_part = Upper(FoldVietnamese(part));
  // A garbled part's clean start of four letters or more is evidence enough on its own: the
  // agency line is often garbled by the same stamp.
  const bool start_suffices = garbled && folded_part.size() >= 4;
  // Cut short first; only when no abbreviation of the agency starts with the part, one letter
  // wrong, too many or missing ('UBNBĐ'), in a part of three letters or more.
  for (const bool cut_short : {true, false}) {
    if (!cut_short && (garbled || folded_part.size() < 3)) break;
    std::vector<std::string_view> found;
    // The body's part is no type's code. An incoming-mail stamp's 'CÔNG VĂN ĐẾN' read into
    // the agency makes 'CV' its initials, and 'BCV' (the 'T' of 'BCVT' lost) one letter off.
    for (std::string_view entry : std::span(kAbbreviations).subspan(kTypeAbbreviations)) {
      if (ub_obsolete && entry == kObsoleteUbCode) continue;
      const std::string folded_entry = Upper(FoldVietnamese(entry));
      const bool supported = NamesAbbreviation(agency, folded_entry);
      const bool near = cut_short ? folded_entry.size() > folded_part.size() &&
                                        folded_entry.starts_with(folded_part)
                                  : EditDistance(folded_part, folded_entry) == 1;
      if (near && (supported || (cut_short && start_suffices))) found.push_back(entry);
    }
    if (found.empty()) continue;
    // Abbreviations that start one another ('UB', 'UBND') are one body's, the longest whole;
    // others are as near as each other.
    const std::string_view longest = *std::max_element(
        found.begin(), found.end(), [](auto a, auto b) { return a.size() < b.size(); });
    for (std::string_view entry : found) {
      if (!longest.starts_with(entry)) return symbol;
    }
    return symbol.substr(0, dash + 1) + std::string(longest);
  }
  return symbol;
}

std::string CompleteBodyCodeFromText(const std::string& symbol, const std::string& text) {
  const size_t dash = symbol.rfind('-');
  if (dash == std::string::npos || dash + 1 >= symbol.size()) return symbol;
  const std::string part = symbol.substr(dash + 1);
  if (StandardAbbreviation(part)) return symbol;
  // The one abbreviation-shaped word of `searched` longer than `start` that starts with it;
  // empty when none or two.
  auto completion = [](const std::string& start, const std::string& searched) {
    std::string found;
    for (const std::string& word : SplitWords(searched)) {
      if (!IsAbbreviationShaped(word)) continue;
      const std::string folded = FoldVietnamese(word);
      if (folded.size() <= start.size() || !folded.starts_with(start)) continue;
      if (!found.empty() && found != word) return std::string();  // as near two
      found = word;
    }
    return found;
  };
  // One capital left is too little to pick a word of the whole text by; the 'Lưu:' line
  // names the drafting unit the symbol ends with among few others ('Lưu: VT, CCVC.').
  const bool one_capital = CodePointCount(part) == 1;
  const std::string searched = one_capital ? FilingLines(text) : text;
  const std::string folded_part = Upper(FoldVietnamese(part));
  // The part as read, once more than in the number itself: the document's own code.
  int seen_whole = 0;
  for (const std::string& word : SplitWords(searched)) {
    if (IsAbbreviationShaped(word) && FoldVietnamese(word) == folded_part && ++seen_whole > 1) {
      return symbol;
    }
  }
  std::string found = completion(folded_part, searched);
  // A stamp frame's upright edge through the last letter left its stroke, read as a thin
  // letter ('TTI' of 'TTKSNB'): the rest is completed, from the filing lines only.
  if (found.empty() && folded_part.size() >= 3 &&
      kThinLetters.find(folded_part.back()) != std::string_view::npos) {
    found = completion(folded_part.substr(0, folded_part.size() - 1), FilingLines(text));
  }
  if (found.empty()) return symbol;
  return symbol.substr(0, dash + 1) + found;
}

std::string CorrectLetterBodyCode(const std::string& symbol, const std::string& agency) {
  const size_t dash = symbol.find('-');
  if (dash == std::string::npos || dash == 0) return symbol;
  const std::string part = symbol.substr(0, dash);
  if (std::find(std::begin(kAbbreviations), std::end(kAbbreviations), part) !=
      std::end(kAbbreviations)) {
    return symbol;
  }
  // Folded, a letter no symbol has is the letter it carries a mark over ('ŠV').
  const std::string folded_part = Upper(FoldVietnamese(part));
  if (folded_part.size() < 2 || CodePointCount(part) != static_cast<int>(folded_part.size()) ||
      !std::all_of(folded_part.begin(), folded_part.end(),
                   [](char c) { return std::isupper(static_cast<unsigned char>(c)); })) {
    return symbol;
  }
  const int allowed = folded_part.size() >= 5 ? 2 : 1;
  std::string_view best;
  int best_distance = allowed + 1;
  bool tie = false;
  for (std::string_view entry : std::span(kAbbreviations).subspan(kTypeAbbreviations)) {
    const std::string folded_entry = Upper(FoldVietnamese(entry));
    if (folded_entry.size() < 3 || !NamesAbbreviation(agency, folded_entry)) continue;
    const int distance = EditDistance(folded_part, folded_entry);
    if (distance < best_distance) {
      best = entry;
      best_distance = distance;
      tie = false;
    } else if (distance == best_distance && !best.starts_with(entry) && !entry.starts_with(best)) {
      tie = true;
    }
  }
  if (best.empty() || tie) return symbol;
  return std::string(best) + symbol.substr(dash);
}

}  // namespace sohoa::index
