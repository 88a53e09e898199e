// Where a document's number and date came from, and the review flag when an official document
// has none: pipeline/document_metadata.h over hand-built page text.
#include "pipeline/document_metadata.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sohoa::pipeline {
namespace {

TextLine Line(int top, const std::vector<std::pair<std::string, float>>& words) {
  TextLine line;
  int left = 100;
  for (const auto& [text, confidence] : words) {
    const int width = 30 * static_cast<int>(text.size());
    line.words.push_back({text, {left, top, left + width, top + 40}, confidence});
    left += width + 20;
  }
  line.box = {100, top, left, top + 40};
  return line;
}

// A decision's first page: agency, motto, number, date and type, then body text.
PageText DecisionPage(const std::string& number_word, const std::string& day) {
  PageText page;
  page.width_px = 2480;
  page.height_px = 3508;
  page.quality.mean_confidence = 88;
  page.lines = {Line(200, {{"ỦY", 95}, {"BAN", 95}, {"NHÂN", 95}, {"DÂN", 95}}),
                Line(260, {{"CỘNG", 95}, {"HÒA", 95}, {"XÃ", 95}, {"HỘI", 95}}),
                Line(380, {{"Số:", 93}, {number_word, 71}}),
                Line(440, {{"Quảng", 94},
                           {"Ninh,", 94},
                           {"ngày", 92},
                           {day, 64},
                           {"tháng", 92},
                           {"01", 83},
                           {"năm", 95},
                           {"2025", 96}}),
                Line(600, {{"QUYẾT", 96}, {"ĐỊNH", 96}}),
                Line(700, {{"Về", 90}, {"việc", 90}, {"ban", 90}, {"hành", 90}})};
  return page;
}

const index::MetaField* FieldNamed(const index::DocumentMeta& meta, const std::string& name) {
  for (const index::MetaField& field : meta.fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

TEST(DocumentMetadataTest, HandFilledNumberAndDayAreMarkedHandwritten) {
  std::vector<PageText> pages = {DecisionPage("47/QĐ-UBND", "17")};
  pages[0].header_reads = {{"number", "47", 62, false, true},
                           {"day", "17", 58, false, true},
                           {"month", "01", 90, false, false}};
  std::vector<index::MetadataSection> sections = DescribeDocument(&pages);
  ASSERT_EQ(sections.size(), 1u);
  const index::DocumentMeta& meta = sections[0].meta;
  EXPECT_EQ(meta.number, "47/QĐ-UBND");
  EXPECT_EQ(meta.date, "2025-01-17");
  const index::MetaField* number = FieldNamed(meta, "number");
  ASSERT_NE(number, nullptr);
  EXPECT_EQ(number->value, "47/QĐ-UBND");
  EXPECT_EQ(number->source, "handwritten");
  EXPECT_FLOAT_EQ(number->confidence, 62);
  const index::MetaField* date = FieldNamed(meta, "date");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->value, "2025-01-17");
  EXPECT_EQ(date->source, "handwritten");
  EXPECT_FLOAT_EQ(date->confidence, 58);  // the weaker of day (58) and month (90)
  EXPECT_FALSE(pages[0].quality.needs_review);
}

TEST(DocumentMetadataTest, PrintedValuesTakeTheWordsConfidence) {
  std::vector<PageText> pages = {DecisionPage("15/QĐ-UBND", "07")};
  std::vector<index::MetadataSection> sections = DescribeDocument(&pages);
  ASSERT_EQ(sections.size(), 1u);
  const index::MetaField* number = FieldNamed(sections[0].meta, "number");
  ASSERT_NE(number, nullptr);
  EXPECT_EQ(number->source, "printed");
  EXPECT_FLOAT_EQ(number->confidence, 71);
  const index::MetaField* date = FieldNamed(sections[0].meta, "date");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->source, "printed");
  EXPECT_FLOAT_EQ(date->confidence, 64);  // day '07' (64) is weaker than month '01' (83)
}

TEST(DocumentMetadataTest, PdfTextLayerIsTheSource) {
  std::vector<PageText> pages = {DecisionPage("15/QĐ-UBND", "07")};
  pages[0].quality.text_from_pdf = true;
  std::vector<index::MetadataSection> sections = DescribeDocument(&pages);
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(FieldNamed(sections[0].meta, "number")->source, "pdf-text");
  EXPECT_EQ(FieldNamed(sections[0].meta, "date")->source, "pdf-text");
}

TEST(DocumentMetadataTest, OfficialDocumentWithoutNumberOrDateNeedsReview) {
  std::vector<PageText> pages = {DecisionPage("", "")};
  pages[0].lines[2] = Line(380, {{"Số:", 93}});
  pages[0].lines[3] = Line(440, {{"Quảng", 94}, {"Ninh,", 94}, {"ngày", 92}});
  std::vector<index::MetadataSection> sections = DescribeDocument(&pages);
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.type, "QUYẾT ĐỊNH");
  EXPECT_EQ(FieldNamed(sections[0].meta, "number"), nullptr);
  EXPECT_TRUE(pages[0].quality.needs_review);
  EXPECT_EQ(pages[0].quality.review_reason, "document number not read; document date not read");
}

