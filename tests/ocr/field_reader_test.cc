#include "ocr/field_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <opencv2/core.hpp>
#include <string>

#include "tests/testing/hand_filled_header.h"

namespace sohoa::ocr {
namespace {

using testing::ScanColour;

std::unique_ptr<FieldReader> MakeReader() {
  Result<std::unique_ptr<FieldReader>> reader = FieldReader::Create({});
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  return reader.ok() ? std::move(reader).value() : nullptr;
}

// The most confident reading of the handwritten numeral's crop is the numeral.
void ExpectReadsNumber(ScanColour colour, const std::string& number) {
  testing::HandFilledHeader header = testing::RenderHandFilledHeader(number, "17", "01", colour);
  auto reader = MakeReader();
  ASSERT_NE(reader, nullptr);
  std::vector<FieldReading> readings =
      reader->Read(header.image(header.number_box), header.dpi, {});
  ASSERT_FALSE(readings.empty());
  // The handwritten-digit model is the reader the pipeline's choice weighs most
  // (pipeline/header_fields.cc): its surest reading is the numeral.
  std::vector<FieldReading> model;
  std::copy_if(
      readings.begin(), readings.end(), std::back_inserter(model),
      [](const FieldReading& r) { return r.variant.starts_with(kDigitModelVariantPrefix); });
  ASSERT_FALSE(model.empty());
  std::string all;
  for (const FieldReading& r : readings) all += " " + r.variant + ":" + r.text;
  const auto best = std::max_element(
      model.begin(), model.end(),
      [](const FieldReading& a, const FieldReading& b) { return a.confidence < b.confidence; });
  EXPECT_EQ(best->text, number) << best->variant << " conf " << best->confidence << all;
  const long agreeing = std::count_if(readings.begin(), readings.end(),
                                      [&](const FieldReading& r) { return r.text == number; });
  // More than one rendering agrees (1-bit scans lose digits in some: those readings are
  // parts of the numeral, which pipeline/header_fields.h's choice credits to it).
  EXPECT_GE(agreeing, 2) << all;
}

TEST(FieldReaderTest, ReadsBlueHandwrittenNumberInColour) {
  ExpectReadsNumber(ScanColour::kColour, "47");
}
TEST(FieldReaderTest, ReadsHandwrittenNumberInGrey) { ExpectReadsNumber(ScanColour::kGrey, "358"); }
TEST(FieldReaderTest, ReadsHandwrittenNumberInBilevel) {
  ExpectReadsNumber(ScanColour::kBilevel, "2906");
}

// The handwritten-digit model votes too, and the printed slash after the numeral is no '1'.
TEST(FieldReaderTest, DigitModelReadsNumberBeforePrintedSlash) {
  testing::HandFilledHeader header =
      testing::RenderHandFilledHeader("47", "17", "01", ScanColour::kGrey);
  auto reader = MakeReader();
  ASSERT_NE(reader, nullptr);
  cv::Rect crop = header.number_box;
  crop.width += 40;  // reaches into the printed '/QĐ-UBND'
  std::vector<FieldReading> readings = reader->Read(header.image(crop), header.dpi, {});
  std::sort(readings.begin(), readings.end(), [](const FieldReading& a, const FieldReading& b) {
    return a.confidence > b.confidence;
  });
  ASSERT_GE(readings.size(), 3u);
  const bool in_top = std::any_of(readings.begin(), readings.begin() + 3,
                                  [](const FieldReading& r) { return r.text == "47"; });
  EXPECT_TRUE(in_top) << readings[0].text << " " << readings[1].text << " " << readings[2].text;
  const long digit_model_votes =
      std::count_if(readings.begin(), readings.end(), [](const FieldReading& r) {
        return r.variant.starts_with(kDigitModelVariantPrefix) && r.text == "47";
      });
  EXPECT_GE(digit_model_votes, 2);
}

TEST(FieldReaderTest, ColouredInkLayerDropsBlackPrint) {
  testing::HandFilledHeader header =
      testing::RenderHandFilledHeader("47", "17", "01", ScanColour::kColour);
  // The crop spans the printed 'Số:' and the blue numeral.
  cv::Rect crop = header.number_box;
  crop.x -= 120;
  crop.width += 120;
  auto renderings = FieldRenderings(header.image(crop));
  ASSERT_GE(renderings.size(), 2u);
  EXPECT_EQ(renderings[0].first, "ink");
  const cv::Mat& ink = renderings[0].second;
  ASSERT_EQ(ink.type(), CV_8UC1);
  // The ink layer holds the numeral only: fewer dark pixels than print+numeral, but some.
  const int ink_dark = cv::countNonZero(ink < 128);
  cv::Mat grey;
  cv::cvtColor(header.image(crop), grey, cv::COLOR_BGR2GRAY);
  const int all_dark = cv::countNonZero(grey < 128);
  EXPECT_GT(ink_dark, 200);
  EXPECT_LT(ink_dark, all_dark * 8 / 10);
  // The printed label's columns hold no ink at all.
  EXPECT_EQ(cv::countNonZero(ink(cv::Rect(12, 0, 100, ink.rows)) < 128), 0);
}

TEST(FieldReaderTest, GreyCropHasNoInkLayerAndEmptyCropReadsNothing) {
  testing::HandFilledHeader header =
      testing::RenderHandFilledHeader("47", "17", "01", ScanColour::kGrey);
  auto renderings = FieldRenderings(header.image(header.number_box));
  ASSERT_EQ(renderings.size(), 4u);
  EXPECT_EQ(renderings[0].first, "otsu");
  for (const auto& [name, image] : renderings) {
    EXPECT_EQ(image.type(), CV_8UC1) << name;
    EXPECT_GT(cv::countNonZero(image < 128), 100) << name;  // the numeral's ink survived
  }
  auto reader = MakeReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(reader->Read(cv::Mat(), 300, {}).empty());
  cv::Mat blank(80, 200, CV_8UC1, cv::Scalar(255));
  EXPECT_TRUE(reader->Read(blank, 300, {}).empty());
}

}  // namespace
}  // namespace sohoa::ocr

