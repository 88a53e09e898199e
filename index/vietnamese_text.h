// Vietnamese text normalisation shared by indexing and querying, so that both sides agree
// on one spelling of every word: NFC, lower case, one tone-mark placement convention
// (hòa, thủy, hóa, ủy: so 'hoà' and 'hòa' are the same word), and a folded form without any
// diacritic (đ -> d).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sohoa::index {

// NFC only (text from macOS scanners arrives NFD). Invalid UTF-8 becomes U+FFFD.
std::string ToNfc(std::string_view utf8);

// NFC, lower case, Icelandic eth (an OCR confusion for Đ) read as đ, and every syllable's
// tone mark moved to the vowel the modern convention puts it on.
std::string NormalizeVietnamese(std::string_view utf8);

// Every diacritic removed (tone marks, breve, circumflex, horn) and đ/Đ -> d/D. Case kept.
std::string FoldVietnamese(std::string_view utf8);

// True when folding would change the text, i.e. the user typed some diacritic.
bool HasDiacritics(std::string_view utf8);

// Splits like SQLite's unicode61 with categories 'L* N* Co M*': runs of letters, digits,
// private-use characters and combining marks; everything else separates.
std::vector<std::string> SplitWords(std::string_view utf8);

// True when `word` (one word, any case) is shaped as a Vietnamese syllable: an onset, one to
// three vowels and a coda of the language's letters, one tone mark at most, in one case or
// capitalised. OCR's garbles of a name mostly are not ('CHINHÁNH', two words run together;
// 'Ñ'; 'đUẶNG'); abbreviations ('UBND') are not either.
bool IsVietnameseSyllable(std::string_view word);

// Number of Unicode code points.
int CodePointCount(std::string_view utf8);

// Bytes inserted, dropped or replaced to turn `a` into `b`: letters, for folded keys.
int EditDistance(std::string_view a, std::string_view b);

}  // namespace sohoa::index
