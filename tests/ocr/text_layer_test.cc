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

// A string literal with embedded NUL bytes, whole.
template <size_t N>
std::string Bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

Word MakeWord(std::string text, int left, int right, int top, int bottom) {
  Word word;
  word.text = std::move(text);
  word.box = {left, top, right, bottom};
  return word;
}

TEST(TextLayerContentTest, OneMatrixThenExactMovesBetweenWordsAndLines) {
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
  EXPECT_EQ(Count(content, " Tm"), 1u) << content;
  EXPECT_EQ(Count(content, "/F 50 Tf"), 1u) << content;
  EXPECT_EQ(Count(content, "/F 40 Tf"), 1u) << content;
  // Moves are the left-edge differences of neighbouring words, in pixels of the upright frame;
  // a new line moves from the previous line's last word to its first word and baseline
  // (baselines 250 - 0.2 * 50 = 240 and 340 - 0.2 * 40 = 332; text space y points up).
  EXPECT_NE(content.find("240 0 Td "), std::string::npos) << content;
  EXPECT_NE(content.find("220 0 Td "), std::string::npos) << content;
  EXPECT_NE(content.find("-440 -92 Td "), std::string::npos) << content;
  EXPECT_NE(content.find("217 0 Td "), std::string::npos) << content;
  EXPECT_EQ(Count(content, " Td "), 4u) << content;
  // One space glyph after each word but a line's last.
  EXPECT_EQ(Count(content, Bytes("\0 )Tj")), 3u) << content;
  EXPECT_NE(content.find(Bytes("(\0Q\0u\0y\x1E\xBF\0t\0 )Tj")), std::string::npos) << content;
  EXPECT_EQ(content.rfind("BT\n3 Tr\n", 0), 0u);
  EXPECT_EQ(content.substr(content.size() - 3), "ET\n");
}

TEST(TextLayerContentTest, ScaleIsWrittenOnlyWhenItChanges) {
  PageText page;
  page.width_px = 1000;
  page.height_px = 1000;
  TextLine line;
  line.box = {0, 0, 400, 20};
  // Each word is 2 glyphs of 10 px advance (size 20, advance 0.5 em) over 20 px: Tz 100, the
  // initial scale; the space after a word keeps the word's scale.
  line.words = {MakeWord("ab", 0, 20, 0, 20), MakeWord("cd", 30, 50, 0, 20),
                MakeWord("ef", 60, 120, 0, 20)};
  page.lines = {line};
  const std::string content = BuildTextLayerContent(page, PixelsToPoints(1000, 72), "/F");
  // Only "ef", 60 px wide, needs 300 %: the nearest 3 % step is 1.03^37 = 298.6 %.
  EXPECT_EQ(Count(content, " Tz"), 1u) << content;
  EXPECT_NE(content.find(Bytes("299 Tz(\0e\0f)Tj")), std::string::npos) << content;
}

TEST(GlyphCodesTest, LiteralStringEscapesDelimitersBackslashAndCarriageReturn) {
  int glyphs = 0;
  // "(a)\" and č (U+010D, whose low byte is CR, which a reader would turn into LF).
  EXPECT_EQ(GlyphCodesLiteral("(a)\\\xC4\x8D", false, &glyphs),
            Bytes("(\0\\(\0a\0\\)\0\\\\\x01\\r)"));
  EXPECT_EQ(glyphs, 5);
  EXPECT_EQ(GlyphCodesLiteral("A", true, &glyphs), Bytes("(\0A\0 )"));
  EXPECT_EQ(glyphs, 1);
  EXPECT_EQ(GlyphCodesLiteral("", true, &glyphs), "()");
  EXPECT_EQ(glyphs, 0);
}

TEST(GlyphBlocksTest, CidToGidMapEndsAfterTheLastUsedBlock) {
  PageText page;
  TextLine line;
  line.words = {MakeWord("Quyết", 0, 10, 0, 10)};  // blocks 00 and 1E
  page.lines = {line};
  GlyphBlocks blocks;
  AddGlyphBlocks(page, &blocks);
  QPDF pdf;
  pdf.emptyPDF();
  QPDFObjectHandle font = AddGlyphLessFont(pdf, std::string(64, '\0'), blocks);
  std::shared_ptr<Buffer> data =
      font.getKey("/DescendantFonts").getArrayItem(0).getKey("/CIDToGIDMap").getStreamData();
  const std::string map(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
  ASSERT_EQ(map.size(), 2u * 0x1F00);
  // Every code up to U+1EFF (ế is U+1EBF) draws glyph 1, never .notdef.
  for (size_t cid = 0; cid < map.size() / 2; ++cid) {
    ASSERT_EQ(map[2 * cid], '\0') << cid;
    ASSERT_EQ(map[2 * cid + 1], '\1') << cid;
  }
}

TEST(GlyphBlocksTest, ToUnicodeMapsExactlyTheBlocksTheTextUses) {
  PageText page;
  TextLine line;
  // Latin-1 (00), đ and ư (01), ế (1E), € (20), and a character outside the BMP (U+FFFD: FF).
  line.words = {MakeWord("Đường", 0, 10, 0, 10), MakeWord("thế", 12, 20, 0, 10),
                MakeWord("5€", 22, 30, 0, 10), MakeWord("\xF0\x9F\x98\x80", 32, 40, 0, 10)};
  page.lines = {line};
  GlyphBlocks blocks;
  AddGlyphBlocks(page, &blocks);
  EXPECT_EQ(blocks.count(), 5u);
  for (int high : {0x00, 0x01, 0x1E, 0x20, 0xFF}) EXPECT_TRUE(blocks.test(high)) << high;

  QPDF pdf;
  pdf.emptyPDF();
  QPDFObjectHandle font = AddGlyphLessFont(pdf, std::string(64, '\0'), blocks);
  std::shared_ptr<Buffer> data = font.getKey("/ToUnicode").getStreamData();
  const std::string cmap(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
  EXPECT_NE(cmap.find("5 beginbfrange\n<0000> <00FF> <0000>\n<0100> <01FF> <0100>\n"
                      "<1E00> <1EFF> <1E00>\n<2000> <20FF> <2000>\n<FF00> <FFFF> <FF00>\n"
                      "endbfrange"),
            std::string::npos)
      << cmap;
}

}  // namespace
}  // namespace sohoa::ocr
