#include "pipeline/header_fields.h"

#include <gtest/gtest.h>

#include <string>

#include "index/metadata.h"
#include "ocr/ocr_engine.h"
#include "pipeline/header_anchors.h"
#include "tests/testing/hand_filled_header.h"

namespace sohoa::pipeline {
namespace {

using testing::ScanColour;

Word MakeWord(const std::string& text, int left, int top, int width, float confidence = 90) {
  return {text, {left, top, left + width, top + 50}, confidence};
}

// An empty A4 page at 300 dpi.
PageText A4Page() {
  PageText page;
  page.width_px = 2480;
  page.height_px = 3508;
  return page;
}

TextLine MakeLine(std::vector<Word> words) {
  TextLine line;
  line.words = std::move(words);
  line.box = {line.words.front().box.left, line.words.front().box.top, line.words.back().box.right,
              line.words.front().box.bottom};
  return line;
}

TEST(HeaderFieldsTest, FindsSlotsFromPrintedAnchorsAndSkipsStampNumber) {
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
TEST(HeaderFieldsTest, FindsSlotsAfterALineFromLowerOnThePage) {
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

// A number's symbol as OCR reads it: quotes dropped, a doubled slash one slash; no symbol in
// a subject line's 'V/v' or a stamp's date.
TEST(HeaderFieldsTest, NumberSymbolOfOcrWords) {
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

TEST(HeaderFieldsTest, ChoosesPlausibleAgreedValue) {
  using ocr::FieldReading;
  // A day of 71 is impossible; the readings agree on 17.
  std::optional<FieldChoice> day = ChooseField(
      FieldKind::kDay, {{"71", 80, "a"}, {"17", 75, "b"}, {"17", 70, "c"}, {"17", 85, "d"}}, "", 0);
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(day->value, "17");
  EXPECT_FALSE(day->uncertain);
  // Confident plausible print from the full-page pass stands against the digit passes.
  std::optional<FieldChoice> printed_day =
      ChooseField(FieldKind::kDay, {{"07", 90, "a"}, {"07", 90, "b"}}, "17", 92);
  ASSERT_TRUE(printed_day.has_value());
  EXPECT_EQ(printed_day->value, "17");
  // Month 1 and 01 are one value, written with two digits.
  std::optional<FieldChoice> month =
      ChooseField(FieldKind::kMonth, {{"1", 90, "a"}, {"01", 88, "b"}, {"7", 20, "c"}}, "", 0);
  ASSERT_TRUE(month.has_value());
  EXPECT_EQ(month->value, "01");
  // Numbers keep their leading zero (02/QĐ-UBND); a split vote is uncertain.
  std::optional<FieldChoice> number =
      ChooseField(FieldKind::kNumber, {{"02", 50, "a"}, {"62", 45, "b"}, {"82", 40, "c"}}, "", 0);
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->value, "02");
  EXPECT_TRUE(number->uncertain);
  // Only numbers below ten are zero-padded: '074' is no number, however surely read.
  number = ChooseField(FieldKind::kNumber,
                       {{"074", 73, "digits/thick"},
                        {"074", 67, "digits/light"},
                        {"874", 68, "digits/small"},
                        {"874", 46, "digits/otsu"}},
                       "971", 32);
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->value, "874");
  EXPECT_FALSE(ChooseField(FieldKind::kMonth, {{"13", 90, "a"}, {"45", 90, "b"}}, "", 0));
  // The only plausible day is a reading no reader was sure of at all (a scribbled '20' read
  // '80220', and '1' at confidence 0): no value, the field is left unread.
  EXPECT_FALSE(ChooseField(FieldKind::kDay,
                           {{"80220", 7, "digits/otsu"}, {"1", 0, "otsu/line"}, {"3", 4, "x"}},
                           "80", 8));
}

// The page pass read a pen '30' confidently as '20'. The digit model, surely and in every
// rendering, reads as many digits but other ones: its value is taken, for review. Short of
// that (too few renderings, unsure, a digit fewer), the confident page reading stands.
TEST(HeaderFieldsTest, UnanimousSureDigitModelOverrulesConfidentPageReading) {
  const std::string model(ocr::kDigitModelVariantPrefix);
  const std::vector<ocr::FieldReading> sure = {{"30", 99, model + "otsu"},
                                               {"30", 99, model + "light"},
                                               {"30", 98, model + "thick"},
                                               {"20", 94, "otsu/line"}};
  std::optional<FieldChoice> day = ChooseField(FieldKind::kDay, sure, "20", 91);
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(day->value, "30");
  EXPECT_TRUE(day->uncertain);
  const std::vector<ocr::FieldReading> two = {sure[0], sure[1], sure[3]};
  EXPECT_EQ(ChooseField(FieldKind::kDay, two, "20", 91)->value, "20");
  std::vector<ocr::FieldReading> unsure = sure;
  unsure[2].confidence = 70;
  EXPECT_EQ(ChooseField(FieldKind::kDay, unsure, "20", 91)->value, "20");
  // Less sure in one rendering, the digit model still overrules with a Tesseract line reading
  // of the same value on its side.
  std::vector<ocr::FieldReading> seconded = unsure;
  seconded.push_back({"30", 79, "light/line"});
  day = ChooseField(FieldKind::kDay, seconded, "20", 91);
  EXPECT_EQ(day->value, "30");
  EXPECT_TRUE(day->uncertain);
  const std::vector<ocr::FieldReading> shorter = {
      {"5", 99, model + "otsu"}, {"5", 99, model + "light"}, {"5", 98, model + "thick"}};
  std::optional<FieldChoice> number = ChooseField(FieldKind::kNumber, shorter, "15", 92);
  EXPECT_EQ(number->value, "15");
  EXPECT_FALSE(number->uncertain);
}

TEST(HeaderFieldsTest, DigitModelOutweighsTesseractAndLongerReadingsGoToReview) {
  const std::string model(ocr::kDigitModelVariantPrefix);
  // Tesseract's '1' for a pen 9 twice against the model's 9 twice: the model's votes weigh
  // double, so 09 wins.
  std::optional<FieldChoice> month = ChooseField(FieldKind::kMonth,
                                                 {{"9", 70, model + "otsu"},
                                                  {"9", 60, model + "thick"},
                                                  {"1", 84, "otsu/line"},
                                                  {"1", 71, "thick/line"}},
                                                 "", 0);
  ASSERT_TRUE(month.has_value());
  EXPECT_EQ(month->value, "09");
  // Agreeing readings of 47 are not outvoted by one longer '471' (a slash read as '1')...
  std::optional<FieldChoice> number = ChooseField(FieldKind::kNumber,
                                                  {{"47", 94, model + "otsu"},
                                                   {"47", 94, model + "light"},
                                                   {"47", 94, model + "thick"},
                                                   {"471", 40, "small/line"}},
                                                  "", 0);
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->value, "47");
  // ...but some reader saw more digits, so the number goes to review however sure 47 reads.
  EXPECT_TRUE(number->uncertain);
  std::optional<FieldChoice> clear = ChooseField(
      FieldKind::kNumber, {{"47", 94, model + "otsu"}, {"47", 94, model + "light"}}, "", 0);
  ASSERT_TRUE(clear.has_value());
  EXPECT_FALSE(clear->uncertain);
}

// A handwritten numeral and day on their own baselines: OCR made them lines of their own.
PageText SplitRowHeader() {
  PageText page = A4Page();
  page.lines.push_back(MakeLine({MakeWord("Số:", 300, 400, 70)}));
  page.lines.push_back(MakeLine({MakeWord("3254/TB-VPUBND", 390, 425, 420, 91)}));
  page.lines.push_back(
      MakeLine({MakeWord("Quảng", 1300, 400, 120), MakeWord("Ninh,", 1430, 400, 100),
                MakeWord("ngày", 1540, 400, 90), MakeWord("17", 1660, 385, 60, 92)}));
  page.lines.push_back(MakeLine({MakeWord("tháng", 1760, 410, 110)}));
  page.lines.push_back(MakeLine({MakeWord("1", 1900, 430, 30, 90), MakeWord("năm", 1960, 410, 90),
                                 MakeWord("2024", 2060, 410, 100)}));
  return page;
}

TEST(HeaderFieldsTest, FindsSlotsAcrossLinesOfOneRow) {
  const HeaderSlots slots = FindHeaderSlots(SplitRowHeader());
  ASSERT_TRUE(slots.number.has_value());
  EXPECT_EQ(slots.number->line, 0);
  EXPECT_EQ(slots.number->suffix, "/TB-VPUBND");
  EXPECT_EQ(slots.number->printed, "3254");
  ASSERT_TRUE(slots.number->suffix_word.has_value());
  EXPECT_EQ(slots.number->suffix_word->line, 1);
  ASSERT_TRUE(slots.day.has_value());
  EXPECT_EQ(slots.day->line, 2);
  EXPECT_EQ(slots.day->printed, "17");
  ASSERT_TRUE(slots.month.has_value());
  EXPECT_EQ(slots.month->printed, "1");
  ASSERT_EQ(slots.month->strays.size(), 1u);
  EXPECT_EQ(slots.month->strays[0].line, 4);
  EXPECT_EQ(slots.year, 2024);
}

// Confident print is not re-read, but the scattered values join their labels' lines, so the
// catalog reads 'Số: 3254/TB-VPUBND' and the whole date.
TEST(HeaderFieldsTest, RewriteGathersValuesOntoTheirLabelsLines) {
  PageText page = SplitRowHeader();
  Result<std::unique_ptr<ocr::FieldReader>> reader = ocr::FieldReader::Create({});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const cv::Mat blank(page.height_px, page.width_px, CV_8UC1, cv::Scalar(255));
  EXPECT_EQ(RereadHeaderFields(blank, **reader, &page), 3);
  ASSERT_EQ(page.header_reads.size(), 3u);
  EXPECT_EQ(page.header_reads[0].value, "3254");
  for (const HeaderFieldRead& read : page.header_reads) EXPECT_FALSE(read.reread) << read.name;
  const std::string text = page.PlainText();
  EXPECT_NE(text.find("Số: 3254/TB-VPUBND\n"), std::string::npos) << text;
  std::vector<index::MetadataSection> sections = index::ExtractMetadata({text});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.number, "3254/TB-VPUBND") << text;
  EXPECT_EQ(sections[0].meta.date, "2024-01-17") << text;
}

// OCR split a pen numeral into words ('2 +6 5', or '2 65'), and boxed the printed 'ngày' and
// 'tháng' over the values after them. The numeral's words are rewritten as one even when their
// digits agree with the re-reading, so the catalog reads the number; the day's and month's
// words lie in their slots.
TEST(HeaderFieldsTest, SplitNumeralIsRewrittenAndMonthUnderWideAnchorFound) {
  PageText page = A4Page();
  page.lines.push_back(
      MakeLine({MakeWord("Số:", 300, 400, 70), MakeWord("2", 390, 400, 30, 95),
                MakeWord("65", 430, 400, 50, 91), MakeWord("/QĐ-UBND", 500, 400, 220)}));
  page.lines.push_back(
      MakeLine({MakeWord("Quảng", 1300, 400, 120), MakeWord("Ninh,", 1430, 400, 100),
                MakeWord("ngày", 1540, 400, 140), MakeWord("10", 1650, 400, 50, 95),
                MakeWord("tháng", 1720, 400, 190, 97), MakeWord("01", 1870, 400, 50, 97),
                MakeWord("năm", 1950, 400, 90), MakeWord("2025", 2050, 400, 100)}));
  const HeaderSlots slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.day.has_value());
  EXPECT_EQ(slots.day->printed, "10");
  ASSERT_TRUE(slots.month.has_value());
  EXPECT_EQ(slots.month->printed, "01");
  EXPECT_LE(slots.month->box.left, 1870);
  Result<std::unique_ptr<ocr::FieldReader>> reader = ocr::FieldReader::Create({});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const cv::Mat blank(page.height_px, page.width_px, CV_8UC1, cv::Scalar(255));
  EXPECT_EQ(RereadHeaderFields(blank, **reader, &page), 3);
  const std::string text = page.PlainText();
  EXPECT_NE(text.find("Số: 265/QĐ-UBND\n"), std::string::npos) << text;
  EXPECT_NE(text.find("ngày 10 tháng 01 năm 2025"), std::string::npos) << text;
  std::vector<index::MetadataSection> sections = index::ExtractMetadata({text});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.number, "265/QĐ-UBND") << text;
  EXPECT_EQ(sections[0].meta.date, "2025-01-10") << text;
}

