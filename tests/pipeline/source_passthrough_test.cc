// EncodedImageForPage without recompression: JPEG-in-TIFF with many strips is joined into one
// JPEG (restart markers between strips), 8-bit PNG keeps its IDAT stream. Both are checked
// by decoding the passed-through bytes (OpenCV, or Poppler on a PDF holding them) against the
// pixels DecodePage gives.
#include <gtest/gtest.h>
#include <tiffio.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "pipeline/source.h"
#include "tests/pipeline/source_test_util.h"
#include "tests/testing/fixtures.h"

namespace sohoa::pipeline {
namespace {

using Encoding = ocr::EncodedImage::Encoding;

// Writes `image` (grey or BGR) as a JPEG-compressed TIFF with `rows_per_strip` rows a strip,
// the way libtiff (and so Pillow) does: shared JPEGTables, abbreviated strips.
bool WriteJpegTiff(const std::filesystem::path& path, const cv::Mat& image, int rows_per_strip) {
  TIFF* tif = TIFFOpen(path.c_str(), "w");
  if (tif == nullptr) return false;
  const bool colour = image.channels() == 3;
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, image.cols);
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, image.rows);
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, colour ? 3 : 1);
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_JPEG);
  TIFFSetField(tif, TIFFTAG_JPEGQUALITY, 75);
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, colour ? PHOTOMETRIC_YCBCR : PHOTOMETRIC_MINISBLACK);
  if (colour) TIFFSetField(tif, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
  TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, rows_per_strip);
  TIFFSetField(tif, TIFFTAG_XRESOLUTION, 150.0);
  TIFFSetField(tif, TIFFTAG_YRESOLUTION, 150.0);
  TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
  cv::Mat rgb = image;
  if (colour) cv::cvtColor(image, rgb, cv::COLOR_BGR2RGB);
  bool ok = true;
  for (int y = 0; y < rgb.rows && ok; ++y) ok = TIFFWriteScanline(tif, rgb.ptr(y), y, 0) >= 0;
  TIFFClose(tif);
  return ok;
}

class SourcePassthroughTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = sohoa::testing::MakeTempDir("source_passthrough"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static DecodedPage DecodeFirst(const SourceInfo& info) {
    auto page = DecodePage(info, 0, DecodeLimits{});
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? *page : DecodedPage{};
  }
  static SourceInfo Probe(const std::filesystem::path& path) {
    auto info = ProbeSource(path);
    EXPECT_TRUE(info.ok()) << info.status().ToString();
    return info.ok() ? *info : SourceInfo{};
  }
  static double MeanAbsDiff(const cv::Mat& a, const cv::Mat& b) {
    if (a.size() != b.size() || a.type() != b.type()) return 255;
    cv::Mat diff;
    cv::absdiff(a, b, diff);
    const cv::Scalar mean = cv::mean(diff);
    return (mean[0] + mean[1] + mean[2]) / a.channels();
  }

  // Share of pixels whose grey level differs by more than 64.
  static double FarOffShare(const cv::Mat& a, const cv::Mat& b) {
    cv::Mat diff;
    cv::absdiff(a, b, diff);
    return static_cast<double>(cv::countNonZero(diff > 64)) / static_cast<double>(a.total());
  }

  std::filesystem::path dir_;
};

TEST_F(SourcePassthroughTest, GreyJpegTiffWithManyStripsBecomesOneJpeg) {
  const cv::Mat page = test::TextPage(100);  // 827 x 1169: the last strip is short
  const auto path = dir_ / "strips.tif";
  ASSERT_TRUE(WriteJpegTiff(path, page, 40));
  const SourceInfo info = Probe(path);
  auto encoded = EncodedImageForPage(info, 0);
  ASSERT_TRUE(encoded.ok()) << encoded.status().ToString();
  EXPECT_EQ(encoded->encoding, Encoding::kJpeg);
  EXPECT_EQ(encoded->width, page.cols);
  EXPECT_EQ(encoded->height, page.rows);
  EXPECT_EQ(encoded->components, 1);
  // Same coefficients, so the same pixels as libtiff's strip-by-strip decode, exactly.
  const std::vector<uchar> bytes(encoded->data.begin(), encoded->data.end());
  const cv::Mat joined = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
  const DecodedPage decoded = DecodeFirst(info);
  ASSERT_EQ(joined.size(), decoded.pixels.size());
  EXPECT_EQ(cv::countNonZero(joined != decoded.pixels), 0);
  // Not recompressed: about the size of the TIFF itself.
  EXPECT_LT(encoded->data.size(), std::filesystem::file_size(path));
}

