// The batch journal's page encoding, settings digest and the run-status helpers.
#include "pipeline/journal.h"

#include <gtest/gtest.h>

#include "pipeline/run_status.h"

namespace sohoa::pipeline {
namespace {

TEST(JournalTest, PageRoundTripsExactly) {
  JournaledPage page;
  page.text.width_px = 1240;
  page.text.height_px = 1754;
  page.text.dpi = 150.0 / 3.0;
  page.text.source_to_upright = {0.999847695, -0.017452406, 12.3456789012345, 0.1, 1.0 / 3.0, -7};
  TextLine line;
  line.box = {10, 20, 300, 44};
  line.block_index = 2;
  line.words.push_back({"Đường", {10, 20, 90, 44}, 91.37f});
  line.words.push_back({"hòa", {100, 20, 150, 44}, 0.1f});
  page.text.lines.push_back(line);
  page.text.quality.skew_degrees = 0.7071067811865476;
  page.text.quality.ocr_timed_out = true;
  page.text.quality.needs_review = true;
  page.text.quality.review_reason = "OCR timed out: page kept as image only";
  page.text.header_reads.push_back({"number", "47", 61.5f, true, true});
  page.text.agency_lines = {"UBND TỈNH QUẢNG NINH", "SỞ NỘI VỤ"};
  page.layout = {false, 299.99999, 2480, 3508};

  Result<JournaledPage> decoded = DecodeJournaledPage(EncodeJournaledPage(page));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->text.dpi, page.text.dpi);
  EXPECT_EQ(decoded->text.source_to_upright, page.text.source_to_upright);
  ASSERT_EQ(decoded->text.lines.size(), 1u);
  EXPECT_EQ(decoded->text.lines[0].block_index, 2);
  EXPECT_EQ(decoded->text.lines[0].words[0].text, "Đường");
  EXPECT_EQ(decoded->text.lines[0].words[0].confidence, 91.37f);
  EXPECT_EQ(decoded->text.lines[0].words[1].box.right, 150);
  EXPECT_EQ(decoded->text.quality.skew_degrees, page.text.quality.skew_degrees);
  EXPECT_TRUE(decoded->text.quality.ocr_timed_out);
  EXPECT_EQ(decoded->text.quality.review_reason, page.text.quality.review_reason);
  ASSERT_EQ(decoded->text.header_reads.size(), 1u);
  EXPECT_EQ(decoded->text.header_reads[0].value, "47");
  EXPECT_EQ(decoded->text.header_reads[0].confidence, 61.5f);
  EXPECT_TRUE(decoded->text.header_reads[0].uncertain);
  EXPECT_TRUE(decoded->text.header_reads[0].reread);
  EXPECT_EQ(decoded->text.agency_lines, page.text.agency_lines);
  EXPECT_EQ(decoded->layout.render_dpi, 299.99999);
  EXPECT_EQ(decoded->layout.source_height, 3508);
  // Encoding the decoded page again gives the same text: nothing is lost or rounded.
  EXPECT_EQ(EncodeJournaledPage(*decoded), EncodeJournaledPage(page));
}

TEST(JournalTest, DamagedEntryIsAnErrorNotACrash) {
  EXPECT_FALSE(DecodeJournaledPage("{\"width\": 3").ok());
  EXPECT_FALSE(DecodeJournaledPage("{\"width\": 3}").ok());
  // A header read of the wrong shape is damage too, not a crash.
  JournaledPage page;
  page.text.header_reads.push_back({"day", "07", 90, false, false});
  std::string encoded = EncodeJournaledPage(page);
  encoded.replace(encoded.find("\"07\""), 4, "7");
  EXPECT_FALSE(DecodeJournaledPage(encoded).ok());
}

TEST(JournalTest, SettingsDigestChangesWithOutputSettingsOnly) {
  ocr::OcrOptions ocr;
  RecognitionSettings recognition;
  DecodeLimits limits;
  ocr::WriteOptions write;
  Result<std::string> base = SettingsDigest(ocr, recognition, limits, write);
  ASSERT_TRUE(base.ok());
  EXPECT_EQ(base->size(), 64u);
  EXPECT_EQ(*SettingsDigest(ocr, recognition, limits, write), *base);
  ocr.timeout_ms = 5;  // a bound, not an output setting
  limits.max_pixels = 10;
  EXPECT_EQ(*SettingsDigest(ocr, recognition, limits, write), *base);
  write.keep_skew = true;
  EXPECT_NE(*SettingsDigest(ocr, recognition, limits, write), *base);
  write.keep_skew = false;
  recognition.clean.despeckle = false;
  EXPECT_NE(*SettingsDigest(ocr, recognition, limits, write), *base);
  recognition.clean.despeckle = true;
  ocr.language = "eng";
  EXPECT_NE(*SettingsDigest(ocr, recognition, limits, write), *base);
}

TEST(RunStatusTest, ParsesDurations) {
  EXPECT_EQ(ParseDuration("90m", 1000)->count(), 90 * 60'000);
  EXPECT_EQ(ParseDuration("2h", 1000)->count(), 7'200'000);
  EXPECT_EQ(ParseDuration("1h30m", 1000)->count(), 5'400'000);
  EXPECT_EQ(ParseDuration("500ms", 1000)->count(), 500);
  EXPECT_EQ(ParseDuration("300", 1000)->count(), 300'000);
  for (const char* bad : {"", "m", "5x", "-3m", "0", "1.5h", "3 m"}) {
    EXPECT_FALSE(ParseDuration(bad, 1000).ok()) << bad;
  }
}

TEST(RunStatusTest, DeadlineIsTheNextSuchTime) {
  using std::chrono::system_clock;
  system_clock::time_point now = system_clock::now();
  Result<system_clock::time_point> deadline = ParseDeadline("06:30", now);
  ASSERT_TRUE(deadline.ok());
  EXPECT_GT(*deadline, now);
  EXPECT_LE(*deadline - now, std::chrono::hours(25));
  std::time_t t = system_clock::to_time_t(*deadline);
  std::tm local{};
  localtime_r(&t, &local);
  EXPECT_EQ(local.tm_hour, 6);
  EXPECT_EQ(local.tm_min, 30);
  for (const char* bad : {"6", "24:00", "12:60", "12:30x", "ab:cd"}) {
    EXPECT_FALSE(ParseDeadline(bad, now).ok()) << bad;
  }
}

TEST(RunStatusTest, EstimatesTimeLeftFromPagesAndUnprobedDocuments) {
  BatchProgress progress;
  EXPECT_LT(EstimateSecondsLeft(progress), 0);
  progress.pages_processed = 4;
  progress.pages_known = 6;
  progress.documents_probed = 2;
  progress.documents_total = 4;
  progress.elapsed_seconds = 8;  // 2 s a page; 2 known pages + 2 documents of 3 pages left
  EXPECT_DOUBLE_EQ(EstimateSecondsLeft(progress), (2 + 6) * 2.0);
}

TEST(RunStatusTest, MetricsAreInPrometheusTextFormat) {
  BatchReport report;
  DocumentOutcome done, failed;
  done.status = "done";
  failed.status = "failed";
  report.documents = {done, failed};
  report.pages_done = 3;
  std::string text = PrometheusMetrics(report, 1, 1700000000);
  EXPECT_NE(text.find("sohoa_run_documents{status=\"done\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("sohoa_run_documents{status=\"failed\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE sohoa_run_pages_done gauge\nsohoa_run_pages_done 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("sohoa_run_exit_status 1\n"), std::string::npos);
  EXPECT_NE(text.find("sohoa_run_last_finished_timestamp_seconds 1700000000\n"), std::string::npos)
      << text;
}

}  // namespace
}  // namespace sohoa::pipeline
