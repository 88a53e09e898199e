#include "pipeline/field_choice.h"

#include <gtest/gtest.h>

#include <optional>

namespace sohoa::pipeline {
namespace {

TEST(FieldChoiceTest, ChoosesPlausibleAgreedValue) {
  using ocr::FieldReading;
  // A day of 71 is impossible; the readings agree on 17.
  std::optional<FieldChoice> day = ChooseField(
      FieldKind::kDay, {{"71", 80, "a"}, {"17", 75, "b"}, {"17", 70, "c"}, {"17", 85, "d"}}, "", 0);
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(day->value, "17");
  EXPECT_FALSE(day->uncertain);
  // Confident plausible print from the full-page pass stands against the digit passes.
  std::optional<FieldChoice> printed_day =
      ChooseField(FieldKind::kDay, {{"07", 90, "a"}, {"07", 90, "b"}}, "17", 92);
  ASSERT_TRUE(printed_day.has_value());
  EXPECT_EQ(printed_day->value, "17");
  // Month 1 and 01 are one value, written with two digits.
  std::optional<FieldChoice> month =
      ChooseField(FieldKind::kMonth, {{"1", 90, "a"}, {"01", 88, "b"}, {"7", 20, "c"}}, "", 0);
  ASSERT_TRUE(month.has_value());
  EXPECT_EQ(month->value, "01");
  // Numbers keep their leading zero (02/QĐ-UBND); a split vote is uncertain.
  std::optional<FieldChoice> number =
      ChooseField(FieldKind::kNumber, {{"02", 50, "a"}, {"62", 45, "b"}, {"82", 40, "c"}}, "", 0);
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->value, "02");
  EXPECT_TRUE(number->uncertain);
  // Only numbers below ten are zero-padded: '074' is no number, however surely read.
  number = ChooseField(FieldKind::kNumber,
                       {{"074", 73, "digits/thick"},
                        {"074", 67, "digits/light"},
                        {"874", 68, "digits/small"},
                        {"874", 46, "digits/otsu"}},
                       "971", 32);
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->value, "874");
  EXPECT_FALSE(ChooseField(FieldKind::kMonth, {{"13", 90, "a"}, {"45", 90, "b"}}, "", 0));
  // The only plausible day is a reading no reader was sure of at all (a scribbled '20' read
  // '80220', and '1' at confidence 0): no value, the field is left unread.
  EXPECT_FALSE(ChooseField(FieldKind::kDay,
                           {{"80220", 7, "digits/otsu"}, {"1", 0, "otsu/line"}, {"3", 4, "x"}},
                           "80", 8));
}

// The page pass read a pen '30' confidently as '20'. The digit model, surely and in every
// rendering, reads as many digits but other ones: its value is taken, for review. Short of
// that (too few renderings, unsure, a digit fewer), the confident page reading stands.
TEST(FieldChoiceTest, UnanimousSureDigitModelOverrulesConfidentPageReading) {
  const std::string model(ocr::kDigitModelVariantPrefix);
  const std::vector<ocr::FieldReading> sure = {{"30", 99, model + "otsu"},
                                               {"30", 99, model + "light"},
                                               {"30", 98, model + "thick"},
                                               {"20", 94, "otsu/line"}};
  std::optional<FieldChoice> day = ChooseField(FieldKind::kDay, sure, "20", 91);
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(day->value, "30");
  EXPECT_TRUE(day->uncertain);
  const std::vector<ocr::FieldReading> two = {sure[0], sure[1], sure[3]};
  EXPECT_EQ(ChooseField(FieldKind::kDay, two, "20", 91)->value, "20");
  std::vector<ocr::FieldReading> unsure = sure;
  unsure[2].confidence = 70;
  EXPECT_EQ(ChooseField(FieldKind::kDay, unsure, "20", 91)->value, "20");
  // Less sure in one rendering, the digit model still overrules with a Tesseract line reading
  // of the same value on its side.
  std::vector<ocr::FieldReading> seconded = unsure;
  seconded.push_back({"30", 79, "light/line"});
  day = ChooseField(FieldKind::kDay, seconded, "20", 91);
  EXPECT_EQ(day->value, "30");
  EXPECT_TRUE(day->uncertain);
  const std::vector<ocr::FieldReading> shorter = {
      {"5", 99, model + "otsu"}, {"5", 99, model + "light"}, {"5", 98, model + "thick"}};
  std::optional<FieldChoice> number = ChooseField(FieldKind::kNumber, shorter, "15", 92);
  EXPECT_EQ(number->value, "15");
  EXPECT_FALSE(number->uncertain);
}

