// Finding the header's number, day and month slots from the printed anchors in OCR words
// (FindHeaderSlots, pipeline/header_slots.cc), and a number's symbol in a word.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/header_anchors.h"
#include "pipeline/header_fields.h"
#include "tests/testing/header_words.h"

namespace sohoa::pipeline {
namespace {

using testing::A4Page;
using testing::MakeLine;
using testing::MakeWord;

TEST(HeaderSlotsTest, FindsSlotsFromPrintedAnchorsAndSkipsStampNumber) {
  PageText page = A4Page();
  // An incoming-mail stamp above the header: 'Số: 2352' has no symbol, so it is not the
  // document's number.
  page.lines.push_back(MakeLine({MakeWord("CÔNG", 200, 100, 120), MakeWord("VĂN", 330, 100, 90),
                                 MakeWord("ĐẾN", 430, 100, 90)}));
  page.lines.push_back(MakeLine({MakeWord("Số:", 200, 170, 70), MakeWord("2352", 290, 170, 110)}));
  page.lines.push_back(MakeLine({MakeWord("Số:", 300, 400, 70), MakeWord("4Z", 400, 400, 60, 31),
                                 MakeWord("/QĐ-UBND", 470, 400, 220)}));
  page.lines.push_back(
      MakeLine({MakeWord("Quảng", 1300, 400, 120), MakeWord("Ninh,", 1430, 400, 100),
                MakeWord("ngày", 1540, 400, 90), MakeWord("l7", 1660, 400, 50, 40),
                MakeWord("tháng", 1760, 400, 110), MakeWord("năm", 1960, 400, 90),
                MakeWord("2025", 2060, 400, 100)}));
  HeaderSlots slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.number.has_value());
  EXPECT_EQ(slots.number->line, 2);
  EXPECT_EQ(slots.number->suffix, "/QĐ-UBND");
  EXPECT_EQ(slots.number->printed, "4Z");
  EXPECT_EQ(slots.number->box.left, 371);
  EXPECT_LE(slots.number->box.right, 470);
  ASSERT_TRUE(slots.day.has_value());
  EXPECT_EQ(slots.day->printed, "l7");
  EXPECT_EQ(slots.day->box.left, 1631);
  EXPECT_EQ(slots.day->box.right, 1759);
  ASSERT_TRUE(slots.month.has_value());
  EXPECT_EQ(slots.month->printed, "");  // the month was left empty by OCR
  EXPECT_EQ(slots.month->first_word, slots.month->end_word);
  EXPECT_EQ(slots.year, 2025);
}

// Tesseract gives lines in block order: a speck read far down the page may come first. The
// header's lines after it are still the header's.
TEST(HeaderSlotsTest, FindsSlotsAfterALineFromLowerOnThePage) {
  PageText page = A4Page();
  page.lines.push_back(MakeLine({MakeWord("Ÿx", 430, 2738, 60, 20)}));
  page.lines.push_back(MakeLine({MakeWord("Số:", 300, 400, 70), MakeWord("4Z", 400, 400, 60, 31),
                                 MakeWord("/QĐ-UBND", 470, 400, 220)}));
  page.lines.push_back(
      MakeLine({MakeWord("Quảng", 1300, 400, 120), MakeWord("Ninh,", 1430, 400, 100),
                MakeWord("ngày", 1540, 400, 90), MakeWord("l7", 1660, 400, 50, 40),
                MakeWord("tháng", 1760, 400, 110), MakeWord("01", 1900, 400, 50),
                MakeWord("năm", 1960, 400, 90), MakeWord("2025", 2060, 400, 100)}));
  HeaderSlots slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.number.has_value());
  EXPECT_EQ(slots.number->line, 1);
  EXPECT_EQ(slots.number->suffix, "/QĐ-UBND");
  ASSERT_TRUE(slots.day.has_value());
  EXPECT_EQ(slots.day->printed, "l7");
  ASSERT_TRUE(slots.month.has_value());
  EXPECT_EQ(slots.month->printed, "01");
}