namespace sohoa::ocr {
namespace {

// A field crop as the pipeline cuts it: the motto's underline runs across its top and the
// printed slash after the numeral stands apart at its right. Neither may reach the readers.
TEST(FieldReaderTest, RenderingsKeepTheNumeralOnly) {
  cv::Mat crop(100, 240, CV_8UC1, cv::Scalar(235));
  cv::putText(crop, "47", cv::Point(20, 70), cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(30), 4);
  cv::line(crop, cv::Point(0, 22), cv::Point(239, 25), cv::Scalar(20), 3);  // slightly tilted
  cv::line(crop, cv::Point(200, 72), cv::Point(212, 32), cv::Scalar(20), 3);
  const auto renderings = FieldRenderings(crop);
  ASSERT_FALSE(renderings.empty());
  for (const auto& [name, image] : renderings) {
    if (name == "small") continue;  // scaled: other coordinates
    SCOPED_TRACE(name);
    const cv::Mat dark = image < 128;
    EXPECT_GT(cv::countNonZero(dark), 300);  // the numeral stays
    // Nothing of the rule or the slash: the ink left spans the numeral alone (about 75 px wide
    // and 45 px tall; with either it would be about 200 px wide, or reach the rule's row).
    std::vector<cv::Point> points;
    cv::findNonZero(dark, points);
    const cv::Rect extent = cv::boundingRect(points);
    EXPECT_LT(extent.width, 110);
    EXPECT_LT(extent.height, 60);
  }
}

}  // namespace
}  // namespace sohoa::ocr

