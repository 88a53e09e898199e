#include "pipeline/number_row_words.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace sohoa::pipeline {
namespace {

// One line of words as a strip's block read gives them.
PageText Block(const std::vector<std::string>& texts) {
  PageText block;
  TextLine line;
  int left = 0;
  for (const std::string& text : texts) {
    line.words.push_back({text, {left, 0, left + 40, 50}, 80});
    left += 50;
  }
  block.lines.push_back(std::move(line));
  return block;
}

std::string Joined(const std::vector<Word>& words) {
  std::string text;
  for (const Word& word : words) text += (text.empty() ? "" : " ") + word.text;
  return text;
}

// The number row is 'Số:' then a numeral and its symbol; a label the stamp's ink garbled still
// opens it before a numeral and a symbol, and is written back. A stamp's 'Số: 2352' or
// 'Ngày: 21/3/18' is no row, nor is a garbled label before a symbol without a numeral, nor a
// longer word ending in a colon.
TEST(NumberRowWordsTest, NumberRowWordsOfStripReadings) {
  EXPECT_EQ(Joined(NumberRowWords(Block({"Số:", "47", "/QĐ-UBND"}))), "Số: 47 /QĐ-UBND");
  EXPECT_EQ(Joined(NumberRowWords(Block({"Chuyển", "NỞ:", "971/SNV-CCVC"}))), "Số: 971/SNV-CCVC");
  EXPECT_EQ(Joined(NumberRowWords(Block({"xó.874/SNV-CCVC"}))), "Số:874/SNV-CCVC");
  EXPECT_EQ(Joined(NumberRowWords(Block({"Số:", "2352"}))), "");
  EXPECT_EQ(Joined(NumberRowWords(Block({"Ngày:", "21/3/18"}))), "");
  EXPECT_EQ(Joined(NumberRowWords(Block({"NỞ.", "/QĐ-UBND"}))), "");
  EXPECT_EQ(Joined(NumberRowWords(Block({"Chuyển:", "12/QĐ-UBND"}))), "");
  // The label's 'S' read as a digit, its 'ố' too: still a label before a numeral and a symbol;
  // a list item's number is not.
  EXPECT_EQ(Joined(NumberRowWords(Block({"30.", "17/2", "/QĐ-UBND"}))), "Số: 17/2 /QĐ-UBND");
  EXPECT_EQ(Joined(NumberRowWords(Block({"3ũ.", "15/0", "gÐ-UBND", "/QĐ-UBND"}))),
            "Số: 15/0 gÐ-UBND /QĐ-UBND");
  EXPECT_EQ(Joined(NumberRowWords(Block({"5.", "17", "/QĐ-UBND"}))), "");
  // ... or its colon as a semicolon.
  EXPECT_EQ(Joined(NumberRowWords(Block({"0ố;", "5Z_2/QĐ-UBND."}))), "Số: 5Z_2/QĐ-UBND.");
  // Only the label's vowel misread, its 'S' and colon read: the symbol may follow it at once
  // (the pen numeral between them read as nothing); no other word may come between.
  EXPECT_EQ(Joined(NumberRowWords(Block({"Sũ:", "/QNI-TTKSNB"}))), "Số: /QNI-TTKSNB");
  EXPECT_EQ(Joined(NumberRowWords(Block({"Sũ:", "Chuyển", "/QĐ-UBND"}))), "");
  EXPECT_EQ(Joined(NumberRowWords(Block({"Nũ:", "/QĐ-UBND"}))), "");
  // A pen numeral's strokes read glued to a whole 'Số:'.
  EXPECT_EQ(Joined(NumberRowWords(Block({"Số:-đ8;", "/UBND-VHTT"}))), "Số:-đ8; /UBND-VHTT");
  // ... and its colon read as a quote.
  EXPECT_EQ(Joined(NumberRowWords(Block({"Số“Ð", "C", "lJ/STTTT-BCVT"}))), "Số“Ð C lJ/STTTT-BCVT");
  // A pen stroke at the slash read as a mark before the symbol's first capital.
  EXPECT_EQ(Joined(NumberRowWords(Block({"Số:#/#KH-UBND"}))), "Số:#/#KH-UBND");
  // Noise at the row's left end read as a quote glued before a misread label.
  EXPECT_EQ(Joined(NumberRowWords(Block({"“ÉÄ:", "7171/UBND-VHTT."}))), "Số: 7171/UBND-VHTT.");
  EXPECT_EQ(Joined(NumberRowWords(Block({"“Ngày:", "21/3/18"}))), "");
  // A stamp's pen strokes or a dotted line read glued after the symbol are left out.
  EXPECT_EQ(Joined(NumberRowWords(Block({"Số:", "529/TB-VPLBND/††/", "Q"}))), "Số: 529/TB-VPLBND");
  EXPECT_EQ(Joined(NumberRowWords(Block({"Số:", "/CT-UBND/?!.....---Quảng", "Ninh,"}))),
            "Số: /CT-UBND");
  // A letter after it is print a frame's line crossed: no symbol.
  EXPECT_EQ(Joined(NumberRowWords(Block({"Số:", "/CT-URNDi....---Quảng"}))), "");
  EXPECT_EQ(Joined(NumberRowWords(Block({"Số:", "#30", "/RH-UDRÏR-"}))), "");
  // The agency's 'SỞ' before a word a stamp's ink put a slash into is no row; a body's
  // standard abbreviation alone is a symbol.
  EXPECT_EQ(Joined(NumberRowWords(Block({"SƠ", "TH.", "T/VÀZRUYEN"}))), "");
  EXPECT_EQ(Joined(NumberRowWords(Block({"Số:", "12/UBND"}))), "Số: 12/UBND");
  // Not a symbol of two dash-joined parts: no row.
  EXPECT_EQ(Joined(NumberRowWords(Block({"Số:", "2352/ABC!"}))), "");
  EXPECT_EQ(Joined(NumberRowWords(Block({"Ngày:", "21/3/18..."}))), "");
}

// A label a stamp's ink left as its 'S' and some marks counts only right before a symbol whose
// body is a standard abbreviation; the words it opens are not a row otherwise.
TEST(NumberRowWordsTest, NumberRowWordsWithTheLabelLost) {
  EXPECT_EQ(Joined(NumberRowWordsWithLabelLost(Block({".", ".SØ5", "Ï2/TB-VPUBND.", "_-"}))),
            "Số:5 Ï2/TB-VPUBND.");
  EXPECT_EQ(Joined(NumberRowWordsWithLabelLost(Block({"Sẩnogf", "LỆ", "Œ/SNV-CCVC"}))),
            "Số:nogf LỆ Œ/SNV-CCVC");
  // A body's own abbreviation, or print a frame's line garbled, is no proof of the row.
  EXPECT_EQ(Joined(NumberRowWordsWithLabelLost(Block({"S8PNWfÏ", "/QNI-FFKSNP."}))), "");
  // The stamp's own rows and the agency's name carry no symbol.
  EXPECT_EQ(Joined(NumberRowWordsWithLabelLost(Block({"Số:", "2352"}))), "");
  EXPECT_EQ(Joined(NumberRowWordsWithLabelLost(Block({"SỞ", "NỘI", "VỤ"}))), "");
  // Too far from the symbol, or a long word: no label.
  EXPECT_EQ(Joined(NumberRowWordsWithLabelLost(Block({"S6", "a", "b", "c", "/QĐ-UBND"}))), "");
  EXPECT_EQ(Joined(NumberRowWordsWithLabelLost(Block({"Sauđótrởlại", "/QĐ-UBND"}))), "");
}

// The symbol's slash lost in the pen's numeral, glued to the label or apart: the symbol's
// parts must all be standard abbreviations as printed. NumberRowWords takes none of these.
TEST(NumberRowWordsTest, NumberRowWordsWithTheSlashLost) {
  for (const auto& [words, row] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"Số:!57KH-UBND"}, "Số: !57 KH-UBND"},
           {{"S6:f77TB-VPUBND"}, "Số: f77 TB-VPUBND"},
           {{"Số:", "!ÏTB-VPUBND"}, "Số: !Ï TB-VPUBND"},
           {{"NỞ:", "57KH-UBND."}, "Số: 57 KH-UBND."}}) {
    EXPECT_EQ(Joined(NumberRowWordsWithSlashLost(Block(words))), row);
    EXPECT_EQ(Joined(NumberRowWords(Block(words))), "");
  }
  // A part no standard abbreviation, no symbol at all, a slash read, or a misread label right
  // before the symbol.
  EXPECT_EQ(Joined(NumberRowWordsWithSlashLost(Block({"Số:", "57KH-UBNX"}))), "");
  EXPECT_EQ(Joined(NumberRowWordsWithSlashLost(Block({"Số:", "2352"}))), "");
  EXPECT_EQ(Joined(NumberRowWordsWithSlashLost(Block({"Số:", "57/KH-UBND"}))), "");
  EXPECT_EQ(Joined(NumberRowWordsWithSlashLost(Block({"NỞ.", "KH-UBND"}))), "");
}

