#include <gtest/gtest.h>

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <string>

#include "preprocess/page_cleaner.h"
#include "preprocess/steps.h"
#include "tests/preprocess/test_pages.h"

namespace sohoa::preprocess {
namespace {

constexpr double kDpi = 300;

// A full directive page scanned 1-bit, as a grey image of 0 and 255.
cv::Mat BilevelPage() {
  cv::Mat page = test_pages::DirectivePage(kDpi);
  cv::threshold(page, page, 160, 255, cv::THRESH_BINARY);
  return page;
}

// A fold's black band, 16 px (1.4 mm) wide, down the whole sheet at column `x`.
void DrawFold(cv::Mat* page, int x) {
  cv::rectangle(*page, cv::Rect(x - 8, 0, 16, page->rows), cv::Scalar(0), cv::FILLED);
}

int DarkPixels(const cv::Mat& grey) { return cv::countNonZero(grey < 128); }

TEST(RemoveStreaksTest, WhitensAFoldDownThePageAndKeepsTheTextBesideIt) {
  const cv::Mat clean = BilevelPage();
  cv::Mat folded = clean.clone();
  const int x = folded.cols / 2 + 37;
  DrawFold(&folded, x);
  ASSERT_EQ(internal::RemoveStreaks(folded, kDpi), 1);
  // The band is paper again, but for the strokes of the letters it crossed.
  const cv::Rect band(x - 8, 0, 16, folded.rows);
  EXPECT_LT(DarkPixels(folded(band)), DarkPixels(clean(band)) + band.area() / 20);
  // Away from it nothing changed.
  const cv::Rect left(0, 0, x - 24, folded.rows),
      right(x + 24, 0, folded.cols - x - 24, folded.rows);
  EXPECT_EQ(cv::countNonZero(folded(left) != clean(left)), 0);
  EXPECT_EQ(cv::countNonZero(folded(right) != clean(right)), 0);
}

TEST(RemoveStreaksTest, KeepsTheStrokesALineCrosses) {
  cv::Mat page(3508, 2480, CV_8UC1, cv::Scalar(255));
  const int x = page.cols / 2;
  // A letter's bar running across the line, and one ending beside it on one side only.
  cv::rectangle(page, cv::Rect(x - 60, 1000, 120, 5), cv::Scalar(0), cv::FILLED);
  cv::rectangle(page, cv::Rect(x - 60, 1400, 50, 5), cv::Scalar(0), cv::FILLED);
  DrawFold(&page, x);
  ASSERT_EQ(internal::RemoveStreaks(page, kDpi), 1);
  EXPECT_EQ(DarkPixels(page(cv::Rect(x - 8, 1000, 16, 5))), 16 * 5);
  EXPECT_EQ(DarkPixels(page(cv::Rect(x - 8, 1400, 16, 5))), 0);
  EXPECT_EQ(DarkPixels(page(cv::Rect(x - 8, 2000, 16, 5))), 0);
}

TEST(RemoveStreaksTest, KeepsTableRulesAndLinesInTheMargins) {
  cv::Mat page = BilevelPage();
  // A table's rule, half the page long; a line in the left margin, 8 mm from the edge; a rule
  // under a heading.
  cv::rectangle(page, cv::Rect(1200, 800, 4, page.rows / 2), cv::Scalar(0), cv::FILLED);
  cv::rectangle(page, cv::Rect(94, 0, 4, page.rows), cv::Scalar(0), cv::FILLED);
  cv::rectangle(page, cv::Rect(400, 600, page.cols / 2, 4), cv::Scalar(0), cv::FILLED);
  const cv::Mat before = page.clone();
  EXPECT_EQ(internal::RemoveStreaks(page, kDpi), 0);
  EXPECT_EQ(cv::countNonZero(page != before), 0);
  // A streak across the page is taken like one down it.
  cv::rectangle(page, cv::Rect(0, page.rows / 3, page.cols, 6), cv::Scalar(0), cv::FILLED);
  EXPECT_EQ(internal::RemoveStreaks(page, kDpi), 1);
  // In the right margin nothing crosses it (the margin line on the left does, and stays).
  EXPECT_EQ(DarkPixels(page(cv::Rect(page.cols - 150, page.rows / 3, 100, 6))), 0);
  EXPECT_EQ(DarkPixels(page(cv::Rect(94, page.rows / 3, 4, 6))), 4 * 6);
}

// A fold whose band runs into the scanner bed at the sheet's foot is no bed: taken for one,
// it was whitened with the bed's margin and took the text beside it along.
TEST(FindEdgeDarkRegionsTest, AFoldRunningIntoTheBedIsNoBed) {
  cv::Mat page = BilevelPage();
  const int x = page.cols / 2 + 37;
  DrawFold(&page, x);
  cv::rectangle(page, cv::Rect(0, page.rows - 180, page.cols, 180), cv::Scalar(0), cv::FILLED);
  const internal::AnalysisCopy small = internal::MakeAnalysisCopy(page, kDpi);
  const double scale = small.image.cols / static_cast<double>(page.cols);
  const cv::Point fold_middle(static_cast<int>(x * scale), small.image.rows / 2);
  const cv::Point bed(small.image.cols / 3, small.image.rows - 5);
  const cv::Mat without = internal::FindEdgeDarkRegions(small, false);
  ASSERT_FALSE(without.empty());
  EXPECT_EQ(without.at<uint8_t>(bed), 255);
  EXPECT_EQ(without.at<uint8_t>(fold_middle), 0);
  // For the skew estimate the line is hidden too.
  const cv::Mat with = internal::FindEdgeDarkRegions(small, true);
  EXPECT_EQ(with.at<uint8_t>(fold_middle), 255);
  EXPECT_EQ(with.at<uint8_t>(bed), 255);
}

TEST(CleanForOcrTest, TakesAFoldAwayFromAOneBitScan) {
  const cv::Mat clean = BilevelPage();
  cv::Mat folded = clean.clone();
  const int x = folded.cols / 2 + 37;
  DrawFold(&folded, x);
  Result<CleanPage> page = CleanForOcr(folded, kDpi, 0, 0, CleanOptions{});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_NE(std::find(page->notes.begin(), page->notes.end(), "streaks across the page removed: 1"),
            page->notes.end());
  // No column of the band stays dark down the page, and the text beside it is all there.
  const cv::Rect band(x - 8, 0, 16, page->image.rows);
  cv::Mat column_ink;
  cv::reduce(page->image(band) < 128, column_ink, 0, cv::REDUCE_SUM, CV_32S);
  double most = 0;
  cv::minMaxLoc(column_ink, nullptr, &most);
  EXPECT_LT(most / 255, page->image.rows / 10);
  const cv::Rect left(0, 0, x - 24, clean.rows);
  EXPECT_NEAR(DarkPixels(page->image(left)), DarkPixels(clean(left)), DarkPixels(clean(left)) / 50);
}

}  // namespace
}  // namespace sohoa::preprocess