// The page pass read only the last digit of a pen '42' ('2', surely). The digit model reads
// '42' in every rendering: the digit lost before the page's reading is taken, for review. A
// digit more after it (the symbol's slash read as a '1') is not.
TEST(FieldChoiceTest, UnanimousDigitModelRestoresALeadingDigitThePagePassLost) {
  const std::string model(ocr::kDigitModelVariantPrefix);
  const std::vector<ocr::FieldReading> leading = {{"42", 95, model + "otsu"},
                                                  {"42", 96, model + "light"},
                                                  {"42", 95, model + "thick"},
                                                  {"42", 89, "light/line"}};
  std::optional<FieldChoice> number = ChooseField(FieldKind::kNumber, leading, "2", 87);
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->value, "42");
  EXPECT_TRUE(number->uncertain);
  const std::vector<ocr::FieldReading> trailing = {
      {"21", 95, model + "otsu"}, {"21", 96, model + "light"}, {"21", 95, model + "thick"}};
  EXPECT_EQ(ChooseField(FieldKind::kNumber, trailing, "2", 87)->value, "2");
}

// The page pass read a pen '753' surely as '73', a digit lost among those it read. The digit
// model reads '753' in every rendering it is fairly sure of, with a Tesseract line reading on
// its side; its unsure reading of the coloured-ink layer ('9': a stroke or two of the pen's)
// does not count against it. Not so a digit more after those read, nor one the model reads
// unsurely everywhere.
TEST(FieldChoiceTest, UnanimousDigitModelRestoresADigitLostAmongThoseRead) {
  const std::string model(ocr::kDigitModelVariantPrefix);
  std::vector<ocr::FieldReading> inner = {{"9", 38, model + "ink"},     {"753", 74, model + "otsu"},
                                          {"753", 76, model + "light"}, {"753", 86, model + "dark"},
                                          {"753", 75, model + "thick"}, {"153", 80, "otsu/line"},
                                          {"753", 70, "light/line"}};
  std::optional<FieldChoice> number = ChooseField(FieldKind::kNumber, inner, "73", 86);
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->value, "753");
  EXPECT_TRUE(number->uncertain);
  // Without the line reading, the model is not sure enough alone.
  inner.pop_back();
  EXPECT_EQ(ChooseField(FieldKind::kNumber, inner, "73", 86)->value, "73");
  // Unsure in every rendering, it is no vote at all.
  const std::vector<ocr::FieldReading> unsure = {{"753", 50, model + "otsu"},
                                                 {"753", 55, model + "light"},
                                                 {"753", 52, model + "thick"},
                                                 {"753", 70, "light/line"}};
  EXPECT_EQ(ChooseField(FieldKind::kNumber, unsure, "73", 86)->value, "73");
  // A digit more after the last read is the slash's stroke.
  const std::vector<ocr::FieldReading> after = {
      {"731", 95, model + "otsu"}, {"731", 96, model + "light"}, {"731", 95, model + "thick"}};
  EXPECT_EQ(ChooseField(FieldKind::kNumber, after, "73", 87)->value, "73");
}

TEST(FieldChoiceTest, DigitModelOutweighsTesseractAndLongerReadingsGoToReview) {
  const std::string model(ocr::kDigitModelVariantPrefix);
  // Tesseract's '1' for a pen 9 twice against the model's 9 twice: the model's votes weigh
  // double, so 09 wins.
  std::optional<FieldChoice> month = ChooseField(FieldKind::kMonth,
                                                 {{"9", 70, model + "otsu"},
                                                  {"9", 60, model + "thick"},
                                                  {"1", 84, "otsu/line"},
                                                  {"1", 71, "thick/line"}},
                                                 "", 0);
  ASSERT_TRUE(month.has_value());
  EXPECT_EQ(month->value, "09");
  // Agreeing readings of 47 are not outvoted by one longer '471' (a slash read as '1')...
  std::optional<FieldChoice> number = ChooseField(FieldKind::kNumber,
                                                  {{"47", 94, model + "otsu"},
                                                   {"47", 94, model + "light"},
                                                   {"47", 94, model + "thick"},
                                                   {"471", 40, "small/line"}},
                                                  "", 0);
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->value, "47");
  // ...but some reader saw more digits, so the number goes to review however sure 47 reads.
  EXPECT_TRUE(number->uncertain);
  std::optional<FieldChoice> clear = ChooseField(
      FieldKind::kNumber, {{"47", 94, model + "otsu"}, {"47", 94, model + "light"}}, "", 0);
  ASSERT_TRUE(clear.has_value());
  EXPECT_FALSE(clear->uncertain);
}

