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

// A crop of yellowed paper (the brighter half) holding print with the scanner's yellow cast in
// its dark core, a blue pen stroke and a red stamp's stroke.
cv::Mat YellowedCrop() {
  cv::Mat bgr(10, 10, CV_8UC3, cv::Scalar(201, 226, 228));
  bgr.at<cv::Vec3b>(0, 0) = {5, 24, 27};     // print's core: chroma 22 of 27
  bgr.at<cv::Vec3b>(0, 1) = {59, 80, 86};    // print's rim
  bgr.at<cv::Vec3b>(0, 2) = {170, 60, 30};   // blue pen
  bgr.at<cv::Vec3b>(0, 3) = {40, 40, 200};   // red stamp
  bgr.at<cv::Vec3b>(0, 4) = {120, 40, 130};  // violet pen
  return bgr;
}

TEST(InkColourTest, PaperTintIsNotCountedAsColour) {
  const cv::Mat bgr = YellowedCrop();
  cv::Mat brightest;
  const cv::Mat chroma = ChromaOffPaperTint(bgr, &brightest);
  ASSERT_EQ(chroma.type(), CV_8UC1);
  // The print's cast and the paper itself lean the paper's way: little chroma is left.
  EXPECT_LE(chroma.at<uchar>(0, 0), 5);
  EXPECT_LE(chroma.at<uchar>(0, 1), 5);
  EXPECT_LE(chroma.at<uchar>(5, 5), 2);
  // Pens and stamps lean elsewhere and stay strongly coloured.
  EXPECT_GE(chroma.at<uchar>(0, 2), 130);
  EXPECT_GE(chroma.at<uchar>(0, 3), 120);
  EXPECT_GE(chroma.at<uchar>(0, 4), 80);
  // The plain chroma of the print's core is as large a share of its brightest channel as a
  // pen's: what the tint-free chroma is for.
  EXPECT_EQ(Chroma(bgr).at<uchar>(0, 0), 22);
  EXPECT_EQ(brightest.at<uchar>(0, 0), 27);
  EXPECT_EQ(brightest.at<uchar>(0, 2), 170);
}

TEST(InkColourTest, OnGreyPaperTintFreeChromaIsChroma) {
  cv::Mat bgr(10, 10, CV_8UC3, cv::Scalar(235, 235, 236));
  bgr.at<cv::Vec3b>(0, 0) = {5, 24, 27};
  bgr.at<cv::Vec3b>(0, 1) = {170, 60, 30};
  EXPECT_EQ(cv::countNonZero(ChromaOffPaperTint(bgr) != Chroma(bgr)), 0);
}

// Black print (level 30) and a stamp's ink scanned grey (level 140) on paper (230): the core
// is the print's level, Otsu's cut lies between the inks and the paper, and halfway between
// the two the stamp is lighter than the cut.
TEST(InkColourTest, InkLevelsSplitDarkPrintFromPaleStampInk) {
  cv::Mat grey(100, 100, CV_8UC1, cv::Scalar(230));
  grey(cv::Rect(0, 0, 100, 10)).setTo(30);
  grey(cv::Rect(0, 10, 100, 10)).setTo(140);
  const std::optional<InkLevels> levels = InkLevelsOf(grey);
  ASSERT_TRUE(levels.has_value());
  EXPECT_EQ(levels->core, 30);
  EXPECT_GE(levels->otsu_cut, 140);
  EXPECT_LT(levels->otsu_cut, 230);
  EXPECT_LT(levels->core + (levels->otsu_cut - levels->core) * kDarkestInkShare, 140);
  EXPECT_FALSE(InkLevelsOf(cv::Mat(20, 20, CV_8UC1, cv::Scalar(230))).has_value());
}

}  // namespace
}  // namespace sohoa::ocr
