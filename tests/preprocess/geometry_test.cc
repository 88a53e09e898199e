#include <gtest/gtest.h>

#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "preprocess/page_cleaner.h"
#include "tests/preprocess/test_pages.h"
#include "tests/testing/fixtures.h"

namespace sohoa::preprocess {
namespace {

using test_pages::RenderGreyPage;
using testing::SkewPage;

constexpr double kDpi = 200;
constexpr double kMaxError = 0.1;

// A full page: the sample directive three times over.
const cv::Mat& FullPage() {
  static const cv::Mat page = test_pages::DirectivePage(kDpi);
  return page;
}

TEST(EstimateGeometryTest, FindsSkewAcrossTheRange) {
  for (double skew : {-14.6, -9.3, -4.33, -2.35, -0.45, 0.0, 0.27, 1.94, 3.73, 7.19, 12.4, 14.8}) {
    const PageGeometry geometry = EstimateGeometry(SkewPage(FullPage(), skew), kDpi);
    EXPECT_NEAR(geometry.skew_degrees, skew, kMaxError) << "true skew " << skew;
    EXPECT_FALSE(geometry.text_runs_vertically) << "true skew " << skew;
    EXPECT_GT(geometry.score, 1.0);
  }
}

TEST(EstimateGeometryTest, SidewaysPagesKeepTheUprightSkew) {
  for (int turn : {90, 270}) {
    for (double skew : {-3.1, 0.8, 6.2}) {
      const cv::Mat scan = RotateQuadrant(SkewPage(FullPage(), skew), turn);
      const PageGeometry geometry = EstimateGeometry(scan, kDpi);
      EXPECT_TRUE(geometry.text_runs_vertically) << turn << " " << skew;
      EXPECT_NEAR(geometry.skew_degrees, skew, kMaxError) << turn << " " << skew;
    }
  }
}

TEST(EstimateGeometryTest, UpsideDownIsStillHorizontal) {
  const PageGeometry geometry =
      EstimateGeometry(RotateQuadrant(SkewPage(FullPage(), 2.5), 180), kDpi);
  EXPECT_FALSE(geometry.text_runs_vertically);
  EXPECT_NEAR(geometry.skew_degrees, 2.5, kMaxError);
}

TEST(EstimateGeometryTest, ShortPage) {
  const cv::Mat page =
      RenderGreyPage({"QUYẾT ĐỊNH", "Về việc ban hành kế hoạch chuyển đổi số năm 2025",
                      "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số."},
                     kDpi);
  for (double skew : {-6.0, 1.3}) {
    EXPECT_NEAR(EstimateGeometry(SkewPage(page, skew), kDpi).skew_degrees, skew, kMaxError);
  }
}

// Scanner bed on three sides, a ruled table, a dark photo and a grey seal ring, all
// drawn before the skew as they would be on the sheet.
TEST(EstimateGeometryTest, RobustToBordersTablesPhotosAndSeals) {
  cv::Mat sheet = FullPage().clone();
  const int mm = static_cast<int>(kDpi / 25.4);
  cv::Rect table(25 * mm, 200 * mm, 150 * mm, 60 * mm);
  for (int r = 0; r <= 4; ++r) {
    cv::line(sheet, {table.x, table.y + r * 15 * mm}, {table.br().x, table.y + r * 15 * mm}, 0, 3);
  }
  for (int c = 0; c <= 3; ++c) {
    cv::line(sheet, {table.x + c * 50 * mm, table.y}, {table.x + c * 50 * mm, table.br().y}, 0, 3);
  }
  cv::Mat photo = sheet(cv::Rect(120 * mm, 30 * mm, 60 * mm, 45 * mm));
  cv::randu(photo, 0, 160);
  cv::GaussianBlur(photo, photo, {0, 0}, 3);
  cv::circle(sheet, {150 * mm, 150 * mm}, 20 * mm, 90, mm);
  for (double skew : {-5.4, 2.2}) {
    cv::Mat scan = SkewPage(sheet, skew);
    cv::Mat bed(scan.rows + 30 * mm, scan.cols + 20 * mm, CV_8UC1, cv::Scalar(30));
    scan.copyTo(bed(cv::Rect(12 * mm, 18 * mm, scan.cols, scan.rows)));
    bed = bed(cv::Rect(0, 0, bed.cols - 8 * mm, bed.rows)).clone();  // right side cut: 3 sides
    const PageGeometry geometry = EstimateGeometry(bed, kDpi);
    EXPECT_NEAR(geometry.skew_degrees, skew, kMaxError);
    EXPECT_FALSE(geometry.text_runs_vertically);
  }
}

TEST(EstimateGeometryTest, RedSealOnColourScan) {
  cv::Mat colour;
  cv::cvtColor(FullPage(), colour, cv::COLOR_GRAY2BGR);
  const int mm = static_cast<int>(kDpi / 25.4);
  cv::circle(colour, {140 * mm, 120 * mm}, 20 * mm, cv::Scalar(40, 40, 210), mm + 1);
  cv::circle(colour, {140 * mm, 120 * mm}, 14 * mm, cv::Scalar(40, 40, 210), mm / 2 + 1);
  const PageGeometry geometry = EstimateGeometry(SkewPage(colour, -1.7), kDpi);
  EXPECT_NEAR(geometry.skew_degrees, -1.7, kMaxError);
}

TEST(EstimateGeometryTest, BlankPageHasNoStructure) {
  cv::Mat blank(2339, 1654, CV_8UC1, cv::Scalar(235));
  cv::Mat noise(blank.size(), CV_8UC1);
  cv::randn(noise, 0, 6);
  blank += noise;
  const PageGeometry geometry = EstimateGeometry(blank, kDpi);
  EXPECT_LT(geometry.score, 0.5);
}

TEST(RotateQuadrantTest, TurnsClockwise) {
  cv::Mat image = (cv::Mat_<uint8_t>(2, 3) << 1, 2, 3, 4, 5, 6);
  cv::Mat turned = RotateQuadrant(image, 90);
  ASSERT_EQ(turned.size(), cv::Size(2, 3));
  EXPECT_EQ(turned.at<uint8_t>(0, 0), 4);  // bottom-left goes to top-left
  EXPECT_EQ(turned.at<uint8_t>(0, 1), 1);
  EXPECT_EQ(RotateQuadrant(image, -90).at<uint8_t>(0, 0), 3);
  EXPECT_EQ(RotateQuadrant(image, 180).at<uint8_t>(0, 0), 6);
  EXPECT_EQ(cv::norm(RotateQuadrant(image, 360), image), 0);
}

}  // namespace
}  // namespace sohoa::preprocess
