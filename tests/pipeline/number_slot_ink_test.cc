#include "pipeline/number_slot_ink.h"

#include <gtest/gtest.h>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/testing/hand_filled_header.h"

namespace sohoa::pipeline {
namespace {

using testing::ScanColour;

constexpr int kFontPx = 54;  // 13 pt at 300 dpi
constexpr int kBaseline = 120;
constexpr int kLabelX = 40;

// A number row as printed and filled in: the label, a pen numeral written `pen_gap` after it
// (or, `over_colon`, from where the colon is), and the symbol right after the numeral.
struct NumberRow {
  cv::Mat image;
  cv::Scalar paper;   // the paper's colour as scanned: what whitens ink in `image`
  int label_end = 0;  // where the label's advance ends ('Số:')
  int s_end = 0;      // where the label's 'S' ends
  int o_end = 0;      // where 'Số' ends, before the colon
  int pen_left = 0, pen_right = 0;
  int pen_ink_right = 0;  // one past the pen ink's last column
  int slash_x = 0;        // the symbol's pen position
  cv::Rect word;          // the whole row as one OCR word
};

// Paper and print as scanned: `paper` and `print_ink` (BGR) are the scanner's colours of them.
// The pen writes `pen_px` tall, its baseline `pen_drop` below the print's.
struct Stock {
  cv::Scalar paper{235, 240, 242};
  cv::Scalar print_ink{20, 20, 20};
  int pen_px = kFontPx * 13 / 10;
  int pen_drop = kFontPx / 6;
};

cv::Ptr<cv::freetype::FreeType2> Font(const std::string& path) {
  cv::Ptr<cv::freetype::FreeType2> font = cv::freetype::createFreeType2();
  font->loadFontData(path, 0);
  return font;
}

// With `slash_touches_pen`, the symbol is printed from `slash_back` px left of where the pen's
// ink ends, so its slash touches the last digit or its foot lies under the digit's top.
NumberRow RenderNumberRow(const std::string& numeral, bool over_colon, ScanColour colour,
                          const std::string& symbol = "/UBND-VHTT", const Stock& stock = {},
                          int pen_gap = 3, bool slash_touches_pen = false, int slash_back = 4) {
  cv::Ptr<cv::freetype::FreeType2> print = Font(testing::VietnameseFontPath());
  cv::Ptr<cv::freetype::FreeType2> hand = Font(testing::HandwritingFontPath());
  auto width = [](cv::Ptr<cv::freetype::FreeType2>& font, const std::string& text, int px) {
    int baseline = 0;
    return font->getTextSize(text, px, -1, &baseline).width;
  };
  NumberRow row;
  cv::Mat canvas(200, 1000, CV_8UC3, stock.paper);
  const cv::Scalar black = stock.print_ink, blue(190, 70, 20);
  print->putText(canvas, "Số:", cv::Point(kLabelX, kBaseline), kFontPx, black, -1, cv::LINE_AA,
                 true);
  row.label_end = kLabelX + width(print, "Số:", kFontPx);
  row.o_end = kLabelX + width(print, "Số", kFontPx);
  row.s_end = kLabelX + width(print, "S", kFontPx);
  row.pen_left = over_colon ? row.o_end + 2 : row.label_end + pen_gap;
  hand->putText(canvas, numeral, cv::Point(row.pen_left, kBaseline + stock.pen_drop), stock.pen_px,
                blue, -1, cv::LINE_AA, true);
  row.pen_right = row.pen_left + width(hand, numeral, stock.pen_px);
  cv::Mat pen_only = cv::Mat::zeros(canvas.size(), CV_8UC3);
  hand->putText(pen_only, numeral, cv::Point(row.pen_left, kBaseline + stock.pen_drop),
                stock.pen_px, cv::Scalar::all(255), -1, cv::LINE_8, true);
  cv::extractChannel(pen_only, pen_only, 0);
  row.pen_ink_right = cv::boundingRect(pen_only).br().x;
  row.slash_x = slash_touches_pen ? row.pen_ink_right - slash_back : row.pen_right + 6;
  print->putText(canvas, symbol, cv::Point(row.slash_x, kBaseline), kFontPx, black, -1, cv::LINE_AA,
                 true);
  const int end = row.slash_x + width(print, symbol, kFontPx);
  row.word = cv::Rect(kLabelX - 2, kBaseline - kFontPx, end - kLabelX + 4, kFontPx * 13 / 10);
  row.image = testing::AsScanned(canvas, colour);
  const cv::Mat paper = testing::AsScanned(cv::Mat(1, 1, CV_8UC3, stock.paper), colour);
  row.paper = paper.channels() == 3 ? cv::Scalar(paper.at<cv::Vec3b>(0, 0))
                                    : cv::Scalar::all(paper.at<uchar>(0, 0));
  return row;
}

class NumberSlotInkTest : public ::testing::TestWithParam<ScanColour> {};

// The label's colon and the symbol's slash of `row` are found in its ink, so the numeral's slot
// is exactly the pen ink between them.
void ExpectSlotBetweenColonAndSlash(const NumberRow& row) {
  const std::optional<LabelInk> label = FindLabelInk(row.image, row.word);
  ASSERT_TRUE(label.has_value());
  EXPECT_NEAR(label->begin, kLabelX, 6);
  EXPECT_GT(label->end, row.o_end);
  EXPECT_LE(label->end, row.pen_left + 2);
  const std::optional<SlashInk> slash = FindSlash(row.image, row.word, label->end);
  ASSERT_TRUE(slash.has_value());
  EXPECT_GE(slash->start, row.pen_right - 4);
  EXPECT_LE(slash->start, row.slash_x + 8);
}

// OCR read 'Số:643/UBND-VHTT' as one word.
TEST_P(NumberSlotInkTest, FindsTheColonAndTheSlashAroundAGluedNumeral) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  ExpectSlotBetweenColonAndSlash(RenderNumberRow("643", false, GetParam()));
}

// On yellowed paper the scanner gives the print's dark core a yellow cast (BGR (5, 24, 27)),
// as strong a share of its brightness as a pen's colour: it is print all the same.
TEST_P(NumberSlotInkTest, FindsTheColonAndTheSlashOnYellowedPaper) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  ExpectSlotBetweenColonAndSlash(
      RenderNumberRow("643", false, GetParam(), "/UBND-VHTT",
                      {.paper = {201, 226, 228}, .print_ink = {5, 24, 27}}));
}