// A crease split the page into columns: Tesseract lists the body's left column, with a date
// it cites, before the header's date row on the right. The highest date row is the header's.
TEST(HeaderSlotsTest, DateSlotsOnTheHighestDateRow) {
  PageText page = A4Page();
  page.lines.push_back(
      MakeLine({MakeWord("ngày", 300, 1150, 90), MakeWord("28", 400, 1150, 50),
                MakeWord("tháng", 460, 1150, 110), MakeWord("10", 580, 1150, 50),
                MakeWord("năm", 640, 1150, 90), MakeWord("2021", 740, 1150, 100)}));
  page.lines.push_back(MakeLine({MakeWord("Ninh,", 1430, 500, 100), MakeWord("ngày", 1540, 500, 90),
                                 MakeWord("28", 1660, 500, 50), MakeWord("tháng", 1760, 500, 110),
                                 MakeWord("02", 1900, 500, 50), MakeWord("năm", 1960, 500, 90),
                                 MakeWord("2025", 2060, 500, 100)}));
  HeaderSlots slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.month.has_value());
  EXPECT_EQ(slots.month->line, 1);
  EXPECT_EQ(slots.month->printed, "02");
  EXPECT_EQ(slots.year, 2025);
}

// A number's symbol as OCR reads it: quotes dropped, a doubled slash one slash; no symbol in
// a subject line's 'V/v' or a stamp's date.
TEST(HeaderSlotsTest, NumberSymbolOfOcrWords) {
  EXPECT_EQ(SymbolSuffix("47/QĐ-UBND"), "/QĐ-UBND");
  EXPECT_EQ(SymbolSuffix("Z⁄//TB-VPUBND"), "/TB-VPUBND");
  EXPECT_EQ(SymbolSuffix("/“UBND-VHTT"), "/UBND-VHTT");
  EXPECT_EQ(SymbolSuffix("V/v"), "");
  // A pen stroke touching the slash, read glued before the symbol's first capital.
  EXPECT_EQ(SymbolSuffix("Số:#/#KH-UBND"), "/KH-UBND");
  EXPECT_EQ(SymbolSuffix("5./aÐ-UBND"), "");
  EXPECT_EQ(SymbolSuffix("V/vCông"), "");
  EXPECT_EQ(SymbolSuffix("21/3/18"), "");
  // A pen numeral's strokes read as slashes come before the symbol's own; a year stays in it.
  EXPECT_EQ(SymbolSuffix("Số:/.Z2/SNV-CCVC"), "/SNV-CCVC");
  EXPECT_EQ(SymbolSuffix("130/2018/NĐ-CP"), "/2018/NĐ-CP");
  EXPECT_EQ(SymbolSuffix("UBND"), "");
}

// 'Số:' lost under a stamp: the slot is cut left of the symbol on the date's row; 'ngày'
// unread: the day slot lies left of 'tháng'. A stamp's 'Số:' off that row is never a slot.
TEST(HeaderSlotsTest, FallbackSlotsFromOneAnchor) {
  PageText page = A4Page();
  page.lines.push_back(MakeLine({MakeWord("Số:", 200, 170, 70), MakeWord("2352", 290, 170, 110)}));
  page.lines.push_back(
      MakeLine({MakeWord("/QĐ-UBND", 470, 400, 220), MakeWord("Ninh,", 1430, 400, 100),
                MakeWord("n¤", 1540, 400, 60), MakeWord("5", 1680, 400, 30, 40),
                MakeWord("tháng", 1760, 400, 110), MakeWord("năm", 1960, 400, 90),
                MakeWord("2025", 2060, 400, 100)}));
  HeaderSlots slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.number.has_value());
  EXPECT_EQ(slots.number->line, 1);
  EXPECT_EQ(slots.number->suffix, "/QĐ-UBND");
  EXPECT_EQ(slots.number->box.right, 470 - 50 / 6);
  EXPECT_EQ(slots.number->box.left, 470 - 5 * 50);
  ASSERT_TRUE(slots.day.has_value());
  EXPECT_EQ(slots.day->printed, "5");
  EXPECT_EQ(slots.day->box.left, 1760 - 4 * 50);
  ASSERT_TRUE(slots.month.has_value());
  EXPECT_EQ(slots.month->printed, "");
  // Without the date's row no slot is cut from one anchor: the stamp's 'Số: 2352' stays out.
  page.lines.pop_back();
  EXPECT_FALSE(FindHeaderSlots(page).number.has_value());
}

