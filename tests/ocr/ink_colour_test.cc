#include "ocr/ink_colour.h"

#include <gtest/gtest.h>

namespace sohoa::ocr {
namespace {

// Blue pen, black print, yellowed paper: the pen's chroma is large, the others' small.
TEST(InkColourTest, ChromaAndBrightestChannel) {
  cv::Mat bgr(1, 3, CV_8UC3);
  bgr.at<cv::Vec3b>(0, 0) = {170, 60, 30};    // blue pen
  bgr.at<cv::Vec3b>(0, 1) = {25, 25, 30};     // black print
  bgr.at<cv::Vec3b>(0, 2) = {200, 235, 240};  // yellowed paper
  cv::Mat brightest;
  const cv::Mat chroma = Chroma(bgr, &brightest);
  ASSERT_EQ(chroma.type(), CV_8UC1);
  EXPECT_EQ(chroma.at<uchar>(0, 0), 140);
  EXPECT_EQ(chroma.at<uchar>(0, 1), 5);
  EXPECT_EQ(chroma.at<uchar>(0, 2), 40);
  EXPECT_EQ(brightest.at<uchar>(0, 0), 170);
  EXPECT_EQ(brightest.at<uchar>(0, 2), 240);
  EXPECT_EQ(cv::countNonZero(Chroma(bgr) != chroma), 0);
}

}  // namespace
}  // namespace sohoa::ocr