// Bold print scanned in 1 bit joins the label's 'S' to its 'ố': one glyph as wide as both,
// with no 'ố' of its own after it. The colon right after it still ends the label, so the slot
// starts at the pen's first digit.
TEST_P(NumberSlotInkTest, FindsTheColonAfterALabelPrintedInOnePiece) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  NumberRow row = RenderNumberRow("552", false, GetParam());
  cv::rectangle(row.image, cv::Rect(row.s_end - 6, kBaseline - 12, 14, 8), cv::Scalar::all(0),
                cv::FILLED);
  const std::optional<LabelInk> label = FindLabelInk(row.image, row.word);
  ASSERT_TRUE(label.has_value());
  EXPECT_NEAR(label->begin, kLabelX, 6);
  EXPECT_GT(label->end, row.o_end);
  EXPECT_LE(label->end, row.pen_left + 2);
}

// A pen digit written over the colon hides it in grey: the label ends with its 'ố'. In colour
// the pen's ink is told apart and the colon seen.
TEST_P(NumberSlotInkTest, LabelEndsAtItsLetterWhenPenInkHidesTheColon) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  const NumberRow row = RenderNumberRow("889", true, GetParam());
  const std::optional<LabelInk> label = FindLabelInk(row.image, row.word);
  ASSERT_TRUE(label.has_value());
  if (GetParam() == ScanColour::kColour) {
    EXPECT_GT(label->end, row.o_end);
    EXPECT_LE(label->end, row.label_end + 4);
  } else {
    EXPECT_GE(label->end, row.o_end - 8);
    EXPECT_LE(label->end, row.o_end + 4);
  }
}