// The body cites another document ('Quyết định số 1813/QĐ-TTg') inside the page's upper part;
// the header's own 'Số:' has lost its symbol. The cited number is not the document's.
TEST(HeaderSlotsTest, BodyCitationBelowTheDateIsNoNumberSlot) {
  PageText page = A4Page();
  page.lines.push_back(MakeLine({MakeWord("Số:", 540, 545, 60)}));
  page.lines.push_back(
      MakeLine({MakeWord("Ninh,", 1500, 545, 110), MakeWord("ngày", 1640, 545, 100),
                MakeWord("11", 1760, 545, 45), MakeWord("tháng", 1830, 545, 120),
                MakeWord("3", 1960, 545, 25), MakeWord("năm", 2000, 545, 90),
                MakeWord("2025", 2110, 545, 105)}));
  page.lines.push_back(
      MakeLine({MakeWord("Quyết", 860, 960, 140), MakeWord("định", 1030, 960, 100),
                MakeWord("số", 1150, 960, 50), MakeWord("1813/QĐ-TTg", 1230, 960, 330, 83)}));
  HeaderSlots slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.number.has_value());
  EXPECT_EQ(slots.number->line, 0);
  EXPECT_EQ(slots.number->suffix, "");
  EXPECT_EQ(slots.number->printed, "");
}

// The header's label is unread ('-sø⁄Z', a pen numeral over it) and the letter's subject just
// below the date's row reads 'V/v số hóa hồ sơ': that 'số' is a word of the subject, and the
// slot comes from the symbol on the date's row instead.
TEST(HeaderSlotsTest, SoInTheSubjectIsNoLabel) {
  PageText page = A4Page();
  page.lines.push_back(
      MakeLine({MakeWord("-sø⁄Z", 490, 500, 200, 40), MakeWord("/SNV-CCVC", 700, 500, 300, 80)}));
  page.lines.push_back(
      MakeLine({MakeWord("Ninh,", 1480, 520, 120), MakeWord("ngày", 1620, 520, 100),
                MakeWord("09", 1740, 520, 90), MakeWord("tháng", 1850, 520, 130),
                MakeWord("7", 2000, 520, 25), MakeWord("năm", 2040, 520, 90),
                MakeWord("2024", 2150, 520, 110)}));
  page.lines.push_back(MakeLine({MakeWord("V/v", 380, 590, 90), MakeWord("số", 490, 590, 40),
                                 MakeWord("6", 540, 590, 20, 60), MakeWord("hóa", 570, 590, 70),
                                 MakeWord("hồ", 650, 590, 50), MakeWord("sơ", 710, 590, 50)}));
  HeaderSlots slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.number.has_value());
  EXPECT_EQ(slots.number->line, 0);
  EXPECT_EQ(slots.number->suffix, "/SNV-CCVC");
}

