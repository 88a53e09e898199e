#include "index/vietnamese_text.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <regex>

namespace sohoa::index {
namespace {

const icu::Normalizer2& Nfc() {
  UErrorCode error = U_ZERO_ERROR;
  return *icu::Normalizer2::getNFCInstance(error);
}

const icu::Normalizer2& Nfd() {
  UErrorCode error = U_ZERO_ERROR;
  return *icu::Normalizer2::getNFDInstance(error);
}

std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

constexpr UChar32 kGrave = 0x0300, kAcute = 0x0301, kTilde = 0x0303, kHookAbove = 0x0309,
                  kDotBelow = 0x0323;
constexpr UChar32 kCircumflex = 0x0302, kBreve = 0x0306, kHorn = 0x031B;

bool IsToneMark(UChar32 c) {
  return c == kGrave || c == kAcute || c == kTilde || c == kHookAbove || c == kDotBelow;
}

bool IsVowelModifier(UChar32 c) { return c == kCircumflex || c == kBreve || c == kHorn; }

bool IsVowelBase(UChar32 c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// One letter of a decomposed syllable: its base and the marks that follow it.
struct Letter {
  UChar32 base = 0;
  bool modified = false;  // carries a circumflex, breve or horn (â ă ê ô ơ ư)
  std::vector<UChar32> marks;
};

// Moves the single tone mark of one lower-case syllable onto the vowel chosen by one fixed
// convention: a modified vowel (â ă ê ô ơ ư, the last one in ươ) takes it; otherwise the last
// vowel of a closed syllable, the middle of three, the first of two (hòa, thủy, hóa, ủy, as
// in the sources we index); 'qu' and 'gi' are consonants. Anything that does not look like
// one Vietnamese syllable is left alone.
icu::UnicodeString PlaceToneMark(const icu::UnicodeString& syllable) {
  UErrorCode error = U_ZERO_ERROR;
  icu::UnicodeString decomposed = Nfd().normalize(syllable, error);
  if (U_FAILURE(error)) return syllable;
  std::vector<Letter> letters;
  UChar32 tone = 0;
  int tone_count = 0;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    UChar32 c = decomposed.char32At(i);
    if (IsToneMark(c)) {
      tone = c;
      ++tone_count;
      continue;
    }
    if (u_getCombiningClass(c) != 0) {
      if (letters.empty()) return syllable;
      letters.back().marks.push_back(c);
      if (IsVowelModifier(c)) letters.back().modified = true;
      continue;
    }
    if (!u_isalpha(c)) return syllable;
    letters.push_back(Letter{c, false, {}});
  }
  if (tone_count != 1 || letters.empty()) return syllable;

  // The vowel cluster: the only run of vowels (a second run means this is not one syllable).
  int first = -1, last = -1;
  for (int i = 0; i < static_cast<int>(letters.size()); ++i) {
    if (!IsVowelBase(letters[i].base)) continue;
    if (first < 0) {
      first = i;
    } else if (last != i - 1) {
      return syllable;
    }
    last = i;
  }
  if (first < 0) return syllable;
  // 'qu' and 'gi' (before another vowel) are consonants.
  if (last > first && first == 1 && letters[0].base == 'q' && letters[1].base == 'u') ++first;
  if (last > first && first == 1 && letters[0].base == 'g' && letters[1].base == 'i') ++first;
  const bool closed = last + 1 < static_cast<int>(letters.size());
  const int cluster_size = last - first + 1;

  int target = -1;
  for (int i = first; i <= last; ++i) {
    if (letters[i].modified) target = i;  // the last modified vowel: ươ -> ơ
  }
  if (target < 0) {
    if (closed) {
      target = last;
    } else if (cluster_size >= 3) {
      target = first + 1;
    } else {
      target = first;
    }
  }
  letters[target].marks.push_back(tone);
  icu::UnicodeString rebuilt;
  for (const Letter& letter : letters) {
    rebuilt.append(letter.base);
    for (UChar32 mark : letter.marks) rebuilt.append(mark);
  }
  icu::UnicodeString composed = Nfc().normalize(rebuilt, error);
  return U_FAILURE(error) ? syllable : composed;
}

bool IsWordChar(UChar32 c) {
  int32_t mask = U_GET_GC_MASK(c);
  return (mask & (U_GC_L_MASK | U_GC_N_MASK | U_GC_M_MASK | U_GC_CO_MASK)) != 0;
}

}  // namespace

std::string ToNfc(std::string_view utf8) {
  if (IsAscii(utf8)) return std::string(utf8);
  UErrorCode error = U_ZERO_ERROR;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString composed = Nfc().normalize(text, error);
  return U_FAILURE(error) ? ToUtf8(text) : ToUtf8(composed);
}

std::string NormalizeVietnamese(std::string_view utf8) {
  if (IsAscii(utf8)) {
    std::string out(utf8);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }
  UErrorCode error = U_ZERO_ERROR;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  text.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x00D0)),
                      icu::UnicodeString(static_cast<UChar32>(0x0110)));
  text.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x00F0)),
                      icu::UnicodeString(static_cast<UChar32>(0x0111)));
  text = Nfc().normalize(text, error);
  if (U_FAILURE(error)) return std::string(utf8);
  text.toLower(icu::Locale("vi"));
  icu::UnicodeString out;
  int32_t i = 0;
  while (i < text.length()) {
    if (!IsWordChar(text.char32At(i))) {
      out.append(text.char32At(i));
      i = text.moveIndex32(i, 1);
      continue;
    }
    int32_t end = i;
    while (end < text.length() && IsWordChar(text.char32At(end))) end = text.moveIndex32(end, 1);
    out.append(PlaceToneMark(text.tempSubStringBetween(i, end)));
    i = end;
  }
  return ToUtf8(out);
}

