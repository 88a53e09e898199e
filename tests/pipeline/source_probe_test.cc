// ProbeSource, DPI rules and bad inputs, on fixtures generated at test time.
#include <gtest/gtest.h>

#include <cstdlib>
#include <opencv2/imgcodecs.hpp>

#include "pipeline/source.h"
#include "pipeline/source_internal.h"
#include "tests/pipeline/source_test_util.h"
#include "tests/testing/fixtures.h"

namespace sohoa::pipeline {
namespace {

using test::ReadAll;
using test::WriteAll;

class SourceProbeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(sohoa::testing::MakeTempDir("source_probe"));
    page_ = new cv::Mat(test::TextPage(150));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete page_;
  }
  static std::filesystem::path Path(const std::string& name) { return *dir_ / name; }

  static std::filesystem::path* dir_;
  static cv::Mat* page_;
};
std::filesystem::path* SourceProbeTest::dir_ = nullptr;
cv::Mat* SourceProbeTest::page_ = nullptr;

TEST_F(SourceProbeTest, SniffsFormatFromBytesNotExtension) {
  const auto png_named_jpg = Path("really_png.jpg");
  ASSERT_TRUE(cv::imwrite(png_named_jpg.string() + ".png", *page_));  // imwrite goes by name
  std::filesystem::rename(png_named_jpg.string() + ".png", png_named_jpg);
  auto info = ProbeSource(png_named_jpg);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->format, SourceFormat::kPng);
  EXPECT_EQ(info->page_count, 1);
  EXPECT_EQ(info->size_bytes, std::filesystem::file_size(png_named_jpg));

  const auto jpg_named_pdf = Path("really_jpeg.pdf");
  ASSERT_TRUE(cv::imwrite(jpg_named_pdf.string() + ".jpg", *page_));
  std::filesystem::rename(jpg_named_pdf.string() + ".jpg", jpg_named_pdf);
  info = ProbeSource(jpg_named_pdf);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->format, SourceFormat::kJpeg);
  EXPECT_STREQ(SourceFormatName(info->format), "jpeg");
}

TEST_F(SourceProbeTest, SniffsEveryKnownMagic) {
  using internal::SniffFormat;
  EXPECT_EQ(*SniffFormat(std::string("II*\0\x08\0\0\0", 8)), SourceFormat::kTiff);
  EXPECT_EQ(*SniffFormat(std::string("MM\0*\0\0\0\x08", 8)), SourceFormat::kTiff);
  EXPECT_EQ(*SniffFormat("junk\n%PDF-1.7\n"), SourceFormat::kPdf);
  EXPECT_EQ(*SniffFormat(std::string("BM\0\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0", 18)),
            SourceFormat::kBmp);
  EXPECT_EQ(*SniffFormat("P5\n10 10\n255\n"), SourceFormat::kPnm);
  EXPECT_EQ(*SniffFormat(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), SourceFormat::kWebp);
  EXPECT_EQ(*SniffFormat(std::string("\0\0\0\x0CjP  \r\n\x87\n", 12)), SourceFormat::kJp2);
  auto unknown = SniffFormat("hello world");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(unknown.status().message().find("starts with 'hello wo'"), std::string::npos);
}

TEST_F(SourceProbeTest, HashIsSha256OfWholeFile) {
  const auto path = Path("abc.txt.png");
  WriteAll(path, "abc");
  auto sha = internal::Sha256HexOfFile(path);
  ASSERT_TRUE(sha.ok());
  EXPECT_EQ(*sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const auto png = Path("hash.png");
  ASSERT_TRUE(cv::imwrite(png.string(), *page_));
  auto info = ProbeSource(png);
  ASSERT_TRUE(info.ok());
  ASSERT_EQ(info->sha256.size(), 64u);
  const std::string command = "sha256sum '" + png.string() + "' > '" + png.string() + ".sum'";
  if (std::system(command.c_str()) == 0) {
    EXPECT_EQ(ReadAll(png.string() + ".sum").substr(0, 64), info->sha256);
  }
}

TEST_F(SourceProbeTest, CountsMultiPageTiffPages) {
  const auto path = Path("three.tif");
  auto one_bit = test::MatToPix1(*page_, 150);
  auto grey = test::MatToPix8(*page_, 150);
  ASSERT_EQ(pixWriteTiff(path.c_str(), one_bit.get(), IFF_TIFF_G4, "w"), 0);
  ASSERT_EQ(pixWriteTiff(path.c_str(), grey.get(), IFF_TIFF_LZW, "a"), 0);
  ASSERT_EQ(pixWriteTiff(path.c_str(), one_bit.get(), IFF_TIFF_G4, "a"), 0);
  auto info = ProbeSource(path);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->format, SourceFormat::kTiff);
  EXPECT_EQ(info->page_count, 3);
}

TEST(SourceDpiTest, PlausibleDpi) {
  EXPECT_FALSE(IsPlausibleDpi(0));
  EXPECT_FALSE(IsPlausibleDpi(72));
  EXPECT_FALSE(IsPlausibleDpi(96.0));
  EXPECT_FALSE(IsPlausibleDpi(2400));
  EXPECT_TRUE(IsPlausibleDpi(150));
  EXPECT_TRUE(IsPlausibleDpi(300));
  EXPECT_TRUE(IsPlausibleDpi(1200));
}

