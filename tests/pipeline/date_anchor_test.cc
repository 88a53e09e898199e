#include "pipeline/date_anchor.h"

#include <gtest/gtest.h>

#include <memory>
#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "pipeline/header_fields.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/header_words.h"

namespace sohoa::pipeline {
namespace {

constexpr int kFontPx = 54;  // 13 pt at 300 dpi
constexpr int kBaseline = 400;

// A date row 'Quảng Ninh, ngày 17 tháng 01 năm 2025' whose day was written in pen against the
// printed 'ngày', and the words of a page pass that lost both ('Quảng Ninh, tháng 01 năm
// 2025'). `pen_left` and `ngay_right` are where the pen's ink begins and the print's ends.
struct LostAnchorRow {
  cv::Mat image;
  PageText words;
  int ngay_right = 0;
  int pen_left = 0;
};

LostAnchorRow RenderLostAnchorRow(bool grey) {
  LostAnchorRow row;
  cv::Mat canvas(1200, 2480, CV_8UC3, cv::Scalar::all(255));
  cv::Ptr<cv::freetype::FreeType2> font = cv::freetype::createFreeType2();
  font->loadFontData(testing::VietnameseFontPath(), 0);
  row.words.width_px = canvas.cols;
  row.words.height_px = canvas.rows;
  row.words.dpi = 300;
  std::vector<Word> words;
  auto width_of = [&](const std::string& text) {
    int baseline = 0;
    return font->getTextSize(text, kFontPx, -1, &baseline).width;
  };
  // Draws `text` from x; when `read`, its words join the page pass's line.
  auto write = [&](const std::string& text, int x, bool read) {
    font->putText(canvas, text, {x, kBaseline}, kFontPx, cv::Scalar::all(0), -1, cv::LINE_AA, true);
    if (!read) return;
    for (Word& word : testing::PrintedWords(text, x, kBaseline, kFontPx, width_of)) {
      words.push_back(std::move(word));
    }
  };
  const int place_left = 1100;
  write("Quảng Ninh,", place_left, true);
  const int ngay_left = place_left + width_of("Quảng Ninh, ");
  write("ngày", ngay_left, false);
  row.ngay_right = ngay_left + width_of("ngày");
  row.pen_left = row.ngay_right + 4;
  cv::putText(canvas, "17", {row.pen_left, kBaseline}, cv::FONT_HERSHEY_SCRIPT_SIMPLEX, 1.9,
              cv::Scalar(190, 70, 20), 4, cv::LINE_AA);
  write("tháng 01 năm 2025", row.pen_left + 110, true);
  row.words.lines.push_back(testing::MakeLine(std::move(words)));
  if (grey) {
    cv::cvtColor(canvas, row.image, cv::COLOR_BGR2GRAY);
  } else {
    row.image = canvas;
  }
  return row;
}

void ExpectAnchorRecovered(bool grey) {
  LostAnchorRow row = RenderLostAnchorRow(grey);
  const HeaderSlots before = FindHeaderSlots(row.words);
  ASSERT_TRUE(before.day.has_value());
  ASSERT_TRUE(before.day->anchor_unread);
  // Cut left of 'tháng' without an anchor, the slot holds the printed 'ngày' too.
  ASSERT_LT(before.day->box.left, row.ngay_right - kFontPx);
  Result<std::unique_ptr<ocr::OcrEngine>> engine = ocr::OcrEngine::Create({});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  ASSERT_TRUE(RecoverDayAnchor(row.image, **engine, &row.words)) << row.words.PlainText();
  const HeaderSlots after = FindHeaderSlots(row.words);
  ASSERT_TRUE(after.day.has_value()) << row.words.PlainText();
  EXPECT_FALSE(after.day->anchor_unread) << row.words.PlainText();
  // Now the slot begins between the print and the pen.
  EXPECT_GE(after.day->box.left, row.ngay_right - 8) << row.words.PlainText();
  EXPECT_LE(after.day->box.left, row.pen_left + 8) << row.words.PlainText();
  // A second call finds the anchor there and reads nothing again.
  EXPECT_FALSE(RecoverDayAnchor(row.image, **engine, &row.words));
  // The day is read from the slot alone, and the row reads whole.
  RereadHeaderFields(row.image, **engine, &row.words);
  EXPECT_NE(row.words.PlainText().find("ngày 17 tháng 01 năm 2025"), std::string::npos)
      << row.words.PlainText();
}

TEST(DateAnchorTest, RecoversAnchorLostBesideAPenDayInColour) { ExpectAnchorRecovered(false); }
TEST(DateAnchorTest, RecoversAnchorLostBesideAPenDayInGrey) { ExpectAnchorRecovered(true); }

// With no image to read, nothing changes.
TEST(DateAnchorTest, NothingWithoutAScan) {
  LostAnchorRow row = RenderLostAnchorRow(true);
  Result<std::unique_ptr<ocr::OcrEngine>> engine = ocr::OcrEngine::Create({});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  EXPECT_FALSE(RecoverDayAnchor(cv::Mat(), **engine, &row.words));
  EXPECT_TRUE(FindHeaderSlots(row.words).day->anchor_unread);
}

}  // namespace
}  // namespace sohoa::pipeline
