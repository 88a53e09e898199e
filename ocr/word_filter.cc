#include "ocr/word_filter.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace sohoa::ocr {
namespace {

// Printed Vietnamese administrative text uses letters, digits and this punctuation; other
// symbols (®, ~, |, «, §, ...) in a doubtful word mean it was read from non-text ink.
bool IsPrintedPunctuation(UChar32 c) {
  static constexpr std::u32string_view kPunctuation = U".,;:!?()[]-/\"'%&+*=_–“”‘’";
  return kPunctuation.find(static_cast<char32_t>(c)) != std::u32string_view::npos;
}

}  // namespace

bool IsJunkWord(std::string_view utf8, float confidence) {
  if (confidence >= kJunkWordConfidence) return false;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  int odd_symbols = 0;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    UChar32 c = text.char32At(i);
    if (!u_isalnum(c) && !IsPrintedPunctuation(c)) ++odd_symbols;
  }
  return odd_symbols > 0;
}

std::string WithPlainSlashes(std::string utf8) {
  for (const std::string_view slash : {"\u2044", "\u2215"}) {
    for (size_t at = utf8.find(slash); at != std::string::npos; at = utf8.find(slash, at + 1)) {
      utf8.replace(at, slash.size(), "/");
    }
  }
  return utf8;
}

}  // namespace sohoa::ocr
