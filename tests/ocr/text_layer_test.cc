#include "ocr/text_layer.h"

#include <gtest/gtest.h>

#include <string>

#include "ocr/pdf_geometry.h"

namespace sohoa::ocr {
namespace {

size_t Count(const std::string& text, const std::string& what) {
  size_t count = 0;
  for (size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) {
    ++count;
  }
  return count;
}

Word MakeWord(std::string text, int left, int right, int top, int bottom) {
  Word word;
  word.text = std::move(text);
  word.box = {left, top, right, bottom};
  return word;
}

TEST(TextLayerContentTest, OneMatrixPerLineAndIntegerMovesBetweenWords) {
  PageText page;
  page.width_px = 2480;
  page.height_px = 3508;
  TextLine first;
  first.box = {100, 200, 900, 250};
  first.words = {MakeWord("Quyết", 100, 300, 200, 250), MakeWord("định", 340, 520, 200, 250),
                 MakeWord("số", 560, 900, 200, 250)};
  TextLine second;
  second.box = {120, 300, 700, 340};
  second.words = {MakeWord("Hà", 120, 300, 300, 340), MakeWord("Nội", 337, 700, 300, 340)};
  page.lines = {first, second};

  const std::string content = BuildTextLayerContent(page, PixelsToPoints(3508, 300), "/F");
  EXPECT_EQ(Count(content, " Tm"), 2u) << content;
  EXPECT_EQ(Count(content, "/F 50 Tf"), 1u) << content;
  EXPECT_EQ(Count(content, "/F 40 Tf"), 1u) << content;
  // Moves are the left-edge differences of neighbouring words, in pixels of the upright frame.
  EXPECT_NE(content.find("240 0 Td "), std::string::npos) << content;
  EXPECT_NE(content.find("220 0 Td "), std::string::npos) << content;
  EXPECT_NE(content.find("217 0 Td "), std::string::npos) << content;
  EXPECT_EQ(Count(content, " Td "), 3u) << content;
  // One space glyph between neighbours, none after a line's last word.
  EXPECT_EQ(Count(content, "<0020>Tj"), 3u) << content;
  EXPECT_EQ(content.rfind("BT\n3 Tr\n", 0), 0u);
  EXPECT_EQ(content.substr(content.size() - 3), "ET\n");
}

TEST(TextLayerContentTest, ScaleIsWrittenOnlyWhenItChanges) {
  PageText page;
  page.width_px = 1000;
  page.height_px = 1000;
  TextLine line;
  line.box = {0, 0, 400, 20};
  // Each word is 2 glyphs of 10 px advance (size 20, advance 0.5 em) over 20 px: Tz 100,
  // the initial scale, and the 10 px gap equals one space advance: Tz 100 again.
  line.words = {MakeWord("ab", 0, 20, 0, 20), MakeWord("cd", 30, 50, 0, 20),
                MakeWord("ef", 60, 120, 0, 20)};
  page.lines = {line};
  const std::string content = BuildTextLayerContent(page, PixelsToPoints(1000, 72), "/F");
  EXPECT_EQ(Count(content, " Tz"), 1u) << content;  // only "ef", 60 px wide, needs 300
  EXPECT_NE(content.find("300 Tz<00650066>Tj"), std::string::npos) << content;
}

}  // namespace
}  // namespace sohoa::ocr