// A pen digit written over the colon's lower dot leaves crumbs of its rim in the print's ink
// past the colon: a short sliver on the baseline and a speck above it. Paired, they looked
// like a colon inside the digit and cut its first stroke off the slot; a colon's dots are
// round and more than specks.
TEST_P(NumberSlotInkTest, CrumbsOfAPenDigitAreNoColon) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  // The digit itself is written further on here: in colour its ink leaves the print's, in
  // grey it would take the crumbs in.
  NumberRow row = RenderNumberRow("54", false, GetParam(), "/UBND-VHTT", {}, 30);
  // The lower dot, hidden under the pen.
  cv::rectangle(row.image,
                cv::Rect(row.o_end + 1, kBaseline - 10, row.label_end - row.o_end + 6, 13),
                row.paper, cv::FILLED);
  cv::rectangle(row.image, cv::Rect(row.label_end + 8, kBaseline - 9, 11, 4), cv::Scalar::all(0),
                cv::FILLED);
  cv::rectangle(row.image, cv::Rect(row.label_end + 12, kBaseline - 26, 3, 2), cv::Scalar::all(0),
                cv::FILLED);
  const std::optional<LabelInk> label = FindLabelInk(row.image, row.word);
  ASSERT_TRUE(label.has_value());
  EXPECT_GE(label->end, row.o_end - 8);
  EXPECT_LE(label->end, row.label_end + 4);
}

// A speck of dust under the symbol (and the period after it) is neither a capital nor a dash,
// but no reason to stop walking left to the slash either.
TEST_P(NumberSlotInkTest, DotsAmongTheSymbolsCapitalsAreWalkedPast) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  NumberRow row = RenderNumberRow("643", false, GetParam(), "/TB-VPUBND.");
  // A speck of dust under the symbol's middle.
  cv::circle(row.image, cv::Point(row.slash_x + 5 * kFontPx / 2, kBaseline + 10), 3,
             cv::Scalar::all(20), cv::FILLED);
  const std::optional<SlashInk> slash = FindSlash(row.image, row.word, row.pen_right - 10);
  ASSERT_TRUE(slash.has_value());
  EXPECT_GE(slash->start, row.pen_right - 4);
  EXPECT_LE(slash->start, row.slash_x + 8);
}

// A stamp frame's edge, tilted more than the rule search allows, runs down across the row
// from just above the label, through the pen numeral's tops and the symbol's capitals: one
// piece of ink as wide as the row, left of the label and taller than its letters. It is no
// letter, so the label is still found from its 'S' to its colon and the slot starts at the
// pen's first digit, not after it.
TEST_P(NumberSlotInkTest, AFrameEdgeThroughTheRowIsNoLetter) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  NumberRow row = RenderNumberRow("726", false, GetParam());
  const int cap = kFontPx * 7 / 10;
  const int above_label = kBaseline - cap - 22;
  cv::line(row.image, {kLabelX - 20, above_label}, {row.word.br().x, above_label + 85},
           cv::Scalar::all(0), 3);
  const std::optional<LabelInk> label = FindLabelInk(row.image, row.word);
  ASSERT_TRUE(label.has_value());
  EXPECT_GT(label->end, row.o_end);
  EXPECT_LE(label->end, row.pen_left + 2);
}

// A noisy scan broke the 'ố' at its thin top and bottom, near its left side: a narrow piece
// and the rest side by side. The label still ends at its colon, not after the narrow piece,
// which put the slot's start inside the label ('ố:' read '3' before a pen '37').
TEST_P(NumberSlotInkTest, FindsTheColonAfterABrokenLetter) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  NumberRow row = RenderNumberRow("37", false, GetParam(), "/QĐ-STTTT", {}, 30);
  const int x_height = kFontPx / 2;
  // The cut: three columns right of the 'o''s thick left stroke, through its thin top and
  // bottom.
  cv::Mat grey = row.image;
  if (grey.channels() == 3) cv::cvtColor(row.image, grey, cv::COLOR_BGR2GRAY);
  const int middle = kBaseline - x_height / 2;
  // Past any of the 'S' at its advance's end, then past the paper to the 'o''s left stroke.
  int stroke_end = row.s_end;
  while (stroke_end < row.o_end && grey.at<uchar>(middle, stroke_end) < 128) ++stroke_end;
  while (stroke_end < row.o_end && grey.at<uchar>(middle, stroke_end) >= 128) ++stroke_end;
  while (stroke_end < row.o_end && grey.at<uchar>(middle, stroke_end) < 128) ++stroke_end;
  ASSERT_LT(stroke_end, row.o_end);
  cv::rectangle(row.image, cv::Rect(stroke_end, kBaseline - x_height - 4, 3, x_height + 8),
                row.paper, cv::FILLED);
  const std::optional<LabelInk> label = FindLabelInk(row.image, row.word);
  ASSERT_TRUE(label.has_value());
  EXPECT_GT(label->end, row.o_end);
  EXPECT_LE(label->end, row.label_end + 4);
}

