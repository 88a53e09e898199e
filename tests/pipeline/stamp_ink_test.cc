#include "pipeline/stamp_ink.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace sohoa::pipeline {
namespace {

// Ink as a stamp's frame leaves it after thresholding: long runs, short runs, specks, and
// runs that touch the image's sides.
cv::Mat FramedInk(int rows, int cols, unsigned seed) {
  cv::RNG random(seed);
  cv::Mat ink = cv::Mat::zeros(rows, cols, CV_8UC1);
  cv::randu(ink, 0, 256);
  ink = ink > 200;  // specks and short runs
  for (int i = 0; i < 12; ++i) {
    const cv::Point from(random.uniform(-20, cols + 20), random.uniform(-20, rows + 20));
    const cv::Point to(random.uniform(-20, cols + 20), random.uniform(-20, rows + 20));
    cv::line(ink, from, to, cv::Scalar(255), random.uniform(1, 4));
  }
  cv::rectangle(ink, {0, 5, cols, 3}, cv::Scalar(255), cv::FILLED);  // across the whole width
  cv::rectangle(ink, {0, 0, 3, rows}, cv::Scalar(255), cv::FILLED);  // down the whole height
  return ink;
}

TEST(StampInkTest, OpeningAlongRunsIsOpenCvsOpeningPixelForPixel) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const cv::Mat ink = FramedInk(173, 311, seed);
    for (int length : {1, 2, 5, 8, 37, 60, 189, 311, 400}) {
      cv::Mat across, down;
      cv::morphologyEx(ink, across, cv::MORPH_OPEN,
                       cv::getStructuringElement(cv::MORPH_RECT, {length, 1}));
      cv::morphologyEx(ink, down, cv::MORPH_OPEN,
                       cv::getStructuringElement(cv::MORPH_RECT, {1, length}));
      EXPECT_EQ(cv::countNonZero(internal::OpenedAlongRuns(ink, length, true) != across), 0)
          << "rows, length " << length << ", seed " << seed;
      EXPECT_EQ(cv::countNonZero(internal::OpenedAlongRuns(ink, length, false) != down), 0)
          << "columns, length " << length << ", seed " << seed;
    }
  }
}

// What the opening is for: a frame's side stays, the letters' strokes go.
TEST(StampInkTest, OpeningAlongRunsKeepsARuleAndDropsLetters) {
  cv::Mat ink = cv::Mat::zeros(60, 400, CV_8UC1);
  cv::rectangle(ink, {10, 39, 381, 2}, cv::Scalar(255), cv::FILLED);
  cv::putText(ink, "SO 47", {20, 30}, cv::FONT_HERSHEY_SIMPLEX, 0.9, cv::Scalar(255), 2);
  const cv::Mat kept = internal::OpenedAlongRuns(ink, 189, true);
  EXPECT_EQ(cv::countNonZero(kept.row(40)), 381);
  EXPECT_EQ(cv::countNonZero(kept(cv::Rect(0, 0, 400, 36))), 0);
}

}  // namespace
}  // namespace sohoa::pipeline
