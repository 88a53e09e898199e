// The catalog record a PDF carries in its XMP survives a write and a rebuild, stamp fields
// included (`sohoa catalog rebuild` recreates the catalog from the PDFs alone).
#include <gtest/gtest.h>

#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "pipeline/document_writer.h"
#include "pipeline/rebuild.h"
#include "tests/testing/fixtures.h"

namespace sohoa::pipeline {
namespace {

TEST(DocumentFieldsTest, StampFieldsSurviveWriteAndRebuild) {
  const std::filesystem::path dir = sohoa::testing::MakeTempDir("sohoa-fields");
  cv::Mat page(400, 300, CV_8UC1, cv::Scalar(255));
  cv::rectangle(page, {40, 40}, {200, 60}, cv::Scalar(0), cv::FILLED);
  const std::filesystem::path scan = dir / "cong-van.jpg";
  ASSERT_TRUE(cv::imwrite(scan.string(), page));
  Result<SourceInfo> source = ProbeSource(scan);
  ASSERT_TRUE(source.ok()) << source.status().ToString();

  PageText text;
  text.width_px = page.cols;
  text.height_px = page.rows;
  text.dpi = 300;
  TextLine line;
  line.box = {40, 40, 200, 60};
  line.words = {Word{"Số:", {40, 40, 100, 60}, 90}, Word{"15/QĐ-UBND", {110, 40, 200, 60}, 90}};
  text.lines = {line};

  index::MetadataSection section;
  section.first_page = 1;
  section.last_page = 1;
  section.meta.number = "15/QĐ-UBND";
  section.meta.fields = {{"received_number", "2352", 80, "stamp"},
                         {"signed_at", "2025-03-05T10:20:30", 95, "pdf-text"}};
  const std::filesystem::path pdf = dir / "cong-van.pdf";
  ASSERT_TRUE(WriteSearchablePdf(*source, {text}, {PageLayout{false, 300, page.cols, page.rows}},
                                 {section}, "in/cong-van.jpg", {}, pdf,
                                 {"2025-03-05T10:20:30Z", "digest"})
                  .ok());

  Result<RebuiltDocument> rebuilt = ReadSearchablePdf(pdf);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  ASSERT_EQ(rebuilt->sections.size(), 1u);
  const index::DocumentMeta& meta = rebuilt->sections[0].meta;
  EXPECT_EQ(meta.number, "15/QĐ-UBND");
  ASSERT_EQ(meta.fields.size(), 2u);
  EXPECT_EQ(meta.fields[0].name, "received_number");
  EXPECT_EQ(meta.fields[0].value, "2352");
  EXPECT_FLOAT_EQ(meta.fields[0].confidence, 80);
  EXPECT_EQ(meta.fields[0].source, "stamp");
  EXPECT_EQ(meta.fields[1].value, "2025-03-05T10:20:30");
  EXPECT_EQ(meta.fields[1].source, "pdf-text");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sohoa::pipeline
