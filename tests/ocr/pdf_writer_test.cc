#include "ocr/pdf_writer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "tests/ocr/pdf_test_util.h"
#include "tests/testing/fixtures.h"

namespace sohoa::ocr {
namespace {

using pdf_test::BuildPageText;
using pdf_test::EncodeJpeg;
using pdf_test::ExtractWords;
using pdf_test::FixturePage;
using pdf_test::InkShareInsideLines;
using pdf_test::Quoted;
using pdf_test::ReadBytes;
using pdf_test::RunCommand;
using pdf_test::TestInfo;

class PdfWriterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    page_ = new sohoa::testing::RenderedPage(FixturePage(6));
    text_ = new PageText(BuildPageText(*page_));
  }
  static void TearDownTestSuite() {
    delete page_;
    delete text_;
  }
  void SetUp() override { dir_ = sohoa::testing::MakeTempDir("sohoa-pdf"); }
  void TearDown() override {
    if (!HasFailure()) std::filesystem::remove_all(dir_);
  }

  // One upright page drawn from `image` with the fixture text.
  Status WriteOnePage(const EncodedImage& image, const std::filesystem::path& path,
                      const WriteOptions& options = {}) {
    ImagePageLayout layout{*text_, image.width, image.height};
    return WriteImageDocument(
        {layout}, [&](int) -> Result<EncodedImage> { return image; }, TestInfo(), options, path);
  }

  static sohoa::testing::RenderedPage* page_;
  static PageText* text_;
  std::filesystem::path dir_;
};
sohoa::testing::RenderedPage* PdfWriterTest::page_ = nullptr;
PageText* PdfWriterTest::text_ = nullptr;

TEST_F(PdfWriterTest, JpegPageIsValidSearchableAndKeepsTheJpegBytes) {
  const EncodedImage jpeg = EncodeJpeg(page_->image);
  const std::filesystem::path pdf = dir_ / "out.pdf";
  ASSERT_TRUE(WriteOnePage(jpeg, pdf).ok());

  EXPECT_EQ(RunCommand("qpdf --check " + Quoted(pdf)).exit_code, 0);
  const std::string pdfinfo = RunCommand("pdfinfo " + Quoted(pdf)).output;
  EXPECT_NE(pdfinfo.find("Pages:           1\n"), std::string::npos) << pdfinfo;
  EXPECT_NE(pdfinfo.find(fmt::format("Page size:       {:.2f} x {:.2f} pts",
                                     text_->width_px * 72.0 / text_->dpi,
                                     text_->height_px * 72.0 / text_->dpi)),
            std::string::npos)
      << pdfinfo;
  EXPECT_NE(pdfinfo.find("Encrypted:       no"), std::string::npos) << pdfinfo;

  const std::string fonts = RunCommand("pdffonts " + Quoted(pdf)).output;
  EXPECT_NE(fonts.find("GlyphLessFont"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("CID TrueType      Identity-H       yes no  yes"), std::string::npos)
      << fonts;

  // Exactly the page's lines, in order, diacritics intact.
  std::string extracted = RunCommand("pdftotext " + Quoted(pdf) + " -").output;
  std::string expected;
  for (const auto& line : page_->lines) expected += line.text + "\n";
  while (!extracted.empty() && (extracted.back() == '\f' || extracted.back() == '\n')) {
    extracted.pop_back();
  }
  std::string compact;  // pdftotext separates blocks with blank lines
  for (size_t i = 0; i < extracted.size(); ++i) {
    if (extracted[i] == '\n' && i + 1 < extracted.size() && extracted[i + 1] == '\n') continue;
    compact += extracted[i];
  }
  EXPECT_EQ(compact + "\n", expected);
  const std::string layout = RunCommand("pdftotext -layout " + Quoted(pdf) + " -").output;
  size_t previous = 0;
  for (const auto& line : page_->lines) {
    const size_t at = layout.find(line.text, previous);
    ASSERT_NE(at, std::string::npos) << line.text << "\n" << layout;
    previous = at;
  }

  QPDF qpdf;
  qpdf.processFile(pdf.c_str());
  QPDFPageObjectHelper qpdf_page = QPDFPageDocumentHelper(qpdf).getAllPages().at(0);
  std::map<std::string, QPDFObjectHandle> images = qpdf_page.getImages();
  ASSERT_EQ(images.size(), 1u);
  QPDFObjectHandle image = images.begin()->second;
  EXPECT_EQ(image.getDict().getKey("/Filter").getName(), "/DCTDecode");
  EXPECT_EQ(image.getDict().getKey("/ColorSpace").getName(), "/DeviceGray");
  std::shared_ptr<Buffer> raw = image.getRawStreamData();
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize()),
            jpeg.data);

  const double overhead =
      static_cast<double>(std::filesystem::file_size(pdf)) - static_cast<double>(jpeg.data.size());
  RecordProperty("pdf_bytes_minus_jpeg_bytes", std::to_string(overhead));
  std::printf("[ size ] pdf %ju bytes, jpeg %zu bytes, overhead %.0f bytes\n",
              static_cast<uintmax_t>(std::filesystem::file_size(pdf)), jpeg.data.size(), overhead);
  EXPECT_LT(overhead, 20000);
}