namespace sohoa::ocr {
namespace {

// Bold print whose digits touch (a low-resolution grey scan) is not a rule: thickening the ink
// to catch tilted rules once joined the digits' tops into one and whitened them.
TEST(FieldReaderTest, TouchingBoldDigitsAreNotARule) {
  cv::Mat crop(135, 100, CV_8UC1, cv::Scalar(225));
  cv::putText(crop, "655", cv::Point(8, 78), cv::FONT_HERSHEY_SIMPLEX, 1.15, cv::Scalar(40), 7);
  cv::Mat original_ink = crop < 128;
  const int digit_ink = cv::countNonZero(original_ink);
  ASSERT_GT(digit_ink, 1200);
  for (const auto& [name, image] : FieldRenderings(crop)) {
    if (name == "small") continue;  // scaled: other coordinates
    SCOPED_TRACE(name);
    // The numeral is still there, its top half included (the 'thick' rendering thresholds
    // darker, and keeps less of the antialiased edge).
    const cv::Mat dark = image < 128;
    EXPECT_GT(cv::countNonZero(dark), digit_ink / 2);
    std::vector<cv::Point> points;
    cv::findNonZero(dark, points);
    ASSERT_FALSE(points.empty());
    EXPECT_GT(cv::boundingRect(points).height, 28);  // the numeral is 33 px tall
  }
}

// A numeral whose first digit the slot's left side cuts is flagged; one inside it is not, nor
// is the colon's dot or a blank crop.
TEST(FieldReaderTest, InkCutAtLeftFindsACutDigit) {
  cv::Mat inside(100, 200, CV_8UC1, cv::Scalar(235));
  cv::putText(inside, "643", cv::Point(30, 70), cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(30), 4);
  cv::circle(inside, cv::Point(4, 60), 3, cv::Scalar(30), -1);  // the colon's lower dot
  EXPECT_FALSE(InkCutAtLeft(inside));
  cv::Mat cut(100, 200, CV_8UC1, cv::Scalar(235));
  cv::putText(cut, "643", cv::Point(-12, 70), cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(30), 4);
  EXPECT_TRUE(InkCutAtLeft(cut));
  EXPECT_FALSE(InkCutAtLeft(cv::Mat(100, 200, CV_8UC1, cv::Scalar(235))));
}

// The same at the right side: the last digit run on into the symbol's slash is cut there.
TEST(FieldReaderTest, InkCutAtRightFindsACutDigit) {
  cv::Mat inside(100, 200, CV_8UC1, cv::Scalar(235));
  cv::putText(inside, "643", cv::Point(30, 70), cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(30), 4);
  EXPECT_FALSE(InkCutAtRight(inside));
  EXPECT_FALSE(InkCutAtLeft(inside));
  cv::Mat cut(100, 200, CV_8UC1, cv::Scalar(235));
  cv::putText(cut, "64", cv::Point(140, 70), cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(30), 4);
  EXPECT_TRUE(InkCutAtRight(cut));
  EXPECT_FALSE(InkCutAtLeft(cut));
}

// A slot cut from a row read under a stamp can be far taller than the numeral in it: a cut
// digit is measured against the whole digits beside it, not against the crop.
TEST(FieldReaderTest, InkCutInACropMuchTallerThanItsDigits) {
  cv::Mat cut(240, 75, CV_8UC1, cv::Scalar(235));
  cv::putText(cut, "572", cv::Point(2, 140), cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(30), 4);
  ASSERT_LT(cv::boundingRect(cut < 128).height * 4, cut.rows);
  EXPECT_TRUE(InkCutAtRight(cut));
  cv::Mat inside(240, 120, CV_8UC1, cv::Scalar(235));
  cv::putText(inside, "57", cv::Point(20, 140), cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(30), 4);
  EXPECT_FALSE(InkCutAtRight(inside));
  // A speck at the side is no cut digit.
  cv::circle(inside, cv::Point(118, 120), 3, cv::Scalar(30), -1);
  EXPECT_FALSE(InkCutAtRight(inside));
}

}  // namespace
}  // namespace sohoa::ocr