TEST_F(SourcePassthroughTest, ColourJpegTiffWithManyStripsBecomesOneJpeg) {
  cv::Mat page;
  cv::cvtColor(test::TextPage(100), page, cv::COLOR_GRAY2BGR);
  cv::circle(page, {400, 500}, 150, cv::Scalar(30, 30, 220), 12);  // a red seal
  const auto path = dir_ / "colour.tif";
  ASSERT_TRUE(WriteJpegTiff(path, page, 32));
  const SourceInfo info = Probe(path);
  auto encoded = EncodedImageForPage(info, 0);
  ASSERT_TRUE(encoded.ok()) << encoded.status().ToString();
  EXPECT_EQ(encoded->encoding, Encoding::kJpeg);
  EXPECT_EQ(encoded->components, 3);
  const std::vector<uchar> bytes(encoded->data.begin(), encoded->data.end());
  const cv::Mat joined = cv::imdecode(bytes, cv::IMREAD_COLOR);
  const DecodedPage decoded = DecodeFirst(info);
  // Chroma upsampling may differ by a level at strip edges; garbled strips would not be close.
  EXPECT_LT(MeanAbsDiff(joined, decoded.pixels), 1.0);
  const cv::Vec3b seal = joined.at<cv::Vec3b>(500, 550);
  EXPECT_GT(seal[2], 150);
  EXPECT_LT(seal[0], 100);
}

TEST_F(SourcePassthroughTest, GreyPngKeepsItsIdatStream) {
  const cv::Mat page = test::TextPage(100);
  const auto path = dir_ / "page.png";
  ASSERT_TRUE(cv::imwrite(path.string(), page));
  const SourceInfo info = Probe(path);
  auto encoded = EncodedImageForPage(info, 0);
  ASSERT_TRUE(encoded.ok()) << encoded.status().ToString();
  EXPECT_EQ(encoded->encoding, Encoding::kFlate);
  EXPECT_TRUE(encoded->png_predictors);
  EXPECT_EQ(encoded->components, 1);
  EXPECT_EQ(encoded->bits_per_component, 8);
  EXPECT_LT(encoded->data.size(), std::filesystem::file_size(path));
  EXPECT_GT(encoded->data.size() + 200, std::filesystem::file_size(path));

  // A PDF holding the stream with the PNG predictor renders the same page.
  test::PdfPageSpec spec;
  spec.image_dict = fmt::format(
      "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "
      "/DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent 8 /Columns {} >>",
      encoded->width);
  spec.image_data = encoded->data;
  spec.image_width = encoded->width;
  spec.image_height = encoded->height;
  // At 150 dpi the page renders at the image's own size (lower resolutions are raised).
  spec.width_pt = encoded->width * 72.0 / 150;
  spec.height_pt = encoded->height * 72.0 / 150;
  const auto pdf_path = dir_ / "png.pdf";
  test::WriteAll(pdf_path, test::MakePdf({spec}));
  const DecodedPage rendered = DecodeFirst(Probe(pdf_path));
  ASSERT_EQ(rendered.pixels.size(), page.size());
  // Poppler smooths edges; misread filter bytes would garble most of the page instead.
  EXPECT_LT(FarOffShare(rendered.pixels, page), 0.08);

  // Control: without the predictor the same stream does not render as the page.
  spec.image_dict = "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode";
  spec.image_width = encoded->width + 1;  // a filter byte per row
  test::WriteAll(pdf_path, test::MakePdf({spec}));
  const DecodedPage garbled = DecodeFirst(Probe(pdf_path));
  cv::Mat garbled_page;
  cv::resize(garbled.pixels, garbled_page, page.size());
  EXPECT_GT(FarOffShare(garbled_page, page), 0.2);
}

TEST_F(SourcePassthroughTest, ColourPngKeepsItsStreamAndAlphaPngIsReencoded) {
  cv::Mat colour;
  cv::cvtColor(test::TextPage(100), colour, cv::COLOR_GRAY2BGR);
  const auto rgb_path = dir_ / "rgb.png";
  ASSERT_TRUE(cv::imwrite(rgb_path.string(), colour));
  auto rgb = EncodedImageForPage(Probe(rgb_path), 0);
  ASSERT_TRUE(rgb.ok()) << rgb.status().ToString();
  EXPECT_TRUE(rgb->png_predictors);
  EXPECT_EQ(rgb->components, 3);

  cv::Mat with_alpha;
  cv::cvtColor(colour, with_alpha, cv::COLOR_BGR2BGRA);
  const auto alpha_path = dir_ / "alpha.png";
  ASSERT_TRUE(cv::imwrite(alpha_path.string(), with_alpha));
  auto alpha = EncodedImageForPage(Probe(alpha_path), 0);
  ASSERT_TRUE(alpha.ok()) << alpha.status().ToString();
  EXPECT_EQ(alpha->encoding, Encoding::kFlate);
  EXPECT_FALSE(alpha->png_predictors);
  EXPECT_EQ(alpha->components, 3);
}

}  // namespace
}  // namespace sohoa::pipeline