// A stamp frame's level edge drawn along the label's cap line is left out of the ink with the
// top of the 'S' it covers: what is left of the 'S' is hardly taller than the 'ố', which looked
// like no lower-case letter beside it. The label is still found, and ends before the pen's
// first digit, which the slot's estimate from the glued word left out.
TEST_P(NumberSlotInkTest, FindsTheLabelUnderAFrameEdgeAcrossItsTop) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  NumberRow row = RenderNumberRow("2845", false, GetParam(), "/KH-UBND");
  const int cap = kFontPx * 7 / 10;
  cv::rectangle(row.image, cv::Rect(0, kBaseline - cap - 3, row.image.cols, 9), cv::Scalar::all(0),
                cv::FILLED);
  const std::optional<LabelInk> label = FindLabelInk(row.image, row.word);
  ASSERT_TRUE(label.has_value());
  EXPECT_NEAR(label->begin, kLabelX, 6);
  EXPECT_GE(label->end, row.o_end - 8);
  EXPECT_LE(label->end, row.pen_left + 2);
}

// A stamp frame's edge drawn through the symbol joins the slash to its capitals, its side is a
// stroke leaning like a slash, and a thin stroke of a capital cracked in the scan leaves a
// piece of it beside the rest: none of them is taken for the slash or stops the walk to it.
TEST_P(NumberSlotInkTest, FindsTheSlashUnderAStampFramesEdge) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  const std::string symbol = "/QĐ-UBND";
  NumberRow row = RenderNumberRow("643", false, GetParam(), symbol);
  const int cap = kFontPx * 7 / 10;
  const int frame_y = kBaseline - cap * 3 / 5;
  cv::line(row.image, {row.pen_left - 20, frame_y}, {row.word.br().x + 20, frame_y + 4},
           cv::Scalar::all(0), 3);
  cv::Ptr<cv::freetype::FreeType2> print = Font(testing::VietnameseFontPath());
  int unused = 0;
  const int u_end = row.slash_x + print->getTextSize("/QĐ-U", kFontPx, -1, &unused).width;
  cv::rectangle(row.image, cv::Rect(u_end - 14, kBaseline - cap * 2 / 5, 14, 2),
                cv::Scalar::all(255), cv::FILLED);
  // The slot's band: the row and half a row above and below.
  const cv::Rect band(0, row.word.y - row.word.height / 2, row.image.cols, row.word.height * 2);
  // The frame's side, leaning like a slash, touching the symbol's last capital.
  const int side_x = row.word.br().x - 6;
  cv::line(row.image, {side_x + 12, band.y}, {side_x, band.br().y}, cv::Scalar::all(0), 3);
  const cv::Rect word(row.word.x, row.word.height / 2, row.word.width + 40, row.word.height);
  const std::optional<SlashInk> slash = FindSlash(row.image(band), word, row.pen_right - 10);
  ASSERT_TRUE(slash.has_value());
  EXPECT_GE(slash->start, row.pen_right - 4);
  EXPECT_LE(slash->start, row.slash_x + 8);
}

// A stamp's side tilted some 20 degrees crosses the row just past the symbol's end: a thin
// stroke more than two capitals tall and about one wide, which is no glyph of the symbol and
// does not stop the walk to the slash.
TEST_P(NumberSlotInkTest, WalksPastAStampsSteepSideAtTheSymbolsEnd) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  NumberRow row = RenderNumberRow("643", false, GetParam(), "/QĐ-UBND");
  const cv::Rect band(0, row.word.y - row.word.height / 2, row.image.cols, row.word.height * 2);
  const int side_x = row.word.br().x + 4;
  cv::line(row.image, {side_x + kFontPx * 7 / 10, band.y + 4}, {side_x, band.br().y - 4},
           cv::Scalar::all(0), 5);
  const cv::Rect word(row.word.x, row.word.height / 2, row.word.width + kFontPx, row.word.height);
  const std::optional<SlashInk> slash = FindSlash(row.image(band), word, row.pen_right - 10);
  ASSERT_TRUE(slash.has_value());
  EXPECT_GE(slash->start, row.pen_right - 4);
  EXPECT_LE(slash->start, row.slash_x + 8);
}

