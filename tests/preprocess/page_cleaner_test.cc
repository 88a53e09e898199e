#include "preprocess/page_cleaner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "preprocess/steps.h"
#include "tests/preprocess/test_pages.h"
#include "tests/testing/fixtures.h"

namespace sohoa::preprocess {
namespace {

cv::Point2d Map(const Affine2D& a, cv::Point2d p) {
  return {a[0] * p.x + a[1] * p.y + a[2], a[3] * p.x + a[4] * p.y + a[5]};
}

// Centroid (pixel-index coordinates) of the dark pixels within `radius` of `around`.
cv::Point2d DarkCentroid(const cv::Mat& grey, cv::Point2d around, int radius) {
  const cv::Rect window =
      cv::Rect(static_cast<int>(around.x) - radius, static_cast<int>(around.y) - radius,
               2 * radius + 1, 2 * radius + 1) &
      cv::Rect(0, 0, grey.cols, grey.rows);
  double sum_x = 0, sum_y = 0, sum_w = 0;
  for (int y = window.y; y < window.br().y; ++y) {
    for (int x = window.x; x < window.br().x; ++x) {
      const double w = std::max(0, 200 - grey.at<uint8_t>(y, x));
      sum_x += w * x;
      sum_y += w * y;
      sum_w += w;
    }
  }
  if (sum_w == 0) return {-1e9, -1e9};
  return {sum_x / sum_w, sum_y / sum_w};
}

// Dots 2 mm across at known places on a white sheet, with a margin of text for realism.
struct DottedSheet {
  cv::Mat image;
  std::vector<cv::Point2d> dots;  // pixel-index centres
};

DottedSheet MakeDottedSheet(double dpi) {
  DottedSheet sheet{test_pages::RenderGreyPage({"Số: 1523/QĐ-UBND"}, dpi), {}};
  const double mm = dpi / 25.4;
  for (cv::Point2d at_mm : {cv::Point2d(30, 60), cv::Point2d(180, 70), cv::Point2d(105, 150),
                            cv::Point2d(40, 270), cv::Point2d(170, 260)}) {
    const cv::Point2d centre = at_mm * mm;
    // Drawn with sub-pixel precision so the true centre is known exactly.
    constexpr int kShift = 8;
    cv::circle(sheet.image,
               cv::Point(static_cast<int>(std::lround(centre.x * (1 << kShift))),
                         static_cast<int>(std::lround(centre.y * (1 << kShift)))),
               static_cast<int>(std::lround(1.0 * mm * (1 << kShift))), cv::Scalar(0), cv::FILLED,
               cv::LINE_AA, kShift);
    sheet.dots.push_back(centre);
  }
  return sheet;
}

void ExpectDotsLandWhereTheAffineSays(double source_dpi, double target_dpi, int orientation,
                                      double skew) {
  const DottedSheet sheet = MakeDottedSheet(source_dpi);
  CleanOptions options;
  options.target_dpi = target_dpi;
  Result<CleanPage> page = CleanForOcr(sheet.image, source_dpi, orientation, skew, options);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  const double tolerance = 0.35 * std::max(1.0, target_dpi / source_dpi);
  for (const cv::Point2d& dot : sheet.dots) {
    // Pixel-index centre -> continuous -> affine -> pixel index.
    const cv::Point2d mapped =
        Map(page->source_to_upright, dot + cv::Point2d(0.5, 0.5)) - cv::Point2d(0.5, 0.5);
    const cv::Point2d found = DarkCentroid(page->image, mapped, static_cast<int>(target_dpi / 8));
    EXPECT_NEAR(found.x, mapped.x, tolerance)
        << source_dpi << "->" << target_dpi << " turn " << orientation << " skew " << skew;
    EXPECT_NEAR(found.y, mapped.y, tolerance)
        << source_dpi << "->" << target_dpi << " turn " << orientation << " skew " << skew;
  }
}

TEST(CleanForOcrTest, AffineMapsSourcePointsOntoTheCleanImage) {
  ExpectDotsLandWhereTheAffineSays(300, 300, 0, 0);
  ExpectDotsLandWhereTheAffineSays(300, 300, 0, 4.5);
  ExpectDotsLandWhereTheAffineSays(300, 300, 90, -2.2);
  ExpectDotsLandWhereTheAffineSays(150, 300, 270, 7.0);  // upscaled inside the warp
  ExpectDotsLandWhereTheAffineSays(200, 300, 180, 0);    // exact turn, then resample
  ExpectDotsLandWhereTheAffineSays(400, 300, 90, 1.3);   // downscaled before cleaning
  ExpectDotsLandWhereTheAffineSays(400, 300, 270, 0);
}

// The manifest's convention: a page fed turned clockwise by `orientation` is turned back.
TEST(CleanForOcrTest, TurnsFedRotatedPagesUpright) {
  const cv::Mat upright = test_pages::RenderGreyPage(sohoa::testing::SampleDirectiveLines(), 100);
  CleanOptions options;
  options.target_dpi = 100;
  for (int orientation : {90, 180, 270}) {
    Result<CleanPage> page =
        CleanForOcr(RotateQuadrant(upright, orientation), 100, orientation, 0, options);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->image.size(), upright.size()) << orientation;
    cv::Mat difference;
    cv::absdiff(page->image, upright, difference);
    // Cleaning whitens and stretches levels; the print must coincide.
    EXPECT_LT(cv::mean(difference)[0], 2.0) << orientation;
  }
}

TEST(CleanForOcrTest, OutputGeometryAndDeskewedSize) {
  const cv::Mat sheet(3508, 2480, CV_8UC1, cv::Scalar(255));
  CleanOptions options;
  Result<CleanPage> turned = CleanForOcr(sheet, 300, 90, 0, options);
  ASSERT_TRUE(turned.ok());
  EXPECT_EQ(turned->image.size(), cv::Size(3508, 2480));
  EXPECT_EQ(turned->image.type(), CV_8UC1);
  EXPECT_EQ(turned->orientation_degrees, 90);

  Result<CleanPage> skewed = CleanForOcr(sheet, 300, 0, 3.0, options);
  ASSERT_TRUE(skewed.ok());
  const double r = 3.0 * M_PI / 180;
  EXPECT_NEAR(skewed->image.cols, 2480 * std::cos(r) + 3508 * std::sin(r), 1.0);
  EXPECT_NEAR(skewed->image.rows, 2480 * std::sin(r) + 3508 * std::cos(r), 1.0);
  EXPECT_DOUBLE_EQ(skewed->skew_degrees, 3.0);
  // The corners the canvas grew into are paper, not black.
  EXPECT_EQ(skewed->image.at<uint8_t>(0, 0), 255);

  options.target_dpi = 150;
  Result<CleanPage> half = CleanForOcr(sheet, 300, 0, 0, options);
  ASSERT_TRUE(half.ok());
  EXPECT_EQ(half->image.size(), cv::Size(1240, 1754));
  EXPECT_EQ(half->dpi, 150);
}

TEST(CleanForOcrTest, RejectsBadInput) {
  const cv::Mat sheet(100, 80, CV_8UC1, cv::Scalar(255));
  EXPECT_EQ(CleanForOcr(cv::Mat(), 300, 0, 0, {}).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(CleanForOcr(sheet, 0, 0, 0, {}).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(CleanForOcr(sheet, 300, 45, 0, {}).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(CleanForOcr(sheet, 300, 0, NAN, {}).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(CleanForOcr(cv::Mat(10, 10, CV_32F), 300, 0, 0, {}).status().code(),
            StatusCode::kUnsupported);
}

// A page with the troubles of a real scan, and the text region it holds.
struct TroubledPage {
  cv::Mat image;  // BGR
  cv::Rect text;  // where the print is
  cv::Rect seal;  // red ring, drawn clear of the print
  cv::Rect bed;   // dark scanner bed strip at the left edge
  cv::Point speck;
};

TroubledPage MakeTroubledPage(double dpi, int ink_grey) {
  const double mm = dpi / 25.4;
  cv::Mat grey = test_pages::RenderGreyPage(sohoa::testing::SampleDirectiveLines(), dpi);
  // Print at `ink_grey` instead of black.
  grey.convertTo(grey, CV_8U, (255.0 - ink_grey) / 255.0, ink_grey);
  TroubledPage page;
  page.text = cv::Rect(static_cast<int>(25 * mm), static_cast<int>(25 * mm),
                       static_cast<int>(150 * mm), static_cast<int>(95 * mm));
  cv::cvtColor(grey, page.image, cv::COLOR_GRAY2BGR);
  // Yellowed paper with illumination falling off to the right.
  cv::Mat paper(page.image.size(), CV_32FC3);
  for (int x = 0; x < paper.cols; ++x) {
    const float light = 1.0f - 0.3f * x / paper.cols;
    paper.col(x).setTo(cv::Scalar(0.72 * light, 0.9 * light, 0.95 * light));
  }
  page.image.convertTo(page.image, CV_32FC3);
  cv::multiply(page.image, paper, page.image);
  page.image.convertTo(page.image, CV_8UC3);
  const cv::Point seal_centre(static_cast<int>(150 * mm), static_cast<int>(200 * mm));
  cv::circle(page.image, seal_centre, static_cast<int>(20 * mm), cv::Scalar(50, 40, 200),
             static_cast<int>(1.2 * mm), cv::LINE_AA);
  page.seal = cv::Rect(seal_centre.x - 21 * mm, seal_centre.y - 21 * mm, 42 * mm, 42 * mm);
  page.bed = cv::Rect(0, 0, static_cast<int>(6 * mm), page.image.rows);
  page.image(page.bed).setTo(cv::Scalar::all(25));
  page.speck = cv::Point(static_cast<int>(100 * mm), static_cast<int>(250 * mm));
  cv::circle(page.image, page.speck, 2, cv::Scalar::all(30), cv::FILLED);
  return page;
}

// Share of pixels darker than `level`, and the 1st percentile of the region.
double DarkShare(const cv::Mat& grey, int level) {
  return cv::countNonZero(grey < level) / static_cast<double>(grey.total());
}

TEST(CleanForOcrTest, FadesSealsWhitensPaperAndBedKeepsPrint) {
  const TroubledPage page = MakeTroubledPage(300, 20);
  CleanOptions options;
  Result<CleanPage> clean = CleanForOcr(page.image, 300, 0, 0, options);
  ASSERT_TRUE(clean.ok());
  const cv::Mat& out = clean->image;
  // Paper (bright and dim side alike) is white.
  EXPECT_GE(cv::mean(out(cv::Rect(300, 3000, 200, 200)))[0], 250);
  EXPECT_GE(cv::mean(out(cv::Rect(2000, 3000, 200, 200)))[0], 250);
  // The seal's ring is nearly gone; the bed strip and the speck are paper.
  EXPECT_LT(DarkShare(out(page.seal), 160), 0.001);
  EXPECT_LT(DarkShare(out(page.bed), 200), 0.001);
  EXPECT_EQ(out.at<uint8_t>(page.speck), 255);
  // Print stays: as much dark ink as a clean render of the same text.
  const cv::Mat reference = test_pages::RenderGreyPage(sohoa::testing::SampleDirectiveLines(), 300);
  const double reference_ink = DarkShare(reference(page.text), 128);
  EXPECT_NEAR(DarkShare(out(page.text), 128), reference_ink, 0.15 * reference_ink);
  for (const std::string& note : clean->notes) std::printf("  note: %s\n", note.c_str());
}

TEST(CleanForOcrTest, RecoversFaintPrint) {
  const TroubledPage page = MakeTroubledPage(300, 130);
  Result<CleanPage> clean = CleanForOcr(page.image, 300, 0, 0, {});
  ASSERT_TRUE(clean.ok());
  const cv::Mat reference = test_pages::RenderGreyPage(sohoa::testing::SampleDirectiveLines(), 300);
  const double reference_ink = DarkShare(reference(page.text), 128);
  // Faint toner at grey 130 (before the paper tint) comes back to a black core.
  EXPECT_NEAR(DarkShare(clean->image(page.text), 128), reference_ink, 0.25 * reference_ink);
  EXPECT_GT(DarkShare(clean->image(page.text), 40), 0.3 * reference_ink);
}

TEST(CleanForOcrTest, KeepsDiacriticsRemovesIsolatedSpecks) {
  cv::Mat grey = test_pages::RenderGreyPage(sohoa::testing::SampleDirectiveLines(), 300);
  const cv::Mat before = grey.clone();
  // Dust of 1-4 px radius (what the corpus scatters), at least 3 mm apart.
  cv::RNG rng(7);
  cv::Mat specks = grey.clone();
  int drawn = 0;
  for (int y = 1650; y < 3400; y += 40) {
    for (int x = 100; x < 2380; x += 160) {
      cv::circle(specks, {x + rng.uniform(0, 100), y}, rng.uniform(1, 5), 20, cv::FILLED);
      ++drawn;
    }
  }
  const int removed = internal::RemoveIsolatedSpecks(specks, 300);
  EXPECT_EQ(removed, drawn);
  EXPECT_EQ(DarkShare(specks(cv::Rect(0, 1600, 2480, 1900)), 200), 0);
  // The rendered text (with its dots and tone marks) is untouched.
  EXPECT_EQ(cv::norm(specks(cv::Rect(0, 0, 2480, 1500)), before(cv::Rect(0, 0, 2480, 1500)),
                     cv::NORM_INF),
            0);
}

}  // namespace
}  // namespace sohoa::preprocess
