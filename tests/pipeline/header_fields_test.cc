#include "pipeline/header_fields.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>
#include <string>

#include "index/metadata.h"
#include "ocr/ocr_engine.h"
#include "pipeline/header_anchors.h"
#include "tests/testing/hand_filled_header.h"
#include "tests/testing/header_words.h"

namespace sohoa::pipeline {
namespace {

using testing::A4Page;
using testing::MakeLine;
using testing::MakeWord;
using testing::ScanColour;

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
  // Number, day, month, and the printed year as the page pass read it.
  ASSERT_EQ(page.header_reads.size(), 4u);
  EXPECT_EQ(page.header_reads[0].value, "3254");
  EXPECT_EQ(page.header_reads[3].name, "year");
  EXPECT_EQ(page.header_reads[3].value, "2024");
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

// The page pass read the printed year a digit short ('năm 204'): the year's word is read again
// on its own, and the four-digit year kept for the date. On a page without its ink there is no
// year at all, nor for a date row far below the number's (a date the body cites).
TEST(HeaderFieldsTest, YearReadADigitShortIsReadAgain) {
  PageText page = A4Page();
  page.lines.push_back(
      MakeLine({MakeWord("Số:", 300, 400, 70), MakeWord("12/QĐ-UBND", 390, 400, 260)}));
  page.lines.push_back(
      MakeLine({MakeWord("Quảng", 1300, 400, 120), MakeWord("Ninh,", 1430, 400, 100),
                MakeWord("ngày", 1540, 400, 90), MakeWord("10", 1650, 400, 50, 95),
                MakeWord("tháng", 1720, 400, 110), MakeWord("01", 1850, 400, 50, 97),
                MakeWord("năm", 1920, 400, 90), MakeWord("204", 2030, 400, 130, 60)}));
  const HeaderSlots slots = FindHeaderSlots(page);
  EXPECT_EQ(slots.year, 0);
  ASSERT_TRUE(slots.misread_year_box.has_value());
  Result<std::unique_ptr<ocr::FieldReader>> reader = ocr::FieldReader::Create({});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  PageText blank_page = page;
  cv::Mat scan(page.height_px, page.width_px, CV_8UC1, cv::Scalar(255));
  RereadHeaderFields(scan, **reader, &blank_page);
  for (const HeaderFieldRead& read : blank_page.header_reads) EXPECT_NE(read.name, "year");
  cv::putText(scan, "2024", {2040, 440}, cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(0), 3);
  PageText number_far_above = page;
  for (Word& word : number_far_above.lines[0].words) {
    word.box.top -= 400;
    word.box.bottom -= 400;
  }
  number_far_above.lines[0].box.top -= 400;
  number_far_above.lines[0].box.bottom -= 400;
  RereadHeaderFields(scan, **reader, &number_far_above);
  for (const HeaderFieldRead& read : number_far_above.header_reads) EXPECT_NE(read.name, "year");
  RereadHeaderFields(scan, **reader, &page);
  ASSERT_FALSE(page.header_reads.empty());
  EXPECT_EQ(page.header_reads.back().name, "year");
  EXPECT_EQ(page.header_reads.back().value, "2024");
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
  ASSERT_EQ(page->header_reads.size(), 4u);
  EXPECT_EQ(page->header_reads[0].name, "number");
  EXPECT_EQ(page->header_reads[0].value, "47");
  EXPECT_EQ(page->header_reads[0].reread, slots.number->printed != "47");
  EXPECT_EQ(page->header_reads[1].name, "day");
  EXPECT_EQ(page->header_reads[1].value, "17");
  EXPECT_EQ(page->header_reads[1].reread, slots.day->printed != "17");
  EXPECT_EQ(page->header_reads[2].value, "01");
  EXPECT_EQ(page->header_reads[3].name, "year");
  EXPECT_EQ(page->header_reads[3].value, "2025");
  EXPECT_FALSE(page->header_reads[3].reread);
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
    ASSERT_EQ(page->header_reads.size(), 4u);
    EXPECT_EQ(page->header_reads[1].name, "day");
    EXPECT_EQ(page->header_reads[1].value, "19");
  }
}

// A slot's crop that cuts a digit is widened to the gap before the digit's ink. When the ink
// begins exactly at the crop's side (a pen '1' leaning over the label's colon, where the slot
// begins), nothing is cut, yet a reader whitens a thin stroke touching the side as a cut
// digit's sliver: the crop is widened a few columns, short of the colon.
TEST(HeaderFieldsTest, CropWidenedToTheGapBeforeTheInkItCuts) {
  cv::Mat image(120, 400, CV_8UC1, cv::Scalar(255));
  PageText page;
  page.width_px = image.cols;
  page.height_px = image.rows;
  // The row is 40 px high, centred at y 60; the crop is it and 25 px more each way.
  const PixelBox box{100, 15, 220, 105};
  cv::rectangle(image, cv::Rect(80, 50, 6, 6), cv::Scalar(0), cv::FILLED);  // colon's dots
  cv::rectangle(image, cv::Rect(80, 70, 6, 6), cv::Scalar(0), cv::FILLED);
  // A digit cut by the crop: its stroke spans columns 94-104, 4 px after the colon.
  cv::Mat cut = image.clone();
  cv::rectangle(cut, cv::Rect(94, 42, 10, 36), cv::Scalar(0), cv::FILLED);
  std::optional<PixelBox> wider = WidenedToInkGap(cut, page, box);
  ASSERT_TRUE(wider.has_value());
  EXPECT_EQ(wider->left, 94);
  // A leaning '1' whose top begins at the crop's first column.
  cv::Mat at_side = image.clone();
  cv::line(at_side, {102, 42}, {111, 78}, cv::Scalar(0), 4);
  const cv::Mat ink = at_side < 128;
  ASSERT_EQ(cv::countNonZero(ink.colRange(87, 100)), 0);
  ASSERT_GT(cv::countNonZero(ink.col(100)), 0);
  wider = WidenedToInkGap(at_side, page, box);
  ASSERT_TRUE(wider.has_value());
  EXPECT_LT(wider->left, 100);
  EXPECT_GE(wider->left, 90);
  // Ink well inside the crop is not cut: no wider crop.
  cv::Mat inside = image.clone();
  cv::rectangle(inside, cv::Rect(120, 42, 10, 36), cv::Scalar(0), cv::FILLED);
  EXPECT_FALSE(WidenedToInkGap(inside, page, box).has_value());
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