// A stamp frame's edge, scanned wavy (not a ruled line), drawn along the row's cap line through
// the pen's numeral and the symbol joins them into one piece of ink reaching far left of the
// symbol's word. Its left end is no slash: the slot would end at the numeral's first digit.
TEST_P(NumberSlotInkTest, InkJoinedFarLeftOfTheSymbolIsNoSlash) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  NumberRow row = RenderNumberRow("7009", false, GetParam(), "/UBND-VHTT", {}, 40);
  const int cap = kFontPx * 7 / 10;
  std::vector<cv::Point> edge;
  for (int x = row.pen_left + 24; x <= row.word.br().x + 10; x += 6) {
    edge.emplace_back(x, kBaseline - cap + ((x / 6) % 2 == 0 ? 2 : 8));
  }
  cv::polylines(row.image, edge, false, cv::Scalar::all(0), 3);
  const cv::Rect band(0, row.word.y - row.word.height / 2, row.image.cols, row.word.height * 2);
  const cv::Rect symbol(row.slash_x - 2, row.word.height / 2, row.word.br().x - row.slash_x + 2,
                        row.word.height);
  const int from = symbol.x - symbol.height / 2;
  const std::optional<SlashInk> slash = FindSlash(row.image(band), symbol, from);
  if (slash) {
    EXPECT_GE(slash->start, from);
  }
}

// The numeral's ink width in its slot's crop is what the header re-read weighs against the
// digits read ('1' read from four pen digits is uncertain): the pen's ink, not a speck beside it
// nor the rows above and below.
TEST_P(NumberSlotInkTest, MeasuresTheNumeralsInkWidthInItsCrop) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  NumberRow row = RenderNumberRow("4448", false, GetParam());
  const int row_height = row.word.height;
  const cv::Rect slot(row.label_end + 2, row.word.y - row_height / 2,
                      row.slash_x - 3 - row.label_end, 2 * row_height);
  cv::Mat crop = row.image(slot).clone();
  const int pen_width = row.pen_ink_right - row.pen_left;
  EXPECT_NEAR(CoreInkWidth(crop, row_height), pen_width, pen_width / 6);
  // A speck's pixel at the crop's end, and ink of the rows above and below, are no numeral.
  const cv::Scalar ink = cv::Scalar::all(0);
  cv::rectangle(crop, cv::Rect(crop.cols - 1, crop.rows / 2, 1, 1), ink, cv::FILLED);
  cv::line(crop, {0, 2}, {crop.cols - 1, 2}, ink, 2);
  cv::line(crop, {0, crop.rows - 3}, {crop.cols - 1, crop.rows - 3}, ink, 2);
  EXPECT_NEAR(CoreInkWidth(crop, row_height), pen_width, pen_width / 6);
  EXPECT_EQ(CoreInkWidth(cv::Mat(crop.size(), crop.type(), cv::Scalar::all(255)), row_height), 0);
}

// `row` with its symbol's print spread, as a dark scan does: the slash joins its first capital.
void SpreadSymbolPrint(NumberRow* row) {
  cv::Mat symbol = row->image(
      cv::Rect(row->slash_x - 2, 0, row->word.br().x - row->slash_x + 2, row->image.rows));
  cv::erode(symbol, symbol, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(7, 3)));
}

// Print spread in a dark scan joins the slash to the symbol's first capital: the glyph both
// make is wider than a capital and leans at its left, and starts where the slash does.
TEST_P(NumberSlotInkTest, FindsTheSlashJoinedToTheFirstCapital) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  NumberRow row = RenderNumberRow("643", false, GetParam());
  SpreadSymbolPrint(&row);
  const std::optional<SlashInk> slash = FindSlash(row.image, row.word, row.pen_right - 10);
  ASSERT_TRUE(slash.has_value());
  EXPECT_GE(slash->start, row.pen_right - 6);
  EXPECT_LE(slash->start, row.slash_x + 8);
}