TEST_F(PdfWriterTest, WordBoxesLieOnTheirInk) {
  const std::filesystem::path pdf = dir_ / "out.pdf";
  ASSERT_TRUE(WriteOnePage(EncodeJpeg(page_->image), pdf).ok());
  const std::vector<pdf_test::ExtractedWord> words = ExtractWords(pdf, 1);
  std::vector<Word> expected;
  for (const TextLine& line : text_->lines) {
    expected.insert(expected.end(), line.words.begin(), line.words.end());
  }
  ASSERT_EQ(words.size(), expected.size());
  const cv::Mat render = pdf_test::RenderPage(pdf, 1, 72);
  ASSERT_FALSE(render.empty());
  const double to_points = 72.0 / text_->dpi;
  for (size_t i = 0; i < words.size(); ++i) {
    SCOPED_TRACE(expected[i].text);
    EXPECT_EQ(words[i].text, expected[i].text);
    EXPECT_NEAR(words[i].x_min, expected[i].box.left * to_points, 1.0);
    EXPECT_NEAR(words[i].x_max, expected[i].box.right * to_points, 1.0);
    EXPECT_NEAR(words[i].y_min, expected[i].box.top * to_points, 1.0);
    EXPECT_NEAR(words[i].y_max, expected[i].box.bottom * to_points, 1.0);
    const cv::Rect box(
        cv::Point(static_cast<int>(words[i].x_min), static_cast<int>(words[i].y_min)),
        cv::Point(static_cast<int>(std::ceil(words[i].x_max)),
                  static_cast<int>(std::ceil(words[i].y_max))));
    cv::Mat dark = render(box & cv::Rect(0, 0, render.cols, render.rows)) < 160;
    EXPECT_GT(cv::countNonZero(dark), box.area() / 20);
  }
}