// Digits read, but the symbol after them cut to one letter, misread into a letter no symbol
// has, opening with another type's code than the decision's, or ending in the 'UB' of
// documents before 2006 that the agency's name does not complete: the number is wrong however
// sure its digits are. A whole symbol is not flagged, nor one the title or agency corrected.
TEST(DocumentMetadataTest, NumberWithASymbolCutShortNeedsReview) {
  for (const char* number : {"47/QNI-T", "47/ŠV-CCVC", "47/KH-UBND"}) {
    std::vector<PageText> pages = {DecisionPage(number, "17")};
    std::vector<index::MetadataSection> sections = DescribeDocument(&pages);
    ASSERT_EQ(sections.size(), 1u);
    EXPECT_NE(FieldNamed(sections[0].meta, "number"), nullptr) << number;
    EXPECT_TRUE(pages[0].quality.needs_review) << number;
    EXPECT_EQ(pages[0].quality.review_reason, "document number symbol unsure") << number;
  }
  std::vector<PageText> pages = {DecisionPage("47/QĐ-UB", "17")};
  pages[0].lines[0] = Line(200, {{"SỞ", 95}, {"NỘI", 95}, {"VỤ", 95}});
  DescribeDocument(&pages);
  EXPECT_EQ(pages[0].quality.review_reason, "document number symbol unsure");
  for (const char* number : {"47/QĐ-UBND", "47/CĐ-UBND", "47/QĐ-UB"}) {
    pages = {DecisionPage(number, "17")};
    std::vector<index::MetadataSection> sections = DescribeDocument(&pages);
    ASSERT_EQ(sections.size(), 1u);
    EXPECT_EQ(sections[0].meta.number, "47/QĐ-UBND") << number;
    EXPECT_FALSE(pages[0].quality.needs_review) << number << ": " << pages[0].quality.review_reason;
  }
  // A numeral below ten has its leading zero: one digit alone lost the others.
  pages = {DecisionPage("6/QĐ-UBND", "17")};
  DescribeDocument(&pages);
  EXPECT_EQ(pages[0].quality.review_reason, "document number of one digit");
  pages = {DecisionPage("06/QĐ-UBND", "17")};
  DescribeDocument(&pages);
  EXPECT_FALSE(pages[0].quality.needs_review) << pages[0].quality.review_reason;
}

// The date row comes after the body in the text's order (a crease split the page into
// columns), out of the metadata's reach: the header re-read's day, month and year date the
// document. Reads that make no calendar date do not.
TEST(DocumentMetadataTest, DateRowOutOfTextOrderIsDatedFromTheHeaderReads) {
  std::vector<PageText> pages = {DecisionPage("47/QĐ-UBND", "")};
  pages[0].lines[3] = Line(440, {{"Qu", 94}});
  pages[0].lines.push_back(Line(440, {{"ngày", 92}, {"28", 90}, {"tháng", 92}, {"02", 88}}));
  pages[0].header_reads = {{"day", "28", 90, false, false},
                           {"month", "02", 88, false, false},
                           {"year", "2025", 95, false, false}};
  std::vector<PageText> impossible = pages;
  std::vector<index::MetadataSection> sections = DescribeDocument(&pages);
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.date, "2025-02-28");
  const index::MetaField* date = FieldNamed(sections[0].meta, "date");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->source, "printed");
  EXPECT_FLOAT_EQ(date->confidence, 88);
  EXPECT_FALSE(pages[0].quality.needs_review);

  impossible[0].header_reads[0].value = "30";
  sections = DescribeDocument(&impossible);
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.date, "");
  EXPECT_EQ(impossible[0].quality.review_reason, "document date not read");
}

TEST(DocumentMetadataTest, ArticleWithoutHeaderIsNotFlagged) {
  PageText page;
  page.width_px = 2480;
  page.height_px = 3508;
  page.lines = {Line(200, {{"Tỉnh", 90}, {"đẩy", 90}, {"mạnh", 90}, {"chuyển", 90}}),
                Line(260, {{"đổi", 90}, {"số", 90}, {"trong", 90}, {"năm", 90}})};
  std::vector<PageText> pages = {page};
  DescribeDocument(&pages);
  EXPECT_FALSE(pages[0].quality.needs_review);
}

TEST(QualityRecordTest, ReviewReasonIsAddedOnce) {
  QualityRecord quality;
  quality.AddReviewReason("header day uncertain");
  quality.AddReviewReason("header day");
  quality.AddReviewReason("header day uncertain");
  EXPECT_TRUE(quality.needs_review);
  EXPECT_EQ(quality.review_reason, "header day uncertain; header day");
}

TEST(QualityRecordTest, FieldReviewReasonsAreFoundByTheirField) {
  const std::string day = FieldReviewReason("header", "day", "uncertain");
  const std::string number = FieldReviewReason("document", "number", "not read");
  EXPECT_EQ(day, "header day uncertain");
  EXPECT_EQ(number, "document number not read");
  // A correction of the date answers its day's and month's doubts too, never the number's.
  EXPECT_TRUE(ReviewReasonIsAboutField(day, "date"));
  EXPECT_TRUE(ReviewReasonIsAboutField(day, "day"));
  EXPECT_FALSE(ReviewReasonIsAboutField(day, "number"));
  EXPECT_TRUE(ReviewReasonIsAboutField(number, "number"));
  EXPECT_FALSE(ReviewReasonIsAboutField(number, "date"));
  EXPECT_FALSE(ReviewReasonIsAboutField("low confidence (40)", "number"));
  EXPECT_FALSE(ReviewReasonIsAboutField("header numbers", "number"));
}

}  // namespace
}  // namespace sohoa::pipeline