namespace sohoa::ocr {
namespace {

// The digit model's surest reading of `crop`, or "" when it read nothing.
std::string DigitModelBest(FieldReader& reader, const cv::Mat& crop, double dpi) {
  std::string best;
  float best_confidence = -1;
  for (const FieldReading& r : reader.Read(crop, dpi, {})) {
    if (r.variant.starts_with(kDigitModelVariantPrefix) && r.confidence > best_confidence) {
      best = r.text;
      best_confidence = r.confidence;
    }
  }
  return best;
}

// The vertical extent of the dark ink of `crop` (grey or BGR).
cv::Rect InkExtent(const cv::Mat& crop) {
  cv::Mat grey = crop;
  if (crop.channels() == 3) cv::cvtColor(crop, grey, cv::COLOR_BGR2GRAY);
  std::vector<cv::Point> points;
  cv::findNonZero(grey < 160, points);
  return cv::boundingRect(points);
}

// The slot's crop of `header`'s numeral with a stamp frame's edge, `thickness` px thick, drawn
// across it at `edge_percent` of the numeral's ink height; `low`: a pen numeral written below
// the print's baseline, low in the crop. `ink` gets the numeral's ink extent in the crop.
cv::Mat CropWithEdge(const testing::HandFilledHeader& header, bool low, int edge_percent,
                     int thickness, cv::Rect* ink) {
  const cv::Rect box =
      low ? header.number_box - cv::Point(0, header.number_box.height / 6) : header.number_box;
  cv::Mat crop = header.image(box).clone();
  // The numeral's ink: below the line above's letters, which reach into the crop's top.
  const cv::Rect lower(0, crop.rows / 4, crop.cols, crop.rows - crop.rows / 4);
  *ink = InkExtent(crop(lower)) + cv::Point(0, lower.y);
  const int edge_y = ink->y + ink->height * edge_percent / 100;
  const int tilt = thickness / 2;
  cv::line(crop, {0, edge_y - tilt}, {crop.cols - 1, edge_y + tilt}, cv::Scalar::all(0), thickness);
  return crop;
}

// The digit model reads `numeral` through a stamp frame's edge across its crop (CropWithEdge),
// in grey and in 1-bit; with `small_print`, also with the stamp's 'Chuyển: ....' just above it.
void ExpectReadThroughEdge(const std::string& numeral, bool low, int edge_percent, int thickness,
                           bool small_print) {
  auto reader = MakeReader();
  ASSERT_NE(reader, nullptr);
  for (ScanColour colour : {ScanColour::kGrey, ScanColour::kBilevel}) {
    SCOPED_TRACE(colour == ScanColour::kGrey ? "grey" : "bilevel");
    testing::HandFilledHeader header = testing::RenderHandFilledHeader(numeral, "17", "01", colour);
    cv::Rect ink;
    cv::Mat crop = CropWithEdge(header, low, edge_percent, thickness, &ink);
    ASSERT_GT(ink.height, 20);
    EXPECT_EQ(DigitModelBest(*reader, crop, header.dpi), numeral);
    if (!small_print) continue;
    cv::putText(crop, "Chuyen: .........", {ink.x, ink.y - 3}, cv::FONT_HERSHEY_SIMPLEX, 0.6,
                cv::Scalar::all(0), 1);
    EXPECT_EQ(DigitModelBest(*reader, crop, header.dpi), numeral);
  }
}

// An incoming-mail stamp's frame edge runs through a pen numeral below its middle, and the
// stamp's small print ('Chuyển: ....') sits just above it. The edge goes, the digits it
// crosses stay whole (their lower halves were once left apart and dropped), and the small
// print is not read as part of the numeral.
TEST(FieldReaderTest, StampEdgeThroughNumeralLeavesItsDigits) {
  ExpectReadThroughEdge("358", /*low=*/true, 62, 4, /*small_print=*/true);
}

// A stamp frame's edge as thick as a pen stroke runs through the middle of a numeral whose
// digits stand close: only the strokes crossing it are kept, so the digits stay apart (the
// edge between them, and inside a '0', goes) and each reads as itself.
TEST(FieldReaderTest, ThickEdgeThroughTheMiddleKeepsTheDigitsApart) {
  ExpectReadThroughEdge("8033", /*low=*/false, 50, 9, /*small_print=*/false);
}

// A stamp frame's upright side, tilted 3 degrees, runs through the whole crop just before the
// numeral. It is no '1': the digit model reads the numeral alone.
TEST(FieldReaderTest, FrameSideThroughTheCropIsNoDigit) {
  auto reader = MakeReader();
  ASSERT_NE(reader, nullptr);
  for (ScanColour colour : {ScanColour::kGrey, ScanColour::kBilevel}) {
    SCOPED_TRACE(colour == ScanColour::kGrey ? "grey" : "bilevel");
    testing::HandFilledHeader header = testing::RenderHandFilledHeader("358", "17", "01", colour);
    cv::Mat crop = header.image(header.number_box).clone();
    const cv::Rect ink = InkExtent(crop);
    const int x = ink.x - 10, drift = crop.rows * 5 / 100;
    cv::line(crop, {x + drift, 0}, {x, crop.rows - 1}, cv::Scalar::all(0), 4);
    EXPECT_EQ(DigitModelBest(*reader, crop, header.dpi), "358");
  }
}

}  // namespace
}  // namespace sohoa::ocr

