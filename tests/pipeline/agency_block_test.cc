#include "pipeline/agency_block.h"

#include <gtest/gtest.h>

#include <cctype>
#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <utility>
#include <vector>

#include "index/vietnamese_text.h"
#include "preprocess/page_cleaner.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/hand_filled_header.h"
#include "tests/testing/header_words.h"

namespace sohoa::pipeline {
namespace {

using testing::ScanColour;

constexpr double kDpi = 300;
constexpr int kFontPx = 54;       // 13 pt at 300 dpi
constexpr int kStampFontPx = 34;  // 8 pt
constexpr int kMottoLeft = 1250;
constexpr int kMottoSecondRowLeft = 1400;
constexpr int kFirstRowBaseline = 330;
constexpr int kSecondRowBaseline = 400;
constexpr int kNumberRowBaseline = 560;

// Where an incoming-mail stamp lies on the header: none; over the agency's two lines, its words
// on theirs (only a colour or a grey level tells them apart); or beside them, its title above
// the agency, its fields level with the agency's lines and left of them, and its frame's side
// across them.
enum class StampPlace { kNone, kOverAgency, kBesideAgency };

// A two-column header on an A4 page: 'UBND TỈNH QUẢNG NINH / SỞ THÔNG TIN VÀ TRUYỀN THÔNG'
// and 'Số: 47/QĐ-STTTT' on the left; the motto and the date row on the right. `words` is what
// a page pass read of the printed words and the stamp's, without the agency's lines (the
// stamp garbles them).
struct StampedAgency {
  cv::Mat image;
  PageText words;
};

StampedAgency RenderStampedAgency(ScanColour colour, StampPlace place) {
  StampedAgency header;
  cv::Mat print(3508, 2480, CV_8UC3, cv::Scalar::all(255));
  cv::Mat stamp = print.clone();
  cv::Ptr<cv::freetype::FreeType2> font = cv::freetype::createFreeType2();
  font->loadFontData(testing::VietnameseFontPath(), 0);
  header.words = testing::A4Page();
  auto write = [&](cv::Mat& canvas, const std::string& text, int x, int baseline, int size,
                   const cv::Scalar& ink, bool read) {
    font->putText(canvas, text, {x, baseline}, size, ink, -1, cv::LINE_AA, true);
    if (!read) return;
    auto width_of = [&](const std::string& part) {
      int unused = 0;
      return font->getTextSize(part, size, -1, &unused).width;
    };
    header.words.lines.push_back(
        testing::MakeLine(testing::PrintedWords(text, x, baseline, size, width_of)));
  };
  const cv::Scalar black = cv::Scalar::all(0);
  write(print, "UBND TỈNH QUẢNG NINH", 440, kFirstRowBaseline, kFontPx, black, false);
  write(print, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", kMottoLeft, kFirstRowBaseline, kFontPx, black,
        true);
  write(print, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", 300, kSecondRowBaseline, kFontPx, black, false);
  write(print, "Độc lập - Tự do - Hạnh phúc", kMottoSecondRowLeft, kSecondRowBaseline, kFontPx,
        black, true);
  write(print, "Số: 47/QĐ-STTTT", 420, kNumberRowBaseline, kFontPx, black, true);
  write(print, "Quảng Ninh, ngày 17 tháng 01 năm 2025", kMottoLeft, kNumberRowBaseline, kFontPx,
        black, true);
  write(print, "QUYẾT ĐỊNH", 1000, 800, kFontPx, black, true);
  if (place != StampPlace::kNone) {
    // A red stamp 290 px tall turned 2 degrees: the receiving body in small print, the title,
    // and its fields with a pen's values.
    const cv::Scalar red(40, 40, 200);
    const bool over = place == StampPlace::kOverAgency;
    const cv::Point2i corner = over ? cv::Point2i(300, 225) : cv::Point2i(60, 150);
    // Beside, its right side runs between two letters of the agency's first line: one along a
    // round stroke takes that stroke with it ('QUẢNG' reads 'UẢNG').
    const int width = over ? 700 : 640;
    const cv::RotatedRect frame(cv::Point2f(corner.x + width / 2, corner.y + 145),
                                cv::Size2f(width, 290), -2);
    cv::Point2f corners[4];
    frame.points(corners);
    for (int i = 0; i < 4; ++i) cv::line(stamp, corners[i], corners[(i + 1) % 4], red, 4);
    write(stamp, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH", corner.x + 40, corner.y + 45, kStampFontPx, red,
          true);
    write(stamp, "CÔNG VĂN ĐẾN", corner.x + 180, corner.y + 100, 44, red, true);
    const int field_x = corner.x + 30;
    write(stamp, "Số: 2352", field_x, over ? corner.y + 180 : kFirstRowBaseline, kStampFontPx, red,
          true);
    write(stamp, "Ngày: 21/3", field_x, over ? corner.y + 250 : kSecondRowBaseline, kStampFontPx,
          red, true);
  }
  // Stamp ink darkens the print it covers (the darker of the two inks shows).
  header.image = testing::AsScanned(cv::min(print, stamp), colour);
  return header;
}

std::string Folded(const std::string& text) {
  std::string folded = index::FoldVietnamese(text);
  for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return folded;
}

std::string Folded(const std::vector<std::string>& lines) {
  std::string all;
  for (const std::string& line : lines) all += Folded(line) + "\n";
  return all;
}

TEST(AgencyBlockTest, BoxLiesLeftOfTheMottoFromItsRowToTheNumberRow) {
  const StampedAgency header = RenderStampedAgency(ScanColour::kGrey, StampPlace::kNone);
  const std::optional<PixelBox> box = AgencyBlockBox(header.words);
  ASSERT_TRUE(box.has_value());
  // It ends at the motto's second row, centred under the first (the agency's second line may
  // run on past the first row's start).
  EXPECT_LT(box->right, kMottoSecondRowLeft);
  EXPECT_GT(box->right, kMottoSecondRowLeft - kFontPx);
  // The first row's capitals (and their marks) lie inside, the number row below.
  EXPECT_LE(box->top, kFirstRowBaseline - kFontPx);
  EXPECT_GT(box->bottom, kSecondRowBaseline + kFontPx / 4);
  EXPECT_LE(box->bottom, kNumberRowBaseline - kFontPx / 2);
  EXPECT_LE(box->left, 300);
}

TEST(AgencyBlockTest, NoBoxWithoutAMotto) {
  StampedAgency header = RenderStampedAgency(ScanColour::kGrey, StampPlace::kNone);
  std::erase_if(header.words.lines, [](const TextLine& line) {
    return Folded(line.words.front().text) == "cong" || Folded(line.words.front().text) == "doc";
  });
  EXPECT_FALSE(AgencyBlockBox(header.words).has_value());
}

// The agency's two lines are read whole, and nothing of the stamp gets in: not its title, its
// number or date, nor the receiving body's name (itself an agency's). Nor the start of the
// motto's first row, which the block's crop takes in.
void ExpectAgencyReadWithoutTheStamp(ScanColour colour, StampPlace place) {
  const StampedAgency header = RenderStampedAgency(colour, place);
  Result<std::unique_ptr<ocr::OcrEngine>> engine = ocr::OcrEngine::Create({});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  // The page as the page pass reads it: cleaned, coloured ink faded.
  Result<preprocess::CleanPage> clean = preprocess::CleanForOcr(header.image, kDpi, 0, 0, {});
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  ASSERT_EQ(clean->image.size(), header.image.size());
  const std::vector<std::string> lines = ReadAgencyBlock(clean->image, **engine, header.words);
  const std::string folded = Folded(lines);
  EXPECT_NE(folded.find("ubnd tinh quang ninh\n"), std::string::npos) << folded;
  EXPECT_NE(folded.find("so thong tin va truyen thong\n"), std::string::npos) << folded;
  EXPECT_EQ(folded.find("den"), std::string::npos) << folded;
  EXPECT_EQ(folded.find("uy ban"), std::string::npos) << folded;
  EXPECT_EQ(folded.find("cong"), std::string::npos) << folded;  // nor the motto's start
  EXPECT_EQ(folded.find_first_of("0123456789"), std::string::npos) << folded;
}

TEST(AgencyBlockTest, ReadsTheAgencyUnderAStampInColour) {
  ExpectAgencyReadWithoutTheStamp(ScanColour::kColour, StampPlace::kOverAgency);
}
TEST(AgencyBlockTest, ReadsTheAgencyUnderAStampInGrey) {
  ExpectAgencyReadWithoutTheStamp(ScanColour::kGrey, StampPlace::kOverAgency);
}
TEST(AgencyBlockTest, ReadsTheAgencyBesideAStampInColour) {
  ExpectAgencyReadWithoutTheStamp(ScanColour::kColour, StampPlace::kBesideAgency);
}
TEST(AgencyBlockTest, ReadsTheAgencyBesideAStampInGrey) {
  ExpectAgencyReadWithoutTheStamp(ScanColour::kGrey, StampPlace::kBesideAgency);
}
TEST(AgencyBlockTest, ReadsTheAgencyBesideAStampInBilevel) {
  ExpectAgencyReadWithoutTheStamp(ScanColour::kBilevel, StampPlace::kBesideAgency);
}
TEST(AgencyBlockTest, ReadsAnUnstampedAgency) {
  ExpectAgencyReadWithoutTheStamp(ScanColour::kBilevel, StampPlace::kNone);
}

// A line of `texts` read at `confidence`, one word every 50 px from x = 100.
TextLine LineOf(std::initializer_list<std::string> texts, int top, int height,
                float confidence = 90) {
  TextLine line;
  int left = 100;
  for (const std::string& text : texts) {
    line.words.push_back(Word{text, PixelBox{left, top, left + 40, top + height}, confidence});
    left += 50;
  }
  line.box = PixelBox{100, top, left, top + height};
  return line;
}

// Gives `first` for the first block read and `others` for every later one, counting them.
class FixedBlockEngine : public ocr::OcrEngine {
 public:
  FixedBlockEngine(PageText first, PageText others)
      : first_(std::move(first)), others_(std::move(others)) {}
  Result<PageText> Recognize(const cv::Mat&, double) override { return PageText{}; }
  Result<PageText> RecognizeBlock(const cv::Mat&, double) override {
    return blocks_read++ == 0 ? first_ : others_;
  }
  int blocks_read = 0;

 private:
  PageText first_, others_;
};

// A block the first rendering reads whole and clean (four well-formed words or more, each
// sure, nothing left out) is not read again; one with a stamp's word left out, or a word read
// unsure, is read in the other renderings too, and the better formed reading is taken.
TEST(AgencyBlockTest, ACleanFirstReadingIsNotReadAgain) {
  const StampedAgency header = RenderStampedAgency(ScanColour::kGrey, StampPlace::kNone);
  const cv::Mat upright(header.image.size(), CV_8UC1, cv::Scalar(255));
  PageText clean, better;
  clean.lines = {LineOf({"UBND", "TỈNH", "QUẢNG", "NINH"}, 0, 30),
                 LineOf({"SỞ", "NỘI", "VỤ"}, 40, 30)};
  better.lines = {LineOf({"UBND", "TỈNH", "QUẢNG", "NINH"}, 0, 30),
                  LineOf({"SỞ", "THÔNG", "TIN", "VÀ", "TRUYỀN", "THÔNG"}, 40, 30)};
  FixedBlockEngine once(clean, better);
  EXPECT_EQ(ReadAgencyBlock(upright, once, header.words),
            (std::vector<std::string>{"UBND TỈNH QUẢNG NINH", "SỞ NỘI VỤ"}));
  EXPECT_EQ(once.blocks_read, 1);

  PageText stamped = clean;
  stamped.lines.insert(stamped.lines.begin() + 1, LineOf({"CÔNG", "VĂN", "ĐẾN"}, 20, 20));
  PageText unsure = clean;
  unsure.lines[1].words[1].confidence = 70;
  for (const PageText& first : {stamped, unsure}) {
    FixedBlockEngine again(first, better);
    EXPECT_EQ(ReadAgencyBlock(upright, again, header.words),
              (std::vector<std::string>{"UBND TỈNH QUẢNG NINH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"}));
    EXPECT_GE(again.blocks_read, 2);
  }
}

// What a reading of the block keeps, word by word: the name's capitals, not the stamp's small
// print, specks and strokes read as a consonant, a field's label and value, nor a stamp's title
// and the receiving body's smaller name above it.
TEST(AgencyBlockTest, LinesKeepTheNamesWordsOnly) {
  PageText read;
  read.lines = {LineOf({"UBND", "HUYỆN", "BÌNH", "LIÊU"}, 0, 20),
                LineOf({"CÔNG", "VĂN", "ĐẾN"}, 30, 30),
                LineOf({"ỦY", "BAN", "NHÂN", "DÂN", "khan"}, 70, 30),
                LineOf({"l", "TỈNH", "QUẢNG", "NINH", ".C"}, 110, 30),
                LineOf({"Ngày:", "21/3", "SỞ", "NỘI", "VỤ"}, 150, 30),
                LineOf({"2352", "Chuyển", "k"}, 190, 30)};
  EXPECT_EQ(AgencyBlockLines(read),
            (std::vector<std::string>{"ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NINH", "SỞ NỘI VỤ"}));
}

}  // namespace
}  // namespace sohoa::pipeline