// An incoming-mail stamp above the header whose own number reads with a symbol: the label
// nearest the date's row is the document's. A symbol on the date's row whose label OCR read
// into it unseen ('56889/QĐ-UBND') makes a slot whose label is looked for in the ink there.
TEST(HeaderSlotsTest, NumberRowNearestTheDateWinsAndAnUnreadLabelIsLookedFor) {
  PageText page = A4Page();
  page.lines.push_back(
      MakeLine({MakeWord("Số:", 200, 170, 70), MakeWord("16/QĐ-UB", 290, 170, 200)}));
  page.lines.push_back(MakeLine({MakeWord("Số:", 300, 400, 70), MakeWord("4Z", 400, 400, 60, 31),
                                 MakeWord("/QĐ-UBND", 470, 400, 220)}));
  page.lines.push_back(
      MakeLine({MakeWord("Ninh,", 1430, 400, 100), MakeWord("ngày", 1540, 400, 90),
                MakeWord("17", 1660, 400, 50), MakeWord("tháng", 1760, 400, 110),
                MakeWord("năm", 1960, 400, 90), MakeWord("2025", 2060, 400, 100)}));
  HeaderSlots slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.number.has_value());
  EXPECT_EQ(slots.number->line, 1);
  EXPECT_EQ(slots.number->printed, "4Z");
  EXPECT_EQ(slots.number->label_box.left, 300);
  EXPECT_EQ(slots.number->symbol_box.left, 470);
  EXPECT_FALSE(slots.number->label_unread);

  page.lines[0] = MakeLine({MakeWord("Số:", 200, 170, 70), MakeWord("2352", 290, 170, 110)});
  page.lines[1] = MakeLine({MakeWord("56889/QĐ-UBND", 300, 400, 390, 57)});
  slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.number.has_value());
  EXPECT_EQ(slots.number->line, 1);
  EXPECT_EQ(slots.number->suffix, "/QĐ-UBND");
  EXPECT_TRUE(slots.number->label_unread);
  EXPECT_LE(slots.number->label_box.left, 300);
  EXPECT_GT(slots.number->label_box.right, 300);
}

// 'tháng' read without its thin 'h' ('táng') still anchors the day and month slots.
TEST(HeaderSlotsTest, ThangWithoutItsHIsAnAnchor) {
  PageText page = A4Page();
  page.lines.push_back(
      MakeLine({MakeWord("Ninh,", 1430, 400, 100), MakeWord("ngày", 1540, 400, 90),
                MakeWord("táng", 1760, 400, 100), MakeWord("9", 1900, 400, 25),
                MakeWord("năm", 1960, 400, 90), MakeWord("2024", 2060, 400, 100)}));
  const HeaderSlots slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.day.has_value());
  EXPECT_EQ(slots.day->box.left, 1631);
  EXPECT_EQ(slots.day->box.right, 1759);
  ASSERT_TRUE(slots.month.has_value());
  EXPECT_EQ(slots.month->printed, "9");
  EXPECT_EQ(slots.year, 2024);
}

// 'tháng' with its 't' under the day's pen numeral ('háng', a pen mark glued after it) is the
// anchor, without the mark; 'hàng' (a row, 'NGÂN HÀNG') and a longer word are not.
TEST(HeaderSlotsTest, ThangWithoutItsTIsAnAnchor) {
  auto date_row = [](const char* thang) {
    PageText page = A4Page();
    page.lines.push_back(
        MakeLine({MakeWord("Ninh", 1430, 400, 100), MakeWord("ngày", 1540, 400, 90),
                  MakeWord("Z/Z", 1640, 400, 100), MakeWord(thang, 1760, 400, 100),
                  MakeWord("năm", 1960, 400, 90), MakeWord("2024", 2060, 400, 100)}));
    return FindHeaderSlots(page);
  };
  HeaderSlots slots = date_row("háng/");
  ASSERT_TRUE(slots.day.has_value());
  EXPECT_EQ(slots.day->printed, "Z/Z");
  EXPECT_EQ(slots.day->box.right, 1759);
  ASSERT_TRUE(slots.month.has_value());
  EXPECT_EQ(slots.month->box.left, 1761 + 80);  // past four of the word's five letters
  EXPECT_EQ(slots.year, 2024);
  for (const char* other : {"hàng", "hángxa"}) {
    slots = date_row(other);
    EXPECT_FALSE(slots.month.has_value()) << other;
  }
}