TEST(SourceDpiTest, EstimatesFromPaperSizes) {
  EXPECT_EQ(EstimateDpiFromPaperSize(2480, 3508), 300);  // A4 portrait
  EXPECT_EQ(EstimateDpiFromPaperSize(3508, 2480), 300);  // A4 landscape
  EXPECT_EQ(EstimateDpiFromPaperSize(4135, 5850), 500);  // the real 500 dpi scans
  EXPECT_EQ(EstimateDpiFromPaperSize(1654, 2339), 200);
  EXPECT_EQ(EstimateDpiFromPaperSize(2550, 3300), 300);  // Letter
  EXPECT_EQ(EstimateDpiFromPaperSize(2550, 4200), 300);  // Legal
  EXPECT_EQ(EstimateDpiFromPaperSize(2500, 3480), 300);  // A4, slightly cropped
  EXPECT_EQ(EstimateDpiFromPaperSize(3000, 3000), 0);    // square: no paper fits
  EXPECT_EQ(EstimateDpiFromPaperSize(300, 424), 0);      // too small for any paper
  EXPECT_EQ(EstimateDpiFromPaperSize(0, 100), 0);
}

// --- Bad inputs: each gives the right code and a clear message, never a crash. -------------

void ExpectProbeError(const std::filesystem::path& path, StatusCode code,
                      const std::string& message_part) {
  auto info = ProbeSource(path);
  ASSERT_FALSE(info.ok()) << path;
  EXPECT_EQ(info.status().code(), code) << info.status().ToString();
  EXPECT_NE(info.status().message().find(message_part), std::string::npos)
      << info.status().ToString();
  EXPECT_EQ(info.status().message().find('\n'), std::string::npos);
}

TEST_F(SourceProbeTest, EmptyFile) {
  WriteAll(Path("empty.png"), "");
  ExpectProbeError(Path("empty.png"), StatusCode::kInvalidInput, "empty file");
}

TEST_F(SourceProbeTest, MissingFile) {
  ExpectProbeError(Path("missing.png"), StatusCode::kNotFound, "no such file");
}

TEST_F(SourceProbeTest, TextFileNamedPng) {
  WriteAll(Path("notes.png"), "Hello, this is a text file.\n");
  ExpectProbeError(Path("notes.png"), StatusCode::kUnsupported,
                   "not an image or PDF (starts with 'Hello, t'");
}

TEST_F(SourceProbeTest, TruncatedJpeg) {
  const auto whole = Path("whole.jpg");
  ASSERT_TRUE(cv::imwrite(whole.string(), *page_));
  const std::string bytes = ReadAll(whole);
  WriteAll(Path("half.jpg"), bytes.substr(0, bytes.size() / 2));
  ExpectProbeError(Path("half.jpg"), StatusCode::kInvalidInput, "truncated JPEG");
  // Only a few header bytes left.
  WriteAll(Path("stub.jpg"), bytes.substr(0, 40));
  ExpectProbeError(Path("stub.jpg"), StatusCode::kInvalidInput, "JPEG");
}

TEST_F(SourceProbeTest, CorruptTiff) {
  std::string bytes("II*\0\x08\0\0\0", 8);
  for (int i = 0; i < 200; ++i) bytes += static_cast<char>((i * 37 + 11) & 0xFF);
  WriteAll(Path("corrupt.tif"), bytes);
  ExpectProbeError(Path("corrupt.tif"), StatusCode::kInvalidInput, "corrupt TIFF");
  WriteAll(Path("header_only.tif"), std::string("MM\0*", 4));
  ExpectProbeError(Path("header_only.tif"), StatusCode::kInvalidInput, "corrupt TIFF");
}

TEST_F(SourceProbeTest, CorruptPngHeader) {
  WriteAll(Path("bad.png"), std::string("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDRxx", 18));
  ExpectProbeError(Path("bad.png"), StatusCode::kInvalidInput, "corrupt png header");
}

TEST_F(SourceProbeTest, InvalidPdf) {
  WriteAll(Path("invalid.pdf"), "%PDF-1.4\n\x01\x02 garbage garbage\n%%EOF\n");
  ExpectProbeError(Path("invalid.pdf"), StatusCode::kInvalidInput, "invalid PDF");
}

TEST_F(SourceProbeTest, EncryptedPdf) {
  const auto plain = Path("plain.pdf");
  test::PdfPageSpec page;
  page.extra_content = "BT /F1 24 Tf 72 720 Td (Secret) Tj ET\n";
  WriteAll(plain, test::MakePdf({page}));
  ASSERT_TRUE(ProbeSource(plain).ok());
  const auto locked = Path("locked.pdf");
  const std::string command =
      "qpdf --encrypt user owner 256 -- '" + plain.string() + "' '" + locked.string() + "'";
  if (std::system(command.c_str()) != 0) GTEST_SKIP() << "qpdf command line tool not available";
  ExpectProbeError(locked, StatusCode::kUnsupported, "encrypted PDF (password required)");
}

TEST_F(SourceProbeTest, EnormousImageRefusedBeforeDecoding) {
  const auto path = Path("enormous.png");
  WriteAll(path, test::PngHeaderOnly(35000, 35000));
  auto info = ProbeSource(path);
  ASSERT_TRUE(info.ok()) << info.status().ToString();  // the header is fine
  auto page = DecodePage(*info, 0, DecodeLimits{});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kResourceLimit);
  EXPECT_NE(page.status().message().find("35000x35000"), std::string::npos)
      << page.status().ToString();
  auto encoded = EncodedImageForPage(*info, 0);
  ASSERT_FALSE(encoded.ok());
  EXPECT_EQ(encoded.status().code(), StatusCode::kResourceLimit);
}

TEST_F(SourceProbeTest, PageIndexOutOfRange) {
  const auto path = Path("range.png");
  ASSERT_TRUE(cv::imwrite(path.string(), *page_));
  auto info = ProbeSource(path);
  ASSERT_TRUE(info.ok());
  auto page = DecodePage(*info, 1, DecodeLimits{});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace sohoa::pipeline