TEST_F(PdfWriterTest, SkewedScanIsDrawnUprightWithoutReencoding) {
  constexpr double kSkewDegrees = 4;
  const cv::Mat skewed = sohoa::testing::SkewPage(page_->image, kSkewDegrees);
  // SkewPage's own forward transform (upright -> skewed), inverted: skewed -> upright.
  cv::Mat forward = cv::getRotationMatrix2D(
      cv::Point2f(page_->image.cols / 2.0f, page_->image.rows / 2.0f), kSkewDegrees, 1.0);
  forward.at<double>(0, 2) += (skewed.cols - page_->image.cols) / 2.0;
  forward.at<double>(1, 2) += (skewed.rows - page_->image.rows) / 2.0;
  cv::Mat inverse;
  cv::invertAffineTransform(forward, inverse);
  PageText text = *text_;
  for (int i = 0; i < 6; ++i) text.source_to_upright[i] = inverse.at<double>(i / 3, i % 3);

  const EncodedImage jpeg = EncodeJpeg(skewed);
  const std::filesystem::path pdf = dir_ / "skewed.pdf";
  ImagePageLayout layout{text, skewed.cols, skewed.rows};
  ASSERT_TRUE(WriteImageDocument(
                  {layout}, [&](int) -> Result<EncodedImage> { return jpeg; }, TestInfo(), {}, pdf)
                  .ok());
  EXPECT_EQ(RunCommand("qpdf --check " + Quoted(pdf)).exit_code, 0);
  const cv::Mat render = pdf_test::RenderPage(pdf, 1, 72);
  ASSERT_NEAR(render.cols, text.width_px * 72.0 / text.dpi, 1.0);
  // Upright: nearly all ink lies inside the upright line boxes. Drawn skewed, a 4 degree tilt
  // moves a line's ends by ~30 pt, far outside them.
  EXPECT_GT(InkShareInsideLines(render, 72, text, 1.5), 0.97);

  // The same scan drawn without the transform is visibly skewed (guards the measure itself).
  ImagePageLayout as_scanned{*text_, skewed.cols, skewed.rows};
  as_scanned.text.width_px = skewed.cols;
  as_scanned.text.height_px = skewed.rows;
  const std::filesystem::path raw_pdf = dir_ / "as-scanned.pdf";
  ASSERT_TRUE(
      WriteImageDocument(
          {as_scanned}, [&](int) -> Result<EncodedImage> { return jpeg; }, TestInfo(), {}, raw_pdf)
          .ok());
  EXPECT_LT(InkShareInsideLines(pdf_test::RenderPage(raw_pdf, 1, 72), 72, text, 1.5), 0.8);

  // keep_skew: the page is the scan's own frame; the text layer follows the tilted lines.
  const std::filesystem::path kept = dir_ / "kept.pdf";
  WriteOptions options;
  options.keep_skew = true;
  ASSERT_TRUE(
      WriteImageDocument(
          {layout}, [&](int) -> Result<EncodedImage> { return jpeg; }, TestInfo(), options, kept)
          .ok());
  EXPECT_EQ(RunCommand("qpdf --check " + Quoted(kept)).exit_code, 0);
  QPDF qpdf;
  qpdf.processFile(kept.c_str());
  QPDFObjectHandle::Rectangle media =
      QPDFPageDocumentHelper(qpdf).getAllPages().at(0).getMediaBox().getArrayAsRectangle();
  EXPECT_NEAR(media.urx, skewed.cols * 72.0 / text.dpi, 0.01);
  EXPECT_NEAR(media.ury, skewed.rows * 72.0 / text.dpi, 0.01);
  // Poppler splits words wherever a tilted baseline drifts by 0.5 pt, so with keep_skew only
  // the characters survive extraction intact, not the word order.
  const auto sorted_characters = [](const std::string& utf8) {
    std::vector<std::string> characters;
    for (size_t i = 0; i < utf8.size();) {
      size_t length = 1;
      while (i + length < utf8.size() && (utf8[i + length] & 0xC0) == 0x80) ++length;
      if (!std::isspace(static_cast<unsigned char>(utf8[i]))) {
        characters.push_back(utf8.substr(i, length));
      }
      i += length;
    }
    std::sort(characters.begin(), characters.end());
    return characters;
  };
  EXPECT_EQ(sorted_characters(RunCommand("pdftotext " + Quoted(kept) + " -").output),
            sorted_characters(text.PlainText()));
  // Each word's extracted box (axis-aligned around the tilted glyphs) covers its ink.
  const cv::Mat kept_render = pdf_test::RenderPage(kept, 1, 72);
  for (const pdf_test::ExtractedWord& word : ExtractWords(kept, 1)) {
    SCOPED_TRACE(word.text);
    const cv::Rect box(cv::Point(static_cast<int>(word.x_min), static_cast<int>(word.y_min)),
                       cv::Point(static_cast<int>(std::ceil(word.x_max)),
                                 static_cast<int>(std::ceil(word.y_max))));
    cv::Mat dark = kept_render(box & cv::Rect(0, 0, kept_render.cols, kept_render.rows)) < 160;
    EXPECT_GT(cv::countNonZero(dark), box.area() / 30);
  }
}

}  // namespace
}  // namespace sohoa::ocr
