#include "common/page_text.h"

namespace sohoa {

std::string PageText::PlainText() const {
  std::string text;
  for (const TextLine& line : lines) {
    bool first = true;
    for (const Word& word : line.words) {
      if (!first) text += ' ';
      text += word.text;
      first = false;
    }
    text += '\n';
  }
  return text;
}

}  // namespace sohoa
