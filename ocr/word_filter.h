// Which recognised words stay out of the text layer.
#pragma once

#include <string>
#include <string_view>

namespace sohoa::ocr {

// Below this confidence a word holding an odd symbol was read from a seal ring, a signature
// or a graphic, not from printed text.
inline constexpr float kJunkWordConfidence = 50.0f;

// True for a doubtful word (confidence below kJunkWordConfidence) holding a symbol printed
// Vietnamese text does not use: anything but letters, digits and ordinary punctuation.
bool IsJunkWord(std::string_view utf8, float confidence);

// `utf8` with the slashes Tesseract's Vietnamese model now and then reads a printed '/' as
// (U+2044 FRACTION SLASH, U+2215 DIVISION SLASH) written '/': a document number
// ('1009⁄SNV-CCVC'), a date and a search know only that one.
std::string WithPlainSlashes(std::string utf8);

}  // namespace sohoa::ocr
