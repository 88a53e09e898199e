// Pages of OCR words for the header tests: words and lines placed by hand where a page pass
// would put them. Header-only: used by the pipeline suite's header tests.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/page_text.h"

namespace sohoa::testing {

// A word of `width` px at (`left`, `top`), 50 px tall.
inline Word MakeWord(const std::string& text, int left, int top, int width, float confidence = 90) {
  return {text, {left, top, left + width, top + 50}, confidence};
}

// An empty A4 page at 300 dpi.
inline PageText A4Page() {
  PageText page;
  page.width_px = 2480;
  page.height_px = 3508;
  return page;
}

// A line of `words`, boxed from the first word's top-left to the last word's right.
inline TextLine MakeLine(std::vector<Word> words) {
  TextLine line;
  line.words = std::move(words);
  line.box = {line.words.front().box.left, line.words.front().box.top, line.words.back().box.right,
              line.words.front().box.bottom};
  return line;
}

// The words of `text` drawn from `x` on `baseline` in a font of `font_px` whose advance
// `width_of` measures, boxed as a page pass boxes them (from three quarters of the size above
// the baseline to a little below it).
inline std::vector<Word> PrintedWords(const std::string& text, int x, int baseline, int font_px,
                                      const std::function<int(const std::string&)>& width_of,
                                      float confidence = 93) {
  std::vector<Word> words;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    const int left = x + width_of(text.substr(0, start));
    words.push_back({word,
                     {left, baseline - font_px * 3 / 4, left + width_of(word), baseline + 12},
                     confidence});
    start = end + 1;
  }
  return words;
}

}  // namespace sohoa::testing
