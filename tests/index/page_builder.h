// Builds PageText from plain text for index tests: one TextLine per text line, words split on
// spaces, boxes laid out on a fake grid (the catalog stores them, it does not judge them).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "common/page_text.h"

namespace sohoa::index::testing {

inline PageText PageFromText(const std::string& text) {
  PageText page;
  page.width_px = 2480;
  page.height_px = 3508;
  std::istringstream lines(text);
  std::string line_text;
  int row = 0;
  while (std::getline(lines, line_text)) {
    TextLine line;
    std::istringstream words(line_text);
    std::string word_text;
    int column = 0;
    while (words >> word_text) {
      Word word;
      word.text = word_text;
      word.box = PixelBox{100 + column * 120, 100 + row * 60, 200 + column * 120, 140 + row * 60};
      word.confidence = 90;
      line.words.push_back(word);
      ++column;
    }
    if (line.words.empty()) continue;
    line.box = PixelBox{100, 100 + row * 60, 200 + column * 120, 140 + row * 60};
    page.lines.push_back(line);
    ++row;
  }
  return page;
}

// The external corpora folder (SOHOA_EXTERNAL_CORPORA), when set.
inline std::optional<std::filesystem::path> ExternalCorpora() {
  const char* value = std::getenv("SOHOA_EXTERNAL_CORPORA");
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::filesystem::path(value);
}

}  // namespace sohoa::index::testing