std::string FoldVietnamese(std::string_view utf8) {
  if (IsAscii(utf8)) return std::string(utf8);
  UErrorCode error = U_ZERO_ERROR;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString decomposed = Nfd().normalize(text, error);
  if (U_FAILURE(error)) return std::string(utf8);
  icu::UnicodeString out;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    UChar32 c = decomposed.char32At(i);
    if (U_GET_GC_MASK(c) & U_GC_MN_MASK) continue;
    if (c == 0x0111 || c == 0x00F0) c = 'd';
    if (c == 0x0110 || c == 0x00D0) c = 'D';
    out.append(c);
  }
  return ToUtf8(Nfc().normalize(out, error));
}

bool HasDiacritics(std::string_view utf8) {
  return !IsAscii(utf8) && FoldVietnamese(utf8) != ToNfc(utf8);
}

std::vector<std::string> SplitWords(std::string_view utf8) {
  std::vector<std::string> words;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  int32_t i = 0;
  while (i < text.length()) {
    if (!IsWordChar(text.char32At(i))) {
      i = text.moveIndex32(i, 1);
      continue;
    }
    int32_t end = i;
    while (end < text.length() && IsWordChar(text.char32At(end))) end = text.moveIndex32(end, 1);
    words.push_back(ToUtf8(text.tempSubStringBetween(i, end)));
    i = end;
  }
  return words;
}

int CodePointCount(std::string_view utf8) {
  int count = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

int EditDistance(std::string_view a, std::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool IsVietnameseSyllable(std::string_view word) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::UnicodeString decomposed = Nfd().normalize(
      icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), word.size())), error);
  if (U_FAILURE(error)) return false;
  int tone_marks = 0;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    tone_marks += IsToneMark(decomposed.char32At(i));
  }
  if (tone_marks > 1) return false;
  std::string folded = FoldVietnamese(word);
  // One case through the word, or a capital before lower case: 'HÒA', 'hòa', 'Hòa'; not 'đUẶNG'.
  auto all_of_case = [&](size_t from, int (*is_case)(int)) {
    return std::all_of(folded.begin() + std::min(from, folded.size()), folded.end(),
                       [&](unsigned char c) { return is_case(c) != 0; });
  };
  if (!all_of_case(0, std::isupper) && !all_of_case(0, std::islower) &&
      !(all_of_case(1, std::islower) && std::isupper(static_cast<unsigned char>(folded[0])))) {
    return false;
  }
  for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Onset, a nucleus of one to three vowels, coda.
  static const std::regex kSyllable(
      "(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?");
  return std::regex_match(folded, kSyllable);
}

}  // namespace sohoa::index