// 'năm' read a letter off under a stamp's ink (':răm', 'năn') is the anchor before the year's
// digits: the month's slot ends at it and the year after it is read. Without digits after it,
// a word a letter off 'năm' is no anchor.
TEST(HeaderSlotsTest, NamReadALetterOffBeforeTheYearIsAnAnchor) {
  for (const char* misread : {":răm", "năn"}) {
    PageText page = A4Page();
    page.lines.push_back(
        MakeLine({MakeWord("Ninh,", 1430, 400, 100), MakeWord("4.08", 1540, 400, 90),
                  MakeWord("tháng", 1760, 400, 110), MakeWord("0†", 1900, 400, 40),
                  MakeWord(misread, 1960, 400, 90), MakeWord("2025", 2060, 400, 100)}));
    const HeaderSlots slots = FindHeaderSlots(page);
    ASSERT_TRUE(slots.month.has_value()) << misread;
    EXPECT_EQ(slots.month->printed, "0†") << misread;
    EXPECT_EQ(slots.month->box.right, 1959) << misread;
    EXPECT_EQ(slots.year, 2025) << misread;
  }
  PageText page = A4Page();
  page.lines.push_back(MakeLine({MakeWord("Ninh,", 1430, 400, 100),
                                 MakeWord("tháng", 1760, 400, 110), MakeWord("0†", 1900, 400, 40),
                                 MakeWord("răm", 1960, 400, 90), MakeWord("nay", 2060, 400, 90)}));
  EXPECT_FALSE(FindHeaderSlots(page).month.has_value());
}

// A pen day's stroke read glued before 'tháng' ('?tháng'): the anchor is still found, and the
// day's slot takes the stroke in.
TEST(HeaderSlotsTest, ThangWithAPenStrokeGluedBeforeIt) {
  PageText page = A4Page();
  page.lines.push_back(
      MakeLine({MakeWord("Ninh,", 1430, 400, 100), MakeWord("ngày", 1540, 400, 90),
                MakeWord("Í", 1660, 400, 30, 20), MakeWord("?tháng", 1720, 400, 140),
                MakeWord("02", 1900, 400, 50), MakeWord("năm", 1960, 400, 90),
                MakeWord("2025", 2060, 400, 100)}));
  const HeaderSlots slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.day.has_value());
  EXPECT_EQ(slots.day->printed, "Í");
  // 'tháng' is the last five of the word's six code points: its box starts 23 px in.
  EXPECT_GE(slots.day->box.right, 1720 + 140 / 6 - 2);
  ASSERT_TRUE(slots.month.has_value());
  EXPECT_EQ(slots.month->printed, "02");
  EXPECT_EQ(slots.year, 2025);
  // The day's rewrite leaves a clean 'tháng' the date parser knows.
  ASSERT_TRUE(slots.day->glued_anchor.has_value());
  EXPECT_EQ(slots.day->glued_anchor->word, 3);
  EXPECT_EQ(slots.day->glued_anchor_text, "tháng");
}

// The agency's 'SỞ' read 'SỐ' with a frame's edge read as a slash before a word of its name
// ('SỐ THỒNG/TIN'): '/TIN' is no symbol, and the number on the date's row is the slot.
TEST(HeaderSlotsTest, WordOfTheAgencyAfterASlashIsNoSymbol) {
  PageText page = A4Page();
  page.lines.push_back(MakeLine({MakeWord("SỐ", 200, 260, 60), MakeWord("THỒNG/TIN", 270, 260, 260),
                                 MakeWord("VÀ", 540, 260, 60)}));
  page.lines.push_back(MakeLine({MakeWord("1551/STTTT-BCVT", 300, 400, 400)}));
  page.lines.push_back(MakeLine({MakeWord("Ninh,", 1430, 400, 100), MakeWord("ngày", 1540, 400, 90),
                                 MakeWord("26", 1660, 400, 50), MakeWord("tháng", 1760, 400, 110),
                                 MakeWord("02", 1900, 400, 50), MakeWord("năm", 1960, 400, 90),
                                 MakeWord("2024", 2060, 400, 100)}));
  HeaderSlots slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.number.has_value());
  EXPECT_EQ(slots.number->line, 1);
  EXPECT_EQ(slots.number->suffix, "/STTTT-BCVT");
  // One standard code is a symbol ('/UBND').
  page.lines[0] = MakeLine({MakeWord("Số:", 300, 260, 70), MakeWord("12/UBND", 380, 260, 200)});
  slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.number.has_value());
  EXPECT_EQ(slots.number->line, 0);
  EXPECT_EQ(slots.number->suffix, "/UBND");
}