// ... also when the pen's digits, as tall as the print and on its baseline, are walked past as
// capitals after it.
TEST_P(NumberSlotInkTest, FindsTheSlashJoinedToTheFirstCapitalBeforePrintSizedDigits) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  NumberRow row = RenderNumberRow("3162", false, GetParam(), "/TB-VPUBND",
                                  {.pen_px = kFontPx * 11 / 10, .pen_drop = 0});
  SpreadSymbolPrint(&row);
  const std::optional<SlashInk> slash = FindSlash(row.image, row.word, row.label_end);
  ASSERT_TRUE(slash.has_value());
  EXPECT_GE(slash->start, row.pen_right - 6);
  EXPECT_LE(slash->start, row.slash_x + 8);
}

// ... and when the pen's digits, nearly the print's size and walked past as capitals, lie
// across the gap between the numeral and the symbol, off the print's baseline: the walk has
// left the symbol there, and a digit leaning at its left as the joined glyph does ('7' of
// '678'), or as narrow as a slash, is neither.
TEST_P(NumberSlotInkTest, APenDigitPastTheGapBeforeTheSymbolIsNoCapitalWithTheSlash) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  for (const std::string numeral : {"678", "2719", "74"}) {
    SCOPED_TRACE(numeral);
    // The slash printed a space's width past the pen's ink (before the print spreads).
    NumberRow row = RenderNumberRow(numeral, false, GetParam(), "/UBND-TTTT",
                                    {.pen_px = kFontPx * 12 / 10, .pen_drop = kFontPx / 8}, 3,
                                    /*slash_touches_pen=*/true, /*slash_back=*/-kFontPx / 4);
    SpreadSymbolPrint(&row);
    const std::optional<SlashInk> slash = FindSlash(row.image, row.word, row.label_end);
    ASSERT_TRUE(slash.has_value());
    EXPECT_GE(slash->start, row.pen_right - 6);
    EXPECT_LE(slash->start, row.slash_x + 8);
  }
}

// The slot of `row` ends past the pen's ink, and the slash's stroke, part of which it then takes
// in, is given to be whitened: from below the baseline to above the cap line, leaning right,
// on the printed slash (its foot at most `foot_slack` px left of it), at most `widest` px wide.
void ExpectSlotPastTheDigitAndSlashWhitened(const NumberRow& row, int foot_slack, int widest) {
  const std::optional<SlashInk> slash = FindSlash(row.image, row.word, row.label_end);
  ASSERT_TRUE(slash.has_value());
  EXPECT_GE(slash->start, row.pen_ink_right);
  EXPECT_LE(slash->start, row.slash_x + kFontPx / 2);
  ASSERT_TRUE(slash->touched.has_value());
  const SlashStroke& stroke = *slash->touched;
  EXPECT_GT(stroke.foot.y, kBaseline);
  EXPECT_LT(stroke.top.y, kBaseline - kFontPx * 6 / 10);
  EXPECT_GT(stroke.top.x, stroke.foot.x + kFontPx / 8);
  EXPECT_GE(stroke.foot.x, row.slash_x - foot_slack);
  EXPECT_LE(stroke.top.x, row.slash_x + kFontPx / 2);
  EXPECT_GE(stroke.width, 1);
  EXPECT_LE(stroke.width, widest);
}

// A pen numeral written up to the slash, its last digit touching the slash's foot or leaning
// over it: in a grey or 1-bit scan digit and slash are one piece of ink, or the digit's top
// lies right of the slash's first column, and OCR read the digit with the symbol
// ('1/QĐ-STTTT'). The slot ends past the digit, and the slash's stroke, part of which the slot
// then takes in, is given to be whitened. In colour the pen's own pieces are the digits apart
// from the slash ('111', '1009'); a blue '3' touching it is not handled: the pen's mask,
// widened over its rim, bites into the slash, and no slash is found (docs/QUALITY.md).
TEST_P(NumberSlotInkTest, FindsTheSlashAPenDigitTouches) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  for (const std::string numeral : {"111", "323", "1009"}) {
    if (GetParam() == ScanColour::kColour && numeral == "323") continue;
    SCOPED_TRACE(numeral);
    const NumberRow row = RenderNumberRow(numeral, false, GetParam(), "/QĐ-STTTT", {}, 3,
                                          /*slash_touches_pen=*/true);
    ExpectSlotPastTheDigitAndSlashWhitened(row, 2, kFontPx / 8);
  }
}