namespace sohoa::ocr {
namespace {

// A stamp scanned grey lies over a pen numeral: its words over the digits' tops and its
// frame's edge along their feet, lighter than the pen. Otsu's cut keeps both in one piece;
// the darkest ink, read when asked for, holds the numeral alone.
TEST(FieldReaderTest, DarkestInkLeavesAPaleStampOverThePenOut) {
  testing::HandFilledHeader header =
      testing::RenderHandFilledHeader("358", "17", "01", ScanColour::kGrey);
  const cv::Rect box = header.number_box;
  cv::Mat stamp(header.image.size(), CV_8UC1, cv::Scalar(255));
  cv::putText(stamp, "Chuyen:", {box.x, box.y + box.height * 2 / 5}, cv::FONT_HERSHEY_SIMPLEX,
              box.height / 40.0, cv::Scalar(165), 4, cv::LINE_AA);
  cv::line(stamp, {box.x - 40, box.y + box.height * 7 / 10},
           {box.x + box.width + 40, box.y + box.height * 7 / 10}, cv::Scalar(165), 5);
  cv::Mat stamped = cv::min(header.image, stamp);
  const cv::Mat crop = stamped(box);

  auto names = [](const std::vector<std::pair<std::string, cv::Mat>>& renderings) {
    std::vector<std::string> out;
    for (const auto& [name, image] : renderings) out.push_back(name);
    return out;
  };
  const std::vector<std::string> plain = names(FieldRenderings(crop));
  EXPECT_EQ(std::count(plain.begin(), plain.end(), "dark"), 0);
  const auto renderings = FieldRenderings(crop, /*darkest_ink=*/true);
  const auto dark = std::find_if(renderings.begin(), renderings.end(),
                                 [](const auto& rendering) { return rendering.first == "dark"; });
  ASSERT_NE(dark, renderings.end());
  const auto otsu = std::find_if(renderings.begin(), renderings.end(),
                                 [](const auto& rendering) { return rendering.first == "otsu"; });
  ASSERT_NE(otsu, renderings.end());
  EXPECT_LT(cv::countNonZero(dark->second < 128), cv::countNonZero(otsu->second < 128));

  auto reader = MakeReader();
  ASSERT_NE(reader, nullptr);
  std::string all;
  bool dark_read = false;
  for (const FieldReading& reading : reader->Read(crop, header.dpi, {.darkest_ink = true})) {
    all += " " + reading.variant + ":" + reading.text;
    dark_read |=
        reading.variant == std::string(kDigitModelVariantPrefix) + "dark" && reading.text == "358";
  }
  EXPECT_TRUE(dark_read) << all;

  // A 1-bit crop has no lighter ink to leave out.
  cv::Mat bilevel;
  cv::threshold(crop, bilevel, 160, 255, cv::THRESH_BINARY);
  const std::vector<std::string> of_bilevel = names(FieldRenderings(bilevel, true));
  EXPECT_EQ(std::count(of_bilevel.begin(), of_bilevel.end(), "dark"), 0);
}

}  // namespace
}  // namespace sohoa::ocr
