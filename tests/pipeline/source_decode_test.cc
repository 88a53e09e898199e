// DecodePage and EncodedImageForPage on generated images and hand-made PDFs. The G4 and JPEG
// passthrough data is checked by embedding it in a PDF and rendering that with Poppler.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "pipeline/source.h"
#include "pipeline/source_internal.h"
#include "tests/pipeline/source_test_util.h"
#include "tests/testing/fixtures.h"

namespace sohoa::pipeline {
namespace {

using test::ReadAll;
using test::WriteAll;

class SourceDecodeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    WarmUpPdfRendering();
    dir_ = new std::filesystem::path(sohoa::testing::MakeTempDir("source_decode"));
    page_ = new cv::Mat(test::TextPage(150));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete page_;
  }
  static std::filesystem::path Path(const std::string& name) { return *dir_ / name; }
  static SourceInfo Probe(const std::filesystem::path& path) {
    auto info = ProbeSource(path);
    EXPECT_TRUE(info.ok()) << info.status().ToString();
    return info.ok() ? *info : SourceInfo{};
  }
  static DecodedPage Decode(const SourceInfo& info, int page) {
    auto decoded = DecodePage(info, page, DecodeLimits{});
    EXPECT_TRUE(decoded.ok()) << decoded.status().ToString();
    return decoded.ok() ? *decoded : DecodedPage{};
  }
  // Share of pixels whose grey level differs by more than 64.
  static double DifferentShare(const cv::Mat& a, const cv::Mat& b) {
    if (a.size() != b.size()) return 1;
    cv::Mat diff;
    cv::absdiff(a, b, diff);
    return static_cast<double>(cv::countNonZero(diff > 64)) / static_cast<double>(a.total());
  }

  static std::filesystem::path* dir_;
  static cv::Mat* page_;
};
std::filesystem::path* SourceDecodeTest::dir_ = nullptr;
cv::Mat* SourceDecodeTest::page_ = nullptr;

TEST_F(SourceDecodeTest, PngWithResolution) {
  const auto path = Path("page.png");
  auto pix = test::MatToPix8(*page_, 150);
  ASSERT_EQ(pixWrite(path.c_str(), pix.get(), IFF_PNG), 0);
  const DecodedPage page = Decode(Probe(path), 0);
  EXPECT_EQ(page.pixels.type(), CV_8UC1);
  EXPECT_EQ(page.pixels.size(), page_->size());
  EXPECT_DOUBLE_EQ(page.dpi, 150);
  EXPECT_FALSE(page.dpi_estimated);
  EXPECT_FALSE(page.bilevel);
  EXPECT_EQ(DifferentShare(page.pixels, *page_), 0);
}

TEST_F(SourceDecodeTest, Jpeg72DpiIsEstimatedFromA4) {
  cv::Mat a4(3508, 2480, CV_8UC1, cv::Scalar(255));
  page_->copyTo(a4(cv::Rect(0, 0, page_->cols, page_->rows)));
  const auto path = Path("a4_72dpi.jpg");
  auto pix = test::MatToPix8(a4, 72);
  ASSERT_EQ(pixWrite(path.c_str(), pix.get(), IFF_JFIF_JPEG), 0);
  const SourceInfo info = Probe(path);
  const DecodedPage page = Decode(info, 0);
  EXPECT_EQ(page.pixels.cols, 2480);
  EXPECT_EQ(page.pixels.rows, 3508);
  EXPECT_DOUBLE_EQ(page.dpi, 300);
  EXPECT_TRUE(page.dpi_estimated);

  // JPEG bytes pass through unchanged.
  auto encoded = EncodedImageForPage(info, 0);
  ASSERT_TRUE(encoded.ok()) << encoded.status().ToString();
  EXPECT_EQ(encoded->encoding, ocr::EncodedImage::Encoding::kJpeg);
  EXPECT_EQ(encoded->data, ReadAll(path));
  EXPECT_EQ(encoded->width, 2480);
  EXPECT_EQ(encoded->height, 3508);
  EXPECT_EQ(encoded->components, 1);
}

TEST_F(SourceDecodeTest, ColourJpegWithoutDpiFallsBackTo300) {
  cv::Mat colour(500, 700, CV_8UC3, cv::Scalar(255, 0, 0));  // blue in BGR; no paper fits
  const auto path = Path("square.jpg");
  ASSERT_TRUE(cv::imwrite(path.string(), colour));
  const SourceInfo info = Probe(path);
  const DecodedPage page = Decode(info, 0);
  ASSERT_EQ(page.pixels.type(), CV_8UC3);
  const cv::Vec3b centre = page.pixels.at<cv::Vec3b>(250, 350);
  EXPECT_GT(centre[0], 200);  // still blue: channels are BGR
  EXPECT_LT(centre[2], 60);
  EXPECT_DOUBLE_EQ(page.dpi, 300);
  EXPECT_TRUE(page.dpi_estimated);
  auto encoded = EncodedImageForPage(info, 0);
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->components, 3);
}