// A pen digit whose flag leans over the foot of a slash printed joined to the symbol's first
// capital ('85/TB', the '5''s top right of the slash's first column, apart from it): the slot
// ends past the digit, not at the joined glyph's start, which cut the '5' to a stub the
// readers dropped ('8'). The slash's stroke is the joined glyph's leftmost, given to be
// whitened.
TEST_P(NumberSlotInkTest, FindsTheSlashJoinedToItsCapitalUnderAPenDigitsFlag) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  NumberRow row = RenderNumberRow("85", false, GetParam(), "/TB-TTPVHCC", {}, 3,
                                  /*slash_touches_pen=*/true, /*slash_back=*/0);
  // The print spread right of the pen's ink only: the digit stays apart from the slash.
  const int spread_from = row.pen_ink_right + 3;
  cv::Mat symbol =
      row.image(cv::Rect(spread_from, 0, row.word.br().x - spread_from, row.image.rows));
  cv::erode(symbol, symbol, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(7, 3)));
  ExpectSlotPastTheDigitAndSlashWhitened(row, 4, kFontPx / 6);
}

// A pen '7' or '1' leaning like a slash, alone before a symbol whose slash is lost, is no
// slash: nothing is guessed.
TEST_P(NumberSlotInkTest, ALeaningDigitAloneIsNoSlash) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  const NumberRow row = RenderNumberRow("17", false, GetParam(), " QĐ-STTTT");
  EXPECT_FALSE(FindSlash(row.image, row.word, row.label_end).has_value());
}

// No slash before the pen ink is met: nothing is guessed.
TEST_P(NumberSlotInkTest, NoSlashWhenTheSymbolHasNone) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  const NumberRow row = RenderNumberRow("643", false, GetParam(), " UBND-VHTT");
  EXPECT_FALSE(FindSlash(row.image, row.word, row.pen_right).has_value());
  // Nor is a label found where there is none.
  const cv::Rect symbol_only(row.pen_right + 10, row.word.y, row.word.br().x - row.pen_right - 10,
                             row.word.height);
  const std::optional<LabelInk> label = FindLabelInk(row.image, symbol_only);
  EXPECT_FALSE(label.has_value());
}

// OCR read a blue numeral's first digit into the label's word ('số“'), so the slot estimated
// from the words starts inside the numeral: in colour the pen's strokes show where it begins,
// never left of the label's end. A grey or 1-bit scan has no pen colour to go by.
TEST_P(NumberSlotInkTest, PenNumeralBeginsLeftOfTheWordsEstimate) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  const NumberRow row = RenderNumberRow("354", false, GetParam());
  const int estimate = row.pen_left + (row.pen_right - row.pen_left) / 3;
  const cv::Rect value(estimate, row.word.y - kFontPx / 2, row.slash_x - estimate, kFontPx * 2);
  const std::optional<int> start = PenInkStart(row.image, value, row.label_end);
  if (GetParam() != ScanColour::kColour) {
    EXPECT_FALSE(start.has_value());
    return;
  }
  ASSERT_TRUE(start.has_value());
  EXPECT_GE(*start, row.label_end);
  EXPECT_LE(*start, row.pen_left + 4);
  // A slot already starting at the numeral's first stroke stays where it is.
  const cv::Rect whole(row.pen_left - 4, value.y, row.slash_x - row.pen_left + 4, value.height);
  EXPECT_FALSE(PenInkStart(row.image, whole, row.label_end).has_value());
  // The black print of the label is no pen ink, whatever the stop.
  EXPECT_GE(PenInkStart(row.image, value, kLabelX).value_or(row.label_end), row.label_end - 2);
}

// The box of the ink in rows [0, bottom) of `image`, scanned grey.
cv::Rect InkBox(const cv::Mat& image, int bottom) {
  std::vector<cv::Point> ink;
  cv::findNonZero(testing::AsScanned(image, ScanColour::kGrey).rowRange(0, bottom) < 128, ink);
  return cv::boundingRect(ink);
}

// The rows of `canvas`'s ink above its descenders, as the pipeline takes a row: from its top
// to a sixth of its height below its centre (accents, pen strokes and descenders included).
std::pair<int, int> RowCore(const cv::Mat& canvas) {
  const cv::Rect row_box = InkBox(canvas, canvas.rows);
  return {row_box.y, row_box.y + row_box.height / 2 + row_box.height / 6};
}