// No label read at all: a symbol of standard abbreviations opening its line, the numeral's
// digit read before it, nothing but marks after it. A body's reference goes on after its
// symbol; a body's own abbreviation, no digit, or a symbol further along is no proof.
TEST(NumberRowWordsTest, NumberRowWordsWithTheLabelUnread) {
  EXPECT_EQ(Joined(NumberRowWordsWithLabelUnread(Block({"2/QÐ-STTTT."}))), "2/QÐ-STTTT.");
  EXPECT_EQ(Joined(NumberRowWordsWithLabelUnread(Block({"cRÑsx", "Z2", "/SNV-CCVC.........."}))),
            "Z2 /SNV-CCVC..........");
  EXPECT_EQ(Joined(NumberRowWordsWithLabelUnread(Block({"135/SNV-CCVC", "..", "—"}))),
            "135/SNV-CCVC");
  EXPECT_EQ(Joined(NumberRowWordsWithLabelUnread(Block({"2156/QĐ-UBND", "ngày", "22"}))), "");
  EXPECT_EQ(Joined(NumberRowWordsWithLabelUnread(Block({"45/QNI-FFKSNP"}))), "");
  EXPECT_EQ(Joined(NumberRowWordsWithLabelUnread(Block({"ZZ", "/SNV-CCVC"}))), "");
  EXPECT_EQ(Joined(NumberRowWordsWithLabelUnread(Block({"/UBND"}))), "");
  EXPECT_EQ(Joined(NumberRowWordsWithLabelUnread(Block({"Căn", "cứ", "Quyết", "12/QĐ-UBND"}))), "");
}

// The junk's share of the symbol word's box goes with it.
TEST(NumberRowWordsTest, JunkAfterTheSymbolLeavesItsBox) {
  const std::vector<Word> row = NumberRowWords(Block({"Số:", "529/TB-VPLBND/††/"}));
  ASSERT_EQ(row.size(), 2u);
  const PixelBox& box = Block({"Số:", "529/TB-VPLBND/††/"}).lines[0].words[1].box;
  EXPECT_EQ(row[1].box.left, box.left);
  EXPECT_EQ(row[1].box.right, box.left + box.width() * 13 / 17);
}

}  // namespace
}  // namespace sohoa::pipeline