// A pen numeral over the symbol's slash: OCR read the symbol without it ('QĐ-STTTT') and the
// numeral's first strokes glued to the label ('Só:lÏ', 'Số:12'). The slot lies between the
// label's share of its word and the symbol, and the rewrite puts the slash back.
TEST(HeaderFieldsTest, SymbolWithoutItsSlashAndValueGluedToTheLabel) {
  EXPECT_EQ(BareSymbol("QĐ-STTTT"), "/QĐ-STTTT");
  EXPECT_EQ(BareSymbol("T-UBND."), "/T-UBND");
  EXPECT_EQ(BareSymbol("UBND-VHTT-TT"), "/UBND-VHTT-TT");
  EXPECT_EQ(BareSymbol("<H-UBND"), "/H-UBND");  // 'K' read as a mark
  EXPECT_EQ(GluedLabelLength("Só;ổ"), 3);       // a colon read as a semicolon
  for (const char* no_symbol : {"UBND", "47/QĐ-UBND", "Độc", "-", "QĐ-U", "QĐ-ubnd", "QĐ--UBND"}) {
    EXPECT_EQ(BareSymbol(no_symbol), "") << no_symbol;
  }
  PageText page = A4Page();
  page.lines.push_back(
      MakeLine({MakeWord("Só:lÏ", 300, 400, 100, 30), MakeWord("QĐ-STTTT", 430, 400, 220, 92)}));
  page.lines.push_back(
      MakeLine({MakeWord("Quảng", 1300, 400, 120), MakeWord("Ninh,", 1430, 400, 100),
                MakeWord("ngày", 1540, 400, 90), MakeWord("01", 1660, 400, 50, 95),
                MakeWord("tháng", 1760, 400, 110), MakeWord("10", 1890, 400, 50, 95),
                MakeWord("năm", 1960, 400, 90), MakeWord("2024", 2060, 400, 100)}));
  HeaderSlots slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.number.has_value());
  EXPECT_EQ(slots.number->suffix, "/QĐ-STTTT");
  EXPECT_TRUE(slots.number->slash_lost);
  EXPECT_EQ(slots.number->label, "Só:");
  EXPECT_EQ(slots.number->printed, "lÏ");
  EXPECT_EQ(slots.number->first_word, 0);
  EXPECT_EQ(slots.number->end_word, 2);
  EXPECT_EQ(slots.number->box.left, 300 + 100 * 3 / 5 + 1);
  EXPECT_LE(slots.number->box.right, 430);

  page.lines[0].words[0].text = "Số:12";
  page.lines[0].words[0].confidence = 95;
  slots = FindHeaderSlots(page);
  ASSERT_TRUE(slots.number.has_value());
  EXPECT_EQ(slots.number->printed, "12");
  Result<std::unique_ptr<ocr::FieldReader>> reader = ocr::FieldReader::Create({});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const cv::Mat blank(page.height_px, page.width_px, CV_8UC1, cv::Scalar(255));
  RereadHeaderFields(blank, **reader, &page);
  const std::string text = page.PlainText();
  EXPECT_NE(text.find("Số:12/QĐ-STTTT\n"), std::string::npos) << text;
  EXPECT_EQ(index::ExtractMetadata({text}).at(0).meta.number, "12/QĐ-STTTT") << text;
}