// A re-reading that lost a digit ('7' of a pen '17') supports the longer value; one that read
// as many digits ('03') read another, and does not: the page pass's '23' (a stroke of the
// label read as a '2') loses to the digit model's '03' read in every rendering.
TEST(FieldChoiceTest, OnlyAReadingWithADigitLessSupportsALongerOne) {
  const std::string model(ocr::kDigitModelVariantPrefix);
  std::optional<FieldChoice> day = ChooseField(FieldKind::kDay,
                                               {{"03", 45, model + "otsu"},
                                                {"03", 45, model + "light"},
                                                {"03", 45, model + "thick"},
                                                {"03", 45, model + "small"},
                                                {"3", 0, "otsu/line"}},
                                               "23", 80);
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(day->value, "03");
  day = ChooseField(FieldKind::kDay,
                    {{"3", 45, model + "otsu"},
                     {"3", 45, model + "light"},
                     {"3", 45, model + "thick"},
                     {"3", 45, model + "small"}},
                    "23", 80);
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(day->value, "23");
}

// The grey renderings err together where a stamp's ink joins the pen's strokes; the darkest
// ink alone, read surely, stands against two of them agreeing, not against three.
TEST(FieldChoiceTest, DarkestInkReadingCountsTwice) {
  const std::string model(ocr::kDigitModelVariantPrefix);
  EXPECT_EQ(ReaderWeight({"7", 90, model + "dark"}), 2.0f);
  EXPECT_EQ(ReaderWeight({"7", 90, model + "otsu"}), 1.0f);
  EXPECT_EQ(ReaderWeight({"7", 90, "dark/line"}), 0.5f);
  std::optional<FieldChoice> number = ChooseField(FieldKind::kNumber,
                                                  {{"198", 46, model + "otsu"},
                                                   {"778", 85, model + "dark"},
                                                   {"198", 56, model + "small"},
                                                   {"110", 22, model + "light"}},
                                                  "", 0);
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->value, "778");
  number = ChooseField(FieldKind::kNumber,
                       {{"198", 66, model + "otsu"},
                        {"778", 85, model + "dark"},
                        {"198", 56, model + "small"},
                        {"198", 62, model + "light"}},
                       "", 0);
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->value, "198");
}

// A confident page reading stands, but goes to review when Tesseract's line passes of enough
// renderings all read one other plausible value, however unsure they say they are (a pen '25'
// the page read '24'). Fewer of them, or disagreeing, leave it sure.
TEST(FieldChoiceTest, LinePassesAllReadingAnotherValueSendAConfidentReadingToReview) {
  using ocr::FieldReading;
  std::vector<FieldReading> readings = {{"911845", 20, "digits/otsu"}, {"25", 0, "otsu/line"},
                                        {"90840", 8, "digits/light"},  {"25", 0, "light/line"},
                                        {"90825", 19, "digits/thick"}, {"25", 0, "thick/line"},
                                        {"90925", 24, "digits/small"}, {"25", 0, "small/line"}};
  std::optional<FieldChoice> day = ChooseField(FieldKind::kDay, readings, "24", 88);
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(day->value, "24");
  EXPECT_FLOAT_EQ(day->confidence, 88);
  EXPECT_TRUE(day->uncertain);
  const std::vector<FieldReading> two = {readings[0], readings[1], readings[3]};
  day = ChooseField(FieldKind::kDay, two, "24", 88);
  ASSERT_TRUE(day.has_value());
  EXPECT_FALSE(day->uncertain);
  readings[7].text = "24";
  day = ChooseField(FieldKind::kDay, readings, "24", 88);
  ASSERT_TRUE(day.has_value());
  EXPECT_FALSE(day->uncertain);
}

