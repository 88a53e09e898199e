#include "ocr/rule_lines.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace sohoa::ocr {
namespace {

// A stamp frame's edge, 3 px thick and tilted a degree, through a stroke that crosses it and
// beside one that ends on it (a '5's top bar), as 255 on 0.
struct RuledCrop {
  cv::Mat ink = cv::Mat::zeros(80, 300, CV_8UC1);
  RuledCrop() {
    cv::line(ink, {10, 40}, {290, 45}, cv::Scalar(255), 3);
    cv::rectangle(ink, cv::Rect(100, 15, 5, 50), cv::Scalar(255), cv::FILLED);  // crosses
    cv::rectangle(ink, cv::Rect(200, 15, 5, 29), cv::Scalar(255), cv::FILLED);  // ends on it
  }
};

TEST(RuleLinesTest, TakesOutTheRuleAndKeepsTheStrokeThatCrossesIt) {
  const RuledCrop crop;
  const cv::Mat kept = WithoutRules(crop.ink, 60);
  // Nothing of the rule away from the strokes.
  EXPECT_EQ(cv::countNonZero(kept.colRange(10, 95)), 0);
  EXPECT_EQ(cv::countNonZero(kept.colRange(110, 195)), 0);
  EXPECT_EQ(cv::countNonZero(kept.colRange(210, 300)), 0);
  // The crossing stroke is one piece again, as tall as it was drawn.
  cv::Mat labels;
  const cv::Mat crossing = kept.colRange(95, 110);
  EXPECT_EQ(cv::connectedComponents(crossing, labels, 8) - 1, 1);
  const cv::Rect crossing_box = cv::boundingRect(crossing);
  EXPECT_EQ(crossing_box.y, 15);
  EXPECT_EQ(crossing_box.height, 50);
  // The stroke ending on the rule keeps its own pixels, not the rule's below it.
  const cv::Rect ending_box = cv::boundingRect(kept.colRange(195, 210));
  EXPECT_EQ(ending_box.y, 15);
  EXPECT_GE(ending_box.y + ending_box.height, 38);
  EXPECT_LE(ending_box.y + ending_box.height, 42);
}

// A pen '2' written on the rule: its foot lies along it, a row or two above and below the
// rule's edges. The foot is the digit's and stays whole; the rule either side of it goes.
TEST(RuleLinesTest, KeepsTheFootOfADigitWrittenAlongTheRule) {
  RuledCrop crop;
  cv::line(crop.ink, {165, 12}, {132, 40}, cv::Scalar(255), 5);                    // diagonal
  cv::rectangle(crop.ink, cv::Rect(130, 39, 35, 6), cv::Scalar(255), cv::FILLED);  // foot
  const cv::Mat kept = WithoutRules(crop.ink, 60);
  for (int x = 133; x < 162; ++x) {
    const cv::Rect foot = cv::boundingRect(kept(cv::Rect(x, 30, 1, 20)));
    EXPECT_LE(foot.y + 30, 39) << "column " << x;
    EXPECT_GE(foot.y + 30 + foot.height, 44) << "column " << x;
  }
  EXPECT_EQ(cv::countNonZero(kept.colRange(110, 125)), 0);
  EXPECT_EQ(cv::countNonZero(kept.colRange(170, 195)), 0);
}

TEST(RuleLinesTest, RunsShorterThanTheRuleLengthStay) {
  const RuledCrop crop;
  // Rules are 280 px long here; asking for longer ones leaves the ink as it was.
  const cv::Mat kept = WithoutRules(crop.ink, 290);
  EXPECT_EQ(cv::countNonZero(kept != crop.ink), 0);
  // Nor is a rule of one pixel's length any rule.
  EXPECT_EQ(cv::countNonZero(WithoutRules(crop.ink, 1) != crop.ink), 0);
  // A crop no wider than the rule length is returned whole.
  const cv::Mat narrow = crop.ink.colRange(0, 50);
  EXPECT_EQ(cv::countNonZero(WithoutRules(narrow, 50) != narrow), 0);
}

// A stamp pressed askew: its frame's edge crosses the crop tilted 9 degrees, past the level
// rules' 4 (at a 60 px rule length a 3 px line is caught up to about 7). It runs longer than
// twice the crop's height and goes; a stroke as steep but only as long as a pen digit's bar
// (under twice the height) stays.
TEST(RuleLinesTest, TakesOutAFrameEdgeTiltedPastTheLevelRulesOnlyWhenItIsLong) {
  cv::Mat ink = cv::Mat::zeros(80, 400, CV_8UC1);
  cv::line(ink, {0, 5}, {399, 68}, cv::Scalar(255), 3);
  cv::rectangle(ink, cv::Rect(200, 5, 5, 70), cv::Scalar(255), cv::FILLED);  // crosses it
  const cv::Mat kept = WithoutRules(ink, 60);
  EXPECT_EQ(cv::countNonZero(kept.colRange(0, 190)), 0);
  EXPECT_EQ(cv::countNonZero(kept.colRange(215, 400)), 0);
  const cv::Rect crossing_box = cv::boundingRect(kept.colRange(190, 215));
  EXPECT_EQ(crossing_box.y, 5);
  EXPECT_EQ(crossing_box.height, 70);

  cv::Mat bar = cv::Mat::zeros(80, 400, CV_8UC1);
  cv::line(bar, {100, 30}, {248, 56}, cv::Scalar(255), 3);  // 150 px, under 160
  EXPECT_EQ(cv::countNonZero(WithoutRules(bar, 60) != bar), 0);
}

}  // namespace
}  // namespace sohoa::ocr
