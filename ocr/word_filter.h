// Which recognised words stay out of the text layer.
#pragma once

#include <string_view>

namespace sohoa::ocr {

// Below this confidence a word holding an odd symbol was read from a seal ring, a signature
// or a graphic, not from printed text.
inline constexpr float kJunkWordConfidence = 50.0f;

// True for a doubtful word (confidence below kJunkWordConfidence) holding a symbol printed
// Vietnamese text does not use: anything but letters, digits and ordinary punctuation.
bool IsJunkWord(std::string_view utf8, float confidence);

}  // namespace sohoa::ocr