// Print a stamp's frame line crosses: the page pass read '2171' unsurely, the digit model '7171'
// in every rendering (the line across the '2''s top), one Tesseract line pass '2171' surely.
// That line reading vouches for the page's. A line pass less sure, or of another value, does
// not.
TEST(FieldChoiceTest, ASureLineReadingVouchesForThePageReading) {
  using ocr::FieldReading;
  std::vector<FieldReading> readings = {{"7171", 67, "digits/otsu"},  {"7171", 68, "otsu/line"},
                                        {"7171", 63, "digits/light"}, {"2171", 89, "light/line"},
                                        {"7171", 57, "digits/thick"}, {"7171", 74, "thick/line"},
                                        {"7171", 29, "digits/small"}, {"171", 0, "small/line"}};
  std::optional<FieldChoice> number = ChooseField(FieldKind::kNumber, readings, "2171", 29);
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->value, "2171");
  EXPECT_FLOAT_EQ(number->confidence, 89);
  readings[3].confidence = 50;
  number = ChooseField(FieldKind::kNumber, readings, "2171", 29);
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->value, "7171");
  readings[3] = {"2171", 89, "digits/light"};
  number = ChooseField(FieldKind::kNumber, readings, "2171", 29);
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->value, "7171");
}

// A day past the end of the month read beside it is no reading: of a pen '20' the digit model
// read '30' (in February), a Tesseract line pass '20'.
TEST(FieldChoiceTest, DayPastTheMonthsEndIsNoReading) {
  using ocr::FieldReading;
  const std::vector<FieldReading> readings = {{"30", 46, "digits/otsu"},
                                              {"30", 41, "digits/light"},
                                              {"29", 33, "otsu/line"},
                                              {"20", 44, "thick/line"}};
  std::optional<FieldChoice> day = ChooseField(FieldKind::kDay, readings, "", 0);
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(day->value, "30");
  day = ChooseField(FieldKind::kDay, readings, "", 0, LastDayOfMonth(2, 2024));
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(day->value, "20");
  EXPECT_TRUE(day->uncertain);
  // A confident page reading of a day the month has not is no reading either.
  day =
      ChooseField(FieldKind::kDay, {{"28", 70, "digits/otsu"}}, "30", 95, LastDayOfMonth(2, 2023));
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(day->value, "28");
}

TEST(FieldChoiceTest, LastDayOfMonth) {
  EXPECT_EQ(LastDayOfMonth(2, 2023), 28);
  EXPECT_EQ(LastDayOfMonth(2, 2024), 29);
  EXPECT_EQ(LastDayOfMonth(2, 1900), 28);
  EXPECT_EQ(LastDayOfMonth(2, 0), 29);  // year unread
  EXPECT_EQ(LastDayOfMonth(4, 2025), 30);
  EXPECT_EQ(LastDayOfMonth(12, 2025), 31);
  EXPECT_EQ(LastDayOfMonth(13, 2025), 31);
}

// A last '1' read where the slot cut the pen's last digit: read past the cut, another last
// digit stands for it, with the slash's stroke read as one more '1' left out.
TEST(FieldChoiceTest, ReadPastRightCut) {
  EXPECT_EQ(ReadPastRightCut("2641", "2644"), "2644");
  EXPECT_EQ(ReadPastRightCut("2641", "26441"), "2644");
  EXPECT_EQ(ReadPastRightCut("91", "98"), "98");
  // The same '1' read again (with the slash or without): the cut reading stands.
  EXPECT_EQ(ReadPastRightCut("2641", "2641"), std::nullopt);
  EXPECT_EQ(ReadPastRightCut("2641", "26411"), std::nullopt);
  // Other digits before it, or more of them: another reading, not the cut digit's.
  EXPECT_EQ(ReadPastRightCut("2641", "2684"), std::nullopt);
  EXPECT_EQ(ReadPastRightCut("2641", "26448"), std::nullopt);
  EXPECT_EQ(ReadPastRightCut("2641", ""), std::nullopt);
  // Only a '1' after another digit is a cut digit's stem.
  EXPECT_EQ(ReadPastRightCut("874", "871"), std::nullopt);
  EXPECT_EQ(ReadPastRightCut("1", "4"), std::nullopt);
  EXPECT_TRUE(EndsInCutStem("2641"));
  EXPECT_FALSE(EndsInCutStem("874"));
  EXPECT_FALSE(EndsInCutStem("1"));
}

}  // namespace
}  // namespace sohoa::pipeline