// 'Số:' lost under a stamp: the slot is cut left of the symbol on the date's row; 'ngày'
// unread: the day slot lies left of 'tháng'. A stamp's 'Số:' off that row is never a slot.
TEST(HeaderFieldsTest, FallbackSlotsFromOneAnchor) {
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
TEST(HeaderFieldsTest, BodyCitationBelowTheDateIsNoNumberSlot) {
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
TEST(HeaderFieldsTest, SoInTheSubjectIsNoLabel) {
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
TEST(HeaderFieldsTest, NumberRowNearestTheDateWinsAndAnUnreadLabelIsLookedFor) {
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
TEST(HeaderFieldsTest, ThangWithoutItsHIsAnAnchor) {
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

// A pen day's stroke read glued before 'tháng' ('?tháng'): the anchor is still found, and the
// day's slot takes the stroke in.
TEST(HeaderFieldsTest, ThangWithAPenStrokeGluedBeforeIt) {
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
TEST(HeaderFieldsTest, WordOfTheAgencyAfterASlashIsNoSymbol) {
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
TEST(HeaderFieldsTest, FindsSlotsFromAnchorsGluedToTheirNeighbours) {
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

// Full page OCR, then the re-read: the catalog's metadata gets the handwritten values.
void ExpectHeaderReadBack(ScanColour colour) {
  testing::HandFilledHeader header = testing::RenderHandFilledHeader("47", "17", "01", colour);
  Result<std::unique_ptr<ocr::OcrEngine>> engine = ocr::OcrEngine::Create({});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  Result<std::unique_ptr<ocr::FieldReader>> reader = ocr::FieldReader::Create({});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  cv::Mat grey = header.image;
  if (grey.channels() == 3) cv::cvtColor(grey, grey, cv::COLOR_BGR2GRAY);
  Result<PageText> page = (*engine)->Recognize(grey, header.dpi);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  const HeaderSlots slots = FindHeaderSlots(*page);
  ASSERT_TRUE(slots.number && slots.day) << page->PlainText();
  const int rewritten = RereadHeaderFields(header.image, **reader, &*page);
  EXPECT_EQ(rewritten, 3) << page->PlainText();
  // What was decided is kept for the catalog, marked re-read where the page pass had it wrong.
  ASSERT_EQ(page->header_reads.size(), 3u);
  EXPECT_EQ(page->header_reads[0].name, "number");
  EXPECT_EQ(page->header_reads[0].value, "47");
  EXPECT_EQ(page->header_reads[0].reread, slots.number->printed != "47");
  EXPECT_EQ(page->header_reads[1].name, "day");
  EXPECT_EQ(page->header_reads[1].value, "17");
  EXPECT_EQ(page->header_reads[1].reread, slots.day->printed != "17");
  EXPECT_EQ(page->header_reads[2].value, "01");
  std::vector<index::MetadataSection> sections = index::ExtractMetadata({page->PlainText()});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.number, "47/QĐ-UBND") << page->PlainText();
  EXPECT_EQ(sections[0].meta.date, "2025-01-17") << page->PlainText();
  EXPECT_EQ(sections[0].meta.type, "QUYẾT ĐỊNH");
}

// The day's slot starts inside its first digit (OCR boxed 'ngày' reaching over the pen's '1'):
// the crop cuts ink at its left side, so the slot is read again from the gap before that ink,
// and the day is '19', not '9'.
TEST(HeaderFieldsTest, SlotCuttingItsFirstDigitIsReadFromTheInksGap) {
  for (ScanColour colour : {ScanColour::kGrey, ScanColour::kBilevel}) {
    SCOPED_TRACE(colour == ScanColour::kGrey ? "grey" : "bilevel");
    testing::HandFilledHeader header = testing::RenderHandFilledHeader("47", "19", "01", colour);
    Result<std::unique_ptr<ocr::OcrEngine>> engine = ocr::OcrEngine::Create({});
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    Result<std::unique_ptr<ocr::FieldReader>> reader = ocr::FieldReader::Create({});
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    Result<PageText> page = (*engine)->Recognize(header.image, header.dpi);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    const HeaderSlots slots = FindHeaderSlots(*page);
    ASSERT_TRUE(slots.day.has_value()) << page->PlainText();
    // 'ngày' is the word before the day's slot; its box now ends a third into the '1'.
    TextLine& line = page->lines[slots.day->line];
    ASSERT_GT(slots.day->first_word, 0);
    Word& anchor = line.words[slots.day->first_word - 1];
    ASSERT_EQ(HeaderKey(anchor.text), "ngay") << anchor.text;
    cv::Mat ink;
    cv::threshold(
        header.image(cv::Rect(anchor.box.right, anchor.box.top, 200, anchor.box.height())), ink,
        128, 255, cv::THRESH_BINARY_INV);
    std::vector<cv::Point> points;
    cv::findNonZero(ink, points);
    ASSERT_FALSE(points.empty());
    anchor.box.right += cv::boundingRect(points).x + 4;
    RereadHeaderFields(header.image, **reader, &*page);
    ASSERT_EQ(page->header_reads.size(), 3u);
    EXPECT_EQ(page->header_reads[1].name, "day");
    EXPECT_EQ(page->header_reads[1].value, "19");
  }
}

TEST(HeaderFieldsTest, RereadsHandFilledHeaderInColour) {
  ExpectHeaderReadBack(ScanColour::kColour);
}
TEST(HeaderFieldsTest, RereadsHandFilledHeaderInGrey) { ExpectHeaderReadBack(ScanColour::kGrey); }
TEST(HeaderFieldsTest, RereadsHandFilledHeaderInBilevel) {
  ExpectHeaderReadBack(ScanColour::kBilevel);
}

}  // namespace
}  // namespace sohoa::pipeline
