// Pages of OCR words for the header tests: words and lines placed by hand where a page pass
// would put them. Header-only: used by the pipeline suite's header tests.
#pragma once

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

}  // namespace sohoa::testing