// A pen day written close after 'ngày' and read glued to it: from inside the first pen digit,
// the gap found is the one between the printed word and the pen's ink.
TEST_P(NumberSlotInkTest, FindsTheGapBetweenAnAnchorAndAPenDay) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  cv::Ptr<cv::freetype::FreeType2> print = Font(testing::VietnameseFontPath());
  cv::Ptr<cv::freetype::FreeType2> hand = Font(testing::HandwritingFontPath());
  const cv::Scalar paper(235, 240, 242);
  cv::Mat printed(200, 600, CV_8UC3, paper), penned(200, 600, CV_8UC3, paper);
  print->putText(printed, "ngày", cv::Point(kLabelX, kBaseline), kFontPx, cv::Scalar::all(20), -1,
                 cv::LINE_AA, true);
  int baseline = 0;
  const int pen_origin = kLabelX + print->getTextSize("ngày", kFontPx, -1, &baseline).width + 6;
  hand->putText(penned, "24", cv::Point(pen_origin, kBaseline + kFontPx / 6), kFontPx * 13 / 10,
                cv::Scalar(190, 70, 20), -1, cv::LINE_AA, true);
  const cv::Mat canvas = cv::min(printed, penned);
  const cv::Mat row = testing::AsScanned(canvas, GetParam());
  const auto [core_top, core_bottom] = RowCore(canvas);
  const int word_end = InkBox(printed, core_bottom).br().x;
  const int pen_start = InkBox(penned, core_bottom).x;
  ASSERT_LT(word_end, pen_start);
  const std::optional<int> gap = InkGapBefore(row, pen_start + 15, kLabelX, core_top, core_bottom);
  ASSERT_TRUE(gap.has_value());
  EXPECT_GE(*gap, word_end - 2);
  EXPECT_LE(*gap, pen_start + 2);
  // Inside the printed word's first letter there is no gap before the stop.
  EXPECT_FALSE(InkGapBefore(row, kLabelX + 8, kLabelX + 2, core_top, core_bottom).has_value());
}

// A pen number written close before the symbol's slash, the slot's end found inside its last
// digit: from there the gap found rightwards is the one between the pen's ink and the slash.
TEST_P(NumberSlotInkTest, FindsTheGapBetweenAPenNumberAndTheSlash) {
  if (testing::HandwritingFontPath().empty()) GTEST_SKIP() << "no handwriting font";
  cv::Ptr<cv::freetype::FreeType2> print = Font(testing::VietnameseFontPath());
  cv::Ptr<cv::freetype::FreeType2> hand = Font(testing::HandwritingFontPath());
  const cv::Scalar paper(235, 240, 242);
  cv::Mat penned(200, 600, CV_8UC3, paper), printed(200, 600, CV_8UC3, paper);
  hand->putText(penned, "54", cv::Point(kLabelX, kBaseline + kFontPx / 6), kFontPx * 13 / 10,
                cv::Scalar(190, 70, 20), -1, cv::LINE_AA, true);
  int baseline = 0;
  const int print_origin =
      kLabelX + hand->getTextSize("54", kFontPx * 13 / 10, -1, &baseline).width + 8;
  print->putText(printed, "/STTTT-BCVT", cv::Point(print_origin, kBaseline), kFontPx,
                 cv::Scalar::all(20), -1, cv::LINE_AA, true);
  const cv::Mat canvas = cv::min(printed, penned);
  const cv::Mat row = testing::AsScanned(canvas, GetParam());
  const auto [core_top, core_bottom] = RowCore(canvas);
  const int pen_end = InkBox(penned, core_bottom).br().x;
  const int slash_start = InkBox(printed, core_bottom).x;
  ASSERT_LT(pen_end, slash_start);
  const std::optional<int> gap =
      InkGapAfter(row, pen_end - 15, row.cols - 1, core_top, core_bottom);
  ASSERT_TRUE(gap.has_value());
  EXPECT_GE(*gap, pen_end - 2);
  EXPECT_LE(*gap, slash_start + 2);
  // Inside the symbol's capitals, looking no further than their middle, there is none.
  EXPECT_FALSE(
      InkGapAfter(row, slash_start + 30, slash_start + 34, core_top, core_bottom).has_value());
}

INSTANTIATE_TEST_SUITE_P(Scans, NumberSlotInkTest,
                         ::testing::Values(ScanColour::kColour, ScanColour::kGrey,
                                           ScanColour::kBilevel));

}  // namespace
}  // namespace sohoa::pipeline
