#include "pipeline/header_rows.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/header_anchors.h"
#include "pipeline/header_fields.h"
#include "pipeline/number_row_words.h"
#include "pipeline/stamp_ink.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/hand_filled_header.h"
#include "tests/testing/header_words.h"

namespace sohoa::pipeline {
namespace {

using testing::ScanColour;

constexpr double kDpi = 300;
constexpr int kFontPx = 54;  // 13 pt at 300 dpi
constexpr int kNumberRowBaseline = 560;
const cv::Scalar kStampRed(40, 40, 200);

// A two-column header rendered on an A4 page: the agency and 'Số: 47 /QĐ-UBND' (numeral in
// blue pen) on the left, the motto and the date row on the right, level with the number row.
// An incoming-mail stamp's red frame, turned 4 degrees, crosses the number row; the stamp's own
// 'Số: 2352' lies above it. `words` gets what a page pass read of it when the number row was
// lost: every printed word but the number row's.
struct StampedHeader {
  cv::Mat image;
  PageText words;
  cv::Rect symbol_box;                  // the ink of '/QĐ-UBND'
  std::vector<cv::Point> frame_points;  // on the frame, away from print
};

// Where the stamp lies and its ink: by default a red frame turned 4 degrees across the number
// row. `along_row` lays its bottom side along the row's baseline, turned 1 degree, and its
// fill-in line's dots through the row (the frame's line over the letters' feet).
struct StampLayout {
  bool along_row = false;
  // Its bottom side along the tops of the row's capitals instead, level.
  bool along_tops = false;
  int frame_width = 4;
  cv::Scalar ink = kStampRed;
};

StampedHeader RenderStampedHeader(ScanColour colour, bool with_number_row = true,
                                  bool with_stamp = true, const StampLayout& layout = {}) {
  StampedHeader header;
  cv::Mat canvas(3508, 2480, CV_8UC3, cv::Scalar::all(255));
  cv::Ptr<cv::freetype::FreeType2> font = cv::freetype::createFreeType2();
  font->loadFontData(testing::VietnameseFontPath(), 0);
  header.words.width_px = canvas.cols;
  header.words.height_px = canvas.rows;
  header.words.dpi = kDpi;
  auto width_of = [&](const std::string& text) {
    int baseline = 0;
    return font->getTextSize(text, kFontPx, -1, &baseline).width;
  };
  // Draws `text` from x at `baseline`; when `read`, its words join the page pass's words.
  auto write = [&](const std::string& text, int x, int baseline, bool read,
                   const cv::Scalar& ink = cv::Scalar::all(0)) {
    font->putText(canvas, text, {x, baseline}, kFontPx, ink, -1, cv::LINE_AA, true);
    if (!read) return;
    header.words.lines.push_back(
        testing::MakeLine(testing::PrintedWords(text, x, baseline, kFontPx, width_of)));
  };
  write("ỦY BAN NHÂN DÂN", 400, 330, true);
  write("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1250, 330, true);
  write("TỈNH QUẢNG NINH", 410, 400, true);
  write("Độc lập - Tự do - Hạnh phúc", 1400, 400, true);
  const std::string label = "Số:";
  const std::string gap = "Số:           ";
  if (with_number_row) {
    write(label, 360, kNumberRowBaseline, false);
    write("/QĐ-UBND", 360 + width_of(gap), kNumberRowBaseline, false);
    header.symbol_box = {360 + width_of(gap), kNumberRowBaseline - kFontPx * 3 / 4,
                         width_of("/QĐ-UBND"), kFontPx};
    cv::putText(canvas, "47", {360 + width_of("Số:  "), kNumberRowBaseline},
                cv::FONT_HERSHEY_SCRIPT_SIMPLEX, 1.8, cv::Scalar(190, 70, 20), 3, cv::LINE_AA);
  }
  write("Quảng Ninh, ngày 17 tháng 01 năm 2025", 1250, kNumberRowBaseline, true);
  write("QUYẾT ĐỊNH", 1000, 800, true);

  // The stamp: a frame 720 x 300 px turned 4 degrees, its bottom side across the number row.
  // Stamp ink darkens the print it covers (the darker of the two inks shows).
  const cv::Mat print = canvas.clone();
  canvas.setTo(cv::Scalar::all(255));
  const cv::RotatedRect frame =
      layout.along_tops  ? cv::RotatedRect({700, kNumberRowBaseline - 33 - 150}, {720, 300}, 0)
      : layout.along_row ? cv::RotatedRect({700, kNumberRowBaseline - 148}, {720, 300}, -1)
                         : cv::RotatedRect({700, kNumberRowBaseline - 160}, {720, 300}, -4);
  cv::Point2f corners[4];
  frame.points(corners);
  for (int i = 0; i < 4; ++i)
    cv::line(canvas, corners[i], corners[(i + 1) % 4], layout.ink, layout.frame_width);
  write("CÔNG VĂN ĐẾN", 540, 290, false, layout.ink);
  write("Số: 2352", 380, 478, false, layout.ink);
  if (layout.along_row) {
    for (int x = 560; x < 1040; x += 14) {
      cv::circle(canvas, {x, kNumberRowBaseline - 30}, 3, layout.ink, -1, cv::LINE_AA);
    }
  }
  canvas = with_stamp ? cv::min(canvas, print) : print;
  // Points on the frame's left and right sides, where no print lies.
  for (double t : {0.2, 0.5, 0.8}) {
    header.frame_points.push_back(corners[0] + (corners[1] - corners[0]) * t);
    header.frame_points.push_back(corners[2] + (corners[3] - corners[2]) * t);
  }
  header.image = AsScanned(canvas, colour);
  return header;
}

cv::Mat Grey(const cv::Mat& image) {
  cv::Mat grey = image;
  if (grey.channels() == 3) cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  return grey;
}

int InkPixels(const cv::Mat& grey) { return cv::countNonZero(grey < 128); }

// The stamp's frame goes, the print it crosses stays (most of it: the strokes along the
// frame's line go with it).
void ExpectStampInkRemoved(ScanColour colour) {
  const StampedHeader header = RenderStampedHeader(colour);
  const cv::Rect band(0, 150, 1300, 550);  // the header's rows, as the row re-read cuts them
  const cv::Mat cleaned = WithoutStampInk(header.image(band), kDpi);
  ASSERT_EQ(cleaned.type(), CV_8UC1);
  const cv::Mat before = Grey(header.image)(band);
  const cv::Point offset = band.tl();
  for (const cv::Point& point : header.frame_points) {
    EXPECT_LT(before.at<uchar>(point - offset), 128) << point;  // the frame is there
    EXPECT_EQ(cleaned.at<uchar>(point - offset), 255) << point;
  }
  const cv::Rect symbol = header.symbol_box - offset;
  const cv::Mat unstamped = Grey(RenderStampedHeader(colour, true, false).image)(band);
  EXPECT_GT(InkPixels(cleaned(symbol)), InkPixels(unstamped(symbol)) * 7 / 10);
  EXPECT_LT(InkPixels(cleaned(symbol)), InkPixels(before(symbol)));
}

TEST(HeaderRowsTest, RemovesStampFrameInColour) { ExpectStampInkRemoved(ScanColour::kColour); }
TEST(HeaderRowsTest, RemovesStampFrameInGrey) { ExpectStampInkRemoved(ScanColour::kGrey); }
TEST(HeaderRowsTest, RemovesStampFrameInBilevel) { ExpectStampInkRemoved(ScanColour::kBilevel); }

void ExpectNumberRowRecovered(ScanColour colour) {
  StampedHeader header = RenderStampedHeader(colour);
  Result<std::unique_ptr<ocr::OcrEngine>> engine = ocr::OcrEngine::Create({});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  ASSERT_FALSE(FindHeaderSlots(header.words).number.has_value());
  ASSERT_TRUE(RecoverNumberRow(header.image, **engine, &header.words));
  const HeaderSlots slots = FindHeaderSlots(header.words);
  ASSERT_TRUE(slots.number.has_value()) << header.words.PlainText();
  EXPECT_EQ(slots.number->suffix, "/QĐ-UBND") << header.words.PlainText();
  const TextLine& row = header.words.lines[slots.number->line];
  EXPECT_EQ(row.words.front().text, "Số:") << header.words.PlainText();
  // The row lies where it was printed, before the date row in reading order.
  EXPECT_NEAR(row.box.left, 360, 20);
  EXPECT_NEAR(row.box.bottom, kNumberRowBaseline, 25);
  EXPECT_LT(slots.number->line, slots.day->line);
  // Read where the stamp's ink was taken away, its words count for half their confidence.
  for (const Word& word : row.words) EXPECT_LE(word.confidence, 50) << word.text;
  // A second call finds the row there and reads nothing again.
  EXPECT_FALSE(RecoverNumberRow(header.image, **engine, &header.words));
}

TEST(HeaderRowsTest, RecoversStampedNumberRowInColour) {
  ExpectNumberRowRecovered(ScanColour::kColour);
}
TEST(HeaderRowsTest, RecoversStampedNumberRowInGrey) {
  ExpectNumberRowRecovered(ScanColour::kGrey);
}
TEST(HeaderRowsTest, RecoversStampedNumberRowInBilevel) {
  ExpectNumberRowRecovered(ScanColour::kBilevel);
}

// A later page's signature block has a date row ('..., ngày ... tháng ... năm') but no motto
// above it: no header, and no strip is read for a number row there. The same page with the
// motto read (ExpectNumberRowRecovered) has its row recovered.
TEST(HeaderRowsTest, ADateRowWithoutTheMottoHasNoNumberRowToRecover) {
  StampedHeader header = RenderStampedHeader(ScanColour::kGrey);
  // The motto's first words alone, or its second row's last two, are enough to tell.
  auto without = [](PageText page, std::initializer_list<std::string_view> keys) {
    for (TextLine& line : page.lines) {
      std::erase_if(line.words, [&](const Word& word) {
        return std::find(keys.begin(), keys.end(), BareKey(word.text)) != keys.end();
      });
    }
    return page;
  };
  EXPECT_TRUE(HasMottoWords(
      without(header.words, {"cong", "hoa", "xa", "hoi", "chu", "doc", "lap", "tu"})));
  header.words = without(header.words, {"cong", "hoa", "xa", "hoi", "chu", "nghia", "doc", "lap",
                                        "tu", "do", "hanh", "phuc"});
  ASSERT_FALSE(HasMottoWords(header.words));
  ASSERT_TRUE(FindHeaderSlots(header.words).day.has_value());
  Result<std::unique_ptr<ocr::OcrEngine>> engine = ocr::OcrEngine::Create({});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  const std::string before = header.words.PlainText();
  EXPECT_FALSE(RecoverNumberRow(header.image, **engine, &header.words));
  EXPECT_EQ(header.words.PlainText(), before);
}

// A stamp in an ink paler than the print (violet scanned grey, or a violet too grey for
// colour to tell apart) with its frame's bottom side along the number row and its dotted
// fill-in line through it: the row is read from the print's darkest ink alone.
void ExpectRowUnderPaleStampRecovered(ScanColour colour) {
  StampedHeader header = RenderStampedHeader(colour, true, true,
                                             {.along_row = true, .ink = cv::Scalar(150, 105, 140)});
  Result<std::unique_ptr<ocr::OcrEngine>> engine = ocr::OcrEngine::Create({});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  ASSERT_TRUE(RecoverNumberRow(header.image, **engine, &header.words));
  const HeaderSlots slots = FindHeaderSlots(header.words);
  ASSERT_TRUE(slots.number.has_value()) << header.words.PlainText();
  // (Tesseract reads the Đ twice now and then: 'QĐÐ'; the metadata reader makes it one.)
  EXPECT_TRUE(slots.number->suffix.starts_with("/QĐ")) << slots.number->suffix;
  EXPECT_TRUE(slots.number->suffix.ends_with("-UBND")) << slots.number->suffix;
}

TEST(HeaderRowsTest, RecoversNumberRowUnderPaleStampInGrey) {
  ExpectRowUnderPaleStampRecovered(ScanColour::kGrey);
}
TEST(HeaderRowsTest, RecoversNumberRowUnderPaleStampInColour) {
  ExpectRowUnderPaleStampRecovered(ScanColour::kColour);
}

// A stamp scanned paler than the print, its frame's bottom side along the number row's
// letters: taking the frame away leaves the print under it (the bars of 'UBND's letters are
// darker than the frame), so the symbol keeps nearly all its ink.
TEST(HeaderRowsTest, PrintUnderAPaleFrameLineStays) {
  const StampLayout pale{.along_row = true, .ink = cv::Scalar(150, 105, 140)};
  const StampedHeader header = RenderStampedHeader(ScanColour::kGrey, true, true, pale);
  const cv::Rect band(0, 150, 1300, 550);
  const cv::Mat cleaned = WithoutStampInk(header.image(band), kDpi);
  const cv::Rect symbol = header.symbol_box - band.tl();
  const cv::Mat unstamped = Grey(RenderStampedHeader(ScanColour::kGrey, true, false).image)(band);
  const int print = InkPixels(unstamped(symbol));
  const int kept = cv::countNonZero((unstamped(symbol) < 128) & (cleaned(symbol) < 128));
  EXPECT_GT(kept, print * 97 / 100);
}

// A stamp as dark as the print (its darkest ink holds the frame too) with its frame's bottom
// side along the tops of the row's capitals: taken away whole, the line takes their tops and
// the label's circumflex with it, and no strip reads the row. Taken away only where no print
// touches it, the row reads, with its type code whole (the frame's bump over 'UBND's
// letters still garbles some of them; the metadata reader corrects what it can).
TEST(HeaderRowsTest, RecoversARowWhoseLetterTopsAFrameRunsAlong) {
  StampedHeader header =
      RenderStampedHeader(ScanColour::kGrey, true, true,
                          {.along_tops = true, .frame_width = 9, .ink = cv::Scalar::all(20)});
  Result<std::unique_ptr<ocr::OcrEngine>> engine = ocr::OcrEngine::Create({});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  ASSERT_TRUE(RecoverNumberRow(header.image, **engine, &header.words));
  const HeaderSlots slots = FindHeaderSlots(header.words);
  ASSERT_TRUE(slots.number.has_value()) << header.words.PlainText();
  EXPECT_NEAR(header.words.lines[slots.number->line].box.left, 360, 20);
  EXPECT_TRUE(slots.number->suffix.starts_with("/QĐ-U")) << slots.number->suffix;
  EXPECT_TRUE(IsSymbolShaped(slots.number->suffix)) << slots.number->suffix;
}

// Without a printed number row, the stamp's own 'Số: 2352' (no symbol) is never taken.
TEST(HeaderRowsTest, NeverTakesTheStampsNumber) {
  StampedHeader header = RenderStampedHeader(ScanColour::kGrey, /*with_number_row=*/false);
  Result<std::unique_ptr<ocr::OcrEngine>> engine = ocr::OcrEngine::Create({});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  const size_t lines = header.words.lines.size();
  EXPECT_FALSE(RecoverNumberRow(header.image, **engine, &header.words));
  EXPECT_EQ(header.words.lines.size(), lines);
  EXPECT_FALSE(FindHeaderSlots(header.words).number.has_value());
}

// A page pass that read the row with its symbol cut short ('/QĐ-': the frame crossing its end
// took the rest) found a number slot, but no number the catalog can take: the row is read
// again, and the symbol comes whole.
TEST(HeaderRowsTest, RereadsARowWhoseSymbolIsCutShort) {
  StampedHeader header = RenderStampedHeader(ScanColour::kGrey);
  const cv::Rect& symbol = header.symbol_box;
  const int top = symbol.y, bottom = symbol.y + symbol.height;
  TextLine row;
  row.words = {{"Số:", {360, top, 440, bottom}, 90},
               {"47", {460, top - 10, symbol.x - 20, bottom}, 60},
               {"/QĐ-", {symbol.x, top, symbol.x + symbol.width / 2, bottom}, 70}};
  row.box = {360, top - 10, symbol.x + symbol.width / 2, bottom};
  // Before the date row, as the page pass orders them.
  header.words.lines.insert(header.words.lines.begin() + 4, std::move(row));
  const HeaderSlots before = FindHeaderSlots(header.words);
  ASSERT_TRUE(before.number.has_value()) << header.words.PlainText();
  ASSERT_EQ(before.number->suffix, "/QĐ-");
  Result<std::unique_ptr<ocr::OcrEngine>> engine = ocr::OcrEngine::Create({});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  ASSERT_TRUE(RecoverNumberRow(header.image, **engine, &header.words));
  const HeaderSlots after = FindHeaderSlots(header.words);
  ASSERT_TRUE(after.number.has_value()) << header.words.PlainText();
  EXPECT_EQ(after.number->suffix, "/QĐ-UBND") << header.words.PlainText();
}

}  // namespace
}  // namespace sohoa::pipeline