// OCR glues the date anchors to their neighbours: the place before 'ngày' ('Ninh,ngày'), a
// stroke of the pen value after it ('ngàyZ'), the year after 'năm'; and a quote where the
// colon of 'Số:' was ('số“'). The slots are cut beside the anchor's share of the word.
TEST(HeaderSlotsTest, FindsSlotsFromAnchorsGluedToTheirNeighbours) {
  PageText page = A4Page();
  page.lines.push_back(
      MakeLine({MakeWord("số“", 300, 400, 110), MakeWord("/QĐ-UBND", 520, 400, 220)}));
  page.lines.push_back(
      MakeLine({MakeWord("Quảng", 1300, 400, 120), MakeWord("Ninh,ngày", 1430, 400, 225),
                MakeWord("?#", 1700, 400, 50, 20), MakeWord("tháng", 1800, 400, 110),
                MakeWord("năm·2024", 2000, 400, 200)}));
  HeaderSlots slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.number.has_value());
  EXPECT_EQ(slots.number->line, 0);
  EXPECT_EQ(slots.number->suffix, "/QĐ-UBND");
  EXPECT_EQ(slots.number->box.left, 411);
  ASSERT_TRUE(slots.day.has_value());
  EXPECT_EQ(slots.day->line, 1);
  EXPECT_EQ(slots.day->printed, "?#");
  EXPECT_EQ(slots.day->box.left, 1656);  // after 'Ninh,ngày', not 4 heights left of 'tháng'
  EXPECT_EQ(slots.day->box.right, 1799);
  ASSERT_TRUE(slots.month.has_value());
  // 'năm' is the first 3 of the word's 8 code points.
  EXPECT_EQ(slots.month->box.right, 2000 - 1);
  EXPECT_EQ(slots.year, 2024);

  // A pen stroke glued after 'ngày': the day slot starts where 'ngày' ends (4 of 5 code
  // points), so the stroke is read with the day.
  page.lines[1] = MakeLine({MakeWord("Ninh,", 1430, 400, 100), MakeWord("ngàyZ", 1540, 400, 150),
                            MakeWord("⁄", 1700, 400, 40, 90), MakeWord("tháng", 1800, 400, 110),
                            MakeWord("năm", 2000, 400, 90), MakeWord("2024", 2100, 400, 100)});
  slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.day.has_value());
  EXPECT_EQ(slots.day->box.left, 1540 + 150 * 4 / 5 + 1);
  EXPECT_EQ(slots.day->first_word, 2);
  EXPECT_EQ(slots.year, 2024);
  // The rewrite puts back the bare anchor, and the ink is searched for the slot's left side.
  ASSERT_TRUE(slots.day->glued_anchor.has_value());
  EXPECT_EQ(slots.day->glued_anchor->word, 1);
  EXPECT_EQ(slots.day->glued_anchor_text, "ngày");
  EXPECT_EQ(slots.day->label_box.left, 1540);
  EXPECT_FALSE(slots.month->glued_anchor.has_value());
  // The same for 'tháng' with a stroke of the pen month glued to it.
  page.lines[1].words[3].text = "thángØŸ";
  slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.month.has_value());
  ASSERT_TRUE(slots.month->glued_anchor.has_value());
  EXPECT_EQ(slots.month->glued_anchor->word, 3);
  EXPECT_EQ(slots.month->glued_anchor_text, "tháng");
  EXPECT_EQ(slots.month->box.left, 1800 + 110 * 5 / 7 + 1);

  // A digit glued to 'tháng' is no anchor: the catalog's parser reads 'tháng9' as it stands.
  page.lines[1].words[3].text = "tháng9";
  slots = FindHeaderSlots(page);
  EXPECT_FALSE(slots.month.has_value());
  // A pen day read as a digit and a letter glued to 'ngày' is a value to read again.
  page.lines[1].words[3].text = "tháng";
  page.lines[1].words[1].text = "ngày0P";
  slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.day.has_value());
  ASSERT_TRUE(slots.day->glued_anchor.has_value());
  EXPECT_EQ(slots.day->box.left, 1540 + 150 * 4 / 6 + 1);
}

}  // namespace
}  // namespace sohoa::pipeline
