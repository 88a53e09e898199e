#include "ocr/reading_order.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "ocr/pdf_writer.h"
#include "tests/ocr/pdf_test_util.h"

namespace sohoa::ocr {
namespace {

constexpr double kPixelsPerPoint = 300.0 / 72.0;

// A line of `text` laid out from `left` to `right` (points, top-left origin) with its top at
// `top` and `height` points tall, at 300 dpi: words get widths in proportion to their length
// and gaps of a third of the height, as a Tesseract line of printed text has.
TextLine MakeLine(const std::string& text, double left, double right, double top, double height) {
  std::vector<std::string> tokens;
  std::istringstream in(text);
  for (std::string token; in >> token;) tokens.push_back(token);
  size_t letters = 0;
  for (const std::string& token : tokens) letters += token.size();
  const double gap = height / 3;
  const double per_letter = (right - left - gap * (tokens.size() - 1)) / letters;
  TextLine line;
  double x = left;
  const auto px = [](double points) { return static_cast<int>(points * kPixelsPerPoint + 0.5); };
  for (const std::string& token : tokens) {
    Word word;
    word.text = token;
    const double width = per_letter * token.size();
    word.box = {px(x), px(top), px(x + width), px(top + height)};
    word.confidence = 90;
    line.words.push_back(word);
    x += width + gap;
  }
  line.box = {px(left), px(top), px(right), px(top + height)};
  return line;
}

// Joins two lines of one row into one, as Tesseract returns a two-column header's rows.
TextLine Merge(TextLine left, const TextLine& right) {
  left.words.insert(left.words.end(), right.words.begin(), right.words.end());
  left.box.right = right.box.right;
  left.box.top = std::min(left.box.top, right.box.top);
  left.box.bottom = std::max(left.box.bottom, right.box.bottom);
  return left;
}

// The first page of an official letter (Nghị định 30 layout) at 300 dpi, as the engine reads
// it: the header's rows each one line across both columns, then a body of full-width lines.
PageText LetterFirstPage() {
  PageText page;
  page.dpi = 300;
  page.width_px = static_cast<int>(595 * kPixelsPerPoint);
  page.height_px = static_cast<int>(842 * kPixelsPerPoint);
  page.lines = {
      Merge(MakeLine("UBND TỈNH QUẢNG NINH", 111, 262, 77.8, 13.2),
            MakeLine("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 296, 556, 77.8, 13.4)),
      Merge(MakeLine("SỞ NỘI VỤ", 150, 224, 94.3, 13.2),
            MakeLine("Độc lập - Tự do - Hạnh phúc", 330, 522, 94.3, 13.2)),
      Merge(MakeLine("Số: 561/SNV-CCVC", 134, 238, 119.8, 12.5),
            MakeLine("Quảng Ninh, ngày 03 tháng 7 năm 2024", 322, 531, 119.8, 12.5)),
      MakeLine("V/v số hóa hồ sơ cán bộ, công chức, viên", 84, 272, 134.4, 11.0),
      MakeLine("chức và cập nhật Cơ sở dữ liệu quốc gia", 90, 266, 147.6, 11.0),
  };
  for (int i = 0; i < 6; ++i) {
    page.lines.push_back(
        MakeLine("Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc ưu tiên số "
                 "hóa dữ liệu dòng " +
                     std::to_string(i + 1),
                 107, 567, 236.4 + 17.3 * i, i == 0 ? 14.9 : 13.1));
  }
  return page;
}

std::string Joined(const std::string& text) {
  std::istringstream in(text);
  std::string joined;
  for (std::string token; in >> token;) joined += (joined.empty() ? "" : " ") + token;
  return joined;
}

TEST(SplitAtColumnGapsTest, SplitsAHeaderRowAtTheColumnGapOnly) {
  PageText page = LetterFirstPage();
  const size_t body_lines = page.lines.size() - 3;
  SplitAtColumnGaps(&page);
  ASSERT_EQ(page.lines.size(), body_lines + 6);
  EXPECT_EQ(page.lines[0].words.size(), 4u);
  EXPECT_EQ(page.lines[0].words.front().text, "UBND");
  EXPECT_EQ(page.lines[1].words.front().text, "CỘNG");
  EXPECT_EQ(page.lines[0].box.right, page.lines[0].words.back().box.right);
  EXPECT_EQ(page.lines[1].box.left, page.lines[1].words.front().box.left);
  EXPECT_EQ(page.lines[4].words.front().text, "Số:");
  EXPECT_EQ(page.lines[5].words.front().text, "Quảng");
  // Full-width body lines and the subject lines stay whole, boxes untouched.
  const PageText original = LetterFirstPage();
  for (size_t i = 6; i < page.lines.size(); ++i) {
    EXPECT_EQ(page.lines[i].words.size(), original.lines[i - 3].words.size());
    EXPECT_EQ(page.lines[i].box.left, original.lines[i - 3].box.left);
  }
}

TEST(SplitAtColumnGapsTest, KeepsJustifiedSpacing) {
  PageText page;
  page.width_px = 2480;
  page.lines = {MakeLine("một hai ba bốn năm", 100, 400, 100, 12)};
  // Stretch the gaps to half a word height, more than justified text does.
  for (size_t i = 1; i < page.lines[0].words.size(); ++i) {
    for (size_t j = i; j < page.lines[0].words.size(); ++j) {
      page.lines[0].words[j].box.left += 10;
      page.lines[0].words[j].box.right += 10;
    }
  }
  SplitAtColumnGaps(&page);
  EXPECT_EQ(page.lines.size(), 1u);
}

TEST(LineFontSizesTest, BodyLinesShareOneSizeAndHeaderColumnsBridgeTheirGap) {
  PageText page = LetterFirstPage();
  SplitAtColumnGaps(&page);
  const std::vector<double> sizes = LineFontSizes(page);
  ASSERT_EQ(sizes.size(), page.lines.size());
  // Body lines: one size, whatever their own height (14.9 pt for the first).
  for (size_t i = 9; i < page.lines.size(); ++i) EXPECT_DOUBLE_EQ(sizes[i], sizes[8]) << i;
  // The left column (issuing body, number, subject) is drawn in one size large enough that
  // its widest row step (SỞ NỘI VỤ -> Số:, 25 pt) is within 1.5 sizes; same for the right.
  for (size_t i : {2, 4, 6, 7}) EXPECT_DOUBLE_EQ(sizes[i], sizes[0]) << i;
  EXPECT_GE(1.5 * sizes[0], (page.lines[4].box.bottom - page.lines[2].box.bottom));
  EXPECT_DOUBLE_EQ(sizes[3], sizes[1]);
  EXPECT_DOUBLE_EQ(sizes[5], sizes[1]);
  // Never more than half again the body size.
  EXPECT_GT(sizes[0], sizes[8]);
  EXPECT_LE(sizes[0], 1.5 * sizes[8] + 1e-9);
}

TEST(LineFontSizesTest, TableRowsFarApartAreNotJoined) {
  PageText page;
  page.width_px = 2480;
  // A two-column table: a date cell beside a description wrapping onto two lines, rows 2.6
  // line heights apart.
  for (int row = 0; row < 5; ++row) {
    const double top = 100 + row * 2.6 * 13;
    page.lines.push_back(
        Merge(MakeLine("09/2011 - 06/2015", 60, 160, top, 13),
              MakeLine("Viên chức Trung tâm Công nghệ thông tin", 200, 520, top, 13)));
    page.lines.push_back(MakeLine("Thông tin và Truyền thông", 200, 400, top + 16, 13));
  }
  SplitAtColumnGaps(&page);
  const std::vector<double> sizes = LineFontSizes(page);
  for (size_t i = 0; i < sizes.size(); ++i) EXPECT_DOUBLE_EQ(sizes[i], sizes[0]) << i;
}

TEST(LineFontSizesTest, FewLinesKeepTheirOwnHeights) {
  PageText page;
  page.width_px = 2480;
  page.lines = {MakeLine("Nơi nhận:", 60, 160, 100, 12),
                MakeLine("KT. GIÁM ĐỐC", 300, 420, 100, 14)};
  const std::vector<double> sizes = LineFontSizes(page);
  EXPECT_DOUBLE_EQ(sizes[0], page.lines[0].box.height());
  EXPECT_DOUBLE_EQ(sizes[1], page.lines[1].box.height());
}

// The judge is Poppler's pdftotext (plain mode), which rebuilds blocks from geometry: the
// written PDF must read the header's left column before its right column.
TEST(ReadingOrderPdfTest, PdftotextReadsTheHeaderColumnByColumn) {
  PageText page = LetterFirstPage();
  SplitAtColumnGaps(&page);
  const cv::Mat white(page.height_px, page.width_px, CV_8UC1, cv::Scalar(255));
  const EncodedImage image = pdf_test::EncodeJpeg(white);
  const std::filesystem::path dir = sohoa::testing::MakeTempDir("sohoa-order");
  const std::filesystem::path pdf = dir / "letter.pdf";
  ImagePageLayout layout{page, image.width, image.height};
  ASSERT_TRUE(WriteImageDocument(
                  {layout}, [&](int) -> Result<EncodedImage> { return image; },
                  pdf_test::TestInfo(), WriteOptions{}, pdf)
                  .ok());
  const std::string text =
      Joined(pdf_test::RunCommand("pdftotext -enc UTF-8 " + pdf_test::Quoted(pdf) + " -").output);
  const std::string header =
      "UBND TỈNH QUẢNG NINH SỞ NỘI VỤ Số: 561/SNV-CCVC V/v số hóa hồ sơ cán bộ, công chức, viên "
      "chức và cập nhật Cơ sở dữ liệu quốc gia CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự "
      "do - Hạnh phúc Quảng Ninh, ngày 03 tháng 7 năm 2024 Thực hiện";
  EXPECT_EQ(text.substr(0, header.size()), header) << text;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sohoa::ocr