TEST_F(SourceDecodeTest, TruncatedJpegDecodeIsInvalidInput) {
  const auto whole = Path("whole.jpg");
  ASSERT_TRUE(cv::imwrite(whole.string(), *page_));
  const auto half = Path("half.jpg");
  const std::string bytes = ReadAll(whole);
  WriteAll(half, bytes.substr(0, bytes.size() / 2));
  SourceInfo info;  // bypass the probe, which refuses it already
  info.path = half;
  info.format = SourceFormat::kJpeg;
  info.page_count = 1;
  auto page = DecodePage(info, 0, DecodeLimits{});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(page.status().message().find("truncated JPEG"), std::string::npos);
  // An EOI appended to the cut data must not fool the decoder check.
  WriteAll(half, bytes.substr(0, bytes.size() / 2) + "\xFF\xD9");
  page = DecodePage(info, 0, DecodeLimits{});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kInvalidInput) << page.status().ToString();
}

TEST_F(SourceDecodeTest, MultiPageTiffG4AndLzw) {
  const auto path = Path("mixed.tif");
  auto one_bit = test::MatToPix1(*page_, 150);
  auto grey = test::MatToPix8(*page_, 200);
  ASSERT_EQ(pixWriteTiff(path.c_str(), one_bit.get(), IFF_TIFF_G4, "w"), 0);
  ASSERT_EQ(pixWriteTiff(path.c_str(), grey.get(), IFF_TIFF_LZW, "a"), 0);
  const SourceInfo info = Probe(path);
  ASSERT_EQ(info.page_count, 2);

  const DecodedPage bilevel = Decode(info, 0);
  EXPECT_TRUE(bilevel.bilevel);
  EXPECT_EQ(bilevel.pixels.type(), CV_8UC1);
  EXPECT_DOUBLE_EQ(bilevel.dpi, 150);
  cv::Mat thresholded = *page_ >= 128;  // white 255, black 0, as the decoder gives
  EXPECT_EQ(DifferentShare(bilevel.pixels, thresholded), 0);

  const DecodedPage lzw = Decode(info, 1);
  EXPECT_FALSE(lzw.bilevel);
  EXPECT_DOUBLE_EQ(lzw.dpi, 200);
  EXPECT_EQ(DifferentShare(lzw.pixels, *page_), 0);

  // Page 1: raw G4 strip; page 2: Flate of the grey samples.
  auto g4 = EncodedImageForPage(info, 0);
  ASSERT_TRUE(g4.ok()) << g4.status().ToString();
  EXPECT_EQ(g4->encoding, ocr::EncodedImage::Encoding::kCcittG4);
  EXPECT_EQ(g4->width, page_->cols);
  EXPECT_EQ(g4->height, page_->rows);
  EXPECT_EQ(g4->bits_per_component, 1);
  EXPECT_FALSE(g4->data.empty());
  EXPECT_LT(g4->data.size(), 100'000u);

  auto flate = EncodedImageForPage(info, 1);
  ASSERT_TRUE(flate.ok()) << flate.status().ToString();
  EXPECT_EQ(flate->encoding, ocr::EncodedImage::Encoding::kFlate);
  EXPECT_EQ(flate->components, 1);
  EXPECT_EQ(flate->bits_per_component, 8);

  // Both render back to the decoded pixels when put in a PDF, which checks the G4 bits and
  // the meaning of black_is_1.
  test::PdfPageSpec g4_page;
  g4_page.image_dict = fmt::format(
      "/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode "
      "/DecodeParms << /K -1 /Columns {} /Rows {} /BlackIs1 {} >>",
      g4->width, g4->height, g4->black_is_1 ? "true" : "false");
  g4_page.image_data = g4->data;
  g4_page.image_width = g4->width;
  g4_page.image_height = g4->height;
  g4_page.width_pt = g4->width * 72.0 / 150;
  g4_page.height_pt = g4->height * 72.0 / 150;
  test::PdfPageSpec flate_page;
  flate_page.image_dict = "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode";
  flate_page.image_data = flate->data;
  flate_page.image_width = flate->width;
  flate_page.image_height = flate->height;
  flate_page.width_pt = flate->width * 72.0 / 200;
  flate_page.height_pt = flate->height * 72.0 / 200;
  const auto pdf_path = Path("passthrough.pdf");
  WriteAll(pdf_path, test::MakePdf({g4_page, flate_page}));
  const SourceInfo pdf = Probe(pdf_path);
  ASSERT_EQ(pdf.page_count, 2);
  const DecodedPage g4_render = Decode(pdf, 0);
  EXPECT_TRUE(g4_render.bilevel);
  EXPECT_NEAR(g4_render.dpi, 150, 1);  // rendered at the scan's own resolution
  EXPECT_FALSE(g4_render.has_real_text);
  ASSERT_EQ(g4_render.pixels.size(), bilevel.pixels.size());
  // Poppler smooths image edges even at 1:1, so compare thresholded pixels; inverted or
  // garbled G4 data would differ almost everywhere.
  EXPECT_LT(DifferentShare(g4_render.pixels >= 128, bilevel.pixels), 0.05);
  EXPECT_GT(DifferentShare(g4_render.pixels >= 128, 255 - bilevel.pixels), 0.5);
  const DecodedPage flate_render = Decode(pdf, 1);
  ASSERT_EQ(flate_render.pixels.size(), lzw.pixels.size());
  EXPECT_LT(DifferentShare(flate_render.pixels >= 128, lzw.pixels >= 128), 0.05);
}

TEST_F(SourceDecodeTest, G4MinIsWhiteIsNotBlackIs1) {
  // Leptonica writes MINISWHITE G4: PDF's default /BlackIs1 false renders it right (the
  // MINISBLACK case is exercised on the corpus, whose G4 TIFFs are MINISBLACK).
  const auto path = Path("inverted.tif");
  auto one_bit = test::MatToPix1(*page_, 150);
  ASSERT_EQ(pixWriteTiff(path.c_str(), one_bit.get(), IFF_TIFF_G4, "w"), 0);
  auto encoded = EncodedImageForPage(Probe(path), 0);
  ASSERT_TRUE(encoded.ok());
  EXPECT_FALSE(encoded->black_is_1);  // MINISWHITE: code-white runs are white
}

TEST_F(SourceDecodeTest, PdfWithJpegScanRendersAtScanResolution) {
  const auto jpg = Path("scan.jpg");
  ASSERT_TRUE(cv::imwrite(jpg.string(), *page_));
  test::PdfPageSpec spec;
  spec.image_dict = "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode";
  spec.image_data = ReadAll(jpg);
  spec.image_width = page_->cols;
  spec.image_height = page_->rows;
  // A small signature-stamp text over the scan is not a real text layer.
  spec.extra_content =
      "BT /F1 7 Tf 400 800 Td (Signed by: Office of the People's Committee) Tj ET\n"
      "BT /F1 7 Tf 400 790 Td (Signing time: 17.01.2024 09:12:44 +07:00) Tj ET\n";
  const auto path = Path("scan.pdf");
  WriteAll(path, test::MakePdf({spec}));
  const SourceInfo info = Probe(path);
  EXPECT_EQ(info.format, SourceFormat::kPdf);
  const DecodedPage page = Decode(info, 0);
  EXPECT_NEAR(page.dpi, 150, 1);
  EXPECT_NEAR(page.pixels.cols, page_->cols, 2);
  EXPECT_NEAR(page.pixels.rows, page_->rows, 2);
  EXPECT_EQ(page.pixels.type(), CV_8UC1);
  EXPECT_FALSE(page.has_real_text);

  auto encoded = EncodedImageForPage(info, 0);
  ASSERT_FALSE(encoded.ok());
  EXPECT_EQ(encoded.status().code(), StatusCode::kUnsupported);

  DecodeLimits low_cap;
  low_cap.pdf_render_dpi = 100;
  auto capped = DecodePage(info, 0, low_cap);
  ASSERT_TRUE(capped.ok());
  EXPECT_DOUBLE_EQ(capped->dpi, 100);
}

TEST_F(SourceDecodeTest, BornDigitalPdfHasRealText) {
  test::PdfPageSpec spec;
  for (int line = 0; line < 30; ++line) {
    spec.extra_content += fmt::format(
        "BT /F1 11 Tf 72 {} Td (Line {} of a born-digital page with plenty of words on it.) "
        "Tj ET\n",
        770 - line * 20, line + 1);
  }
  const auto path = Path("digital.pdf");
  WriteAll(path, test::MakePdf({spec}));
  const DecodedPage page = Decode(Probe(path), 0);
  EXPECT_DOUBLE_EQ(page.dpi, 300);  // no scan: the cap
  ASSERT_TRUE(page.has_real_text);
  const PageText& text = page.existing_text;
  EXPECT_EQ(text.width_px, page.pixels.cols);
  EXPECT_EQ(text.height_px, page.pixels.rows);
  EXPECT_DOUBLE_EQ(text.dpi, 300);
  EXPECT_TRUE(text.quality.text_from_pdf);
  ASSERT_EQ(text.lines.size(), 30u);
  EXPECT_EQ(text.lines[0].words[0].text, "Line");
  EXPECT_EQ(text.lines[0].words.size(), 12u);
  // Boxes are in rendered pixels: the first line's baseline is 72 pt from the top-left.
  const PixelBox& first = text.lines[0].words[0].box;
  EXPECT_NEAR(first.left, 300, 6);
  EXPECT_NEAR(first.bottom, (841.89 - 770) * 300 / 72, 25);
  EXPECT_NE(text.PlainText().find("Line 30 of a born-digital"), std::string::npos);
}

}  // namespace
}  // namespace sohoa::pipeline
