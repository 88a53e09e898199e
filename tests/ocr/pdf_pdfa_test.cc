// PDF/A-2b parts, determinism, the other image encodings and error paths of WriteImageDocument.
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <opencv2/imgproc.hpp>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/Pl_Flate.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "ocr/pdf_writer.h"
#include "ocr/pdfa.h"
#include "tests/ocr/pdf_test_util.h"

namespace sohoa::ocr {
namespace {

using pdf_test::BuildPageText;
using pdf_test::EncodeJpeg;
using pdf_test::FixturePage;
using pdf_test::InkShareInsideLines;
using pdf_test::Quoted;
using pdf_test::ReadBytes;
using pdf_test::RunCommand;
using pdf_test::TestInfo;

class PdfaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    page_ = new sohoa::testing::RenderedPage(FixturePage(3, 200));
    text_ = new PageText(BuildPageText(*page_));
  }
  static void TearDownTestSuite() {
    delete page_;
    delete text_;
  }
  void SetUp() override { dir_ = sohoa::testing::MakeTempDir("sohoa-pdfa"); }
  void TearDown() override {
    if (!HasFailure()) std::filesystem::remove_all(dir_);
  }
  Status Write(const EncodedImage& image, const std::filesystem::path& path,
               const DocumentInfo& info = TestInfo()) {
    return WriteImageDocument(
        {{*text_, image.width, image.height}}, [&](int) -> Result<EncodedImage> { return image; },
        info, {}, path);
  }

  static sohoa::testing::RenderedPage* page_;
  static PageText* text_;
  std::filesystem::path dir_;
};
sohoa::testing::RenderedPage* PdfaTest::page_ = nullptr;
PageText* PdfaTest::text_ = nullptr;

TEST_F(PdfaTest, CarriesXmpOutputIntentAndMatchingInfo) {
  const std::filesystem::path pdf = dir_ / "a.pdf";
  ASSERT_TRUE(Write(EncodeJpeg(page_->image), pdf).ok());
  QPDF qpdf;
  qpdf.processFile(pdf.c_str());
  QPDFObjectHandle root = qpdf.getRoot();
  QPDFObjectHandle intent = root.getKey("/OutputIntents").getArrayItem(0);
  EXPECT_EQ(intent.getKey("/S").getName(), "/GTS_PDFA1");
  // A grey scan only: the small grey profile is the OutputIntent.
  QPDFObjectHandle profile = intent.getKey("/DestOutputProfile");
  EXPECT_EQ(profile.getDict().getKey("/N").getIntValue(), 1);
  std::shared_ptr<Buffer> icc = profile.getStreamData();
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(icc->getBuffer()), icc->getSize()),
            ReadBytes("/usr/share/color/icc/Gray.icc"));

  QPDFObjectHandle metadata = root.getKey("/Metadata");
  EXPECT_EQ(metadata.getDict().getKey("/Subtype").getName(), "/XML");
  EXPECT_TRUE(metadata.getDict().getKey("/Filter").isNameAndEquals("/FlateDecode"));
  std::shared_ptr<Buffer> xmp_buffer = metadata.getStreamData();
  const std::string xmp(reinterpret_cast<const char*>(xmp_buffer->getBuffer()),
                        xmp_buffer->getSize());
  for (const char* expected :
       {"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
        "<rdf:li xml:lang=\"x-default\">Quyết định 1523/QĐ-UBND</rdf:li>",
        "<xmp:CreateDate>2025-03-05T10:20:30+07:00</xmp:CreateDate>",
        "<pdf:Producer>sohoa</pdf:Producer>", "xmlns:sohoa=\"https://sohoa.example/ns/1.0/\"",
        "<sohoa:sourceName>scans/quyết định.jpg</sohoa:sourceName>",
        "<sohoa:catalogJson>{\"số\":\"1523/QĐ-UBND\",\"note\":\"a&lt;b &amp; c&gt;d\"}"
        "</sohoa:catalogJson>",
        "<pdfaSchema:namespaceURI>https://sohoa.example/ns/1.0/</pdfaSchema:namespaceURI>"}) {
    EXPECT_NE(xmp.find(expected), std::string::npos) << expected;
  }
  QPDFObjectHandle info = qpdf.getTrailer().getKey("/Info");
  EXPECT_EQ(info.getKey("/Title").getUTF8Value(), "Quyết định 1523/QĐ-UBND");
  EXPECT_EQ(info.getKey("/Producer").getUTF8Value(), "sohoa");
  EXPECT_EQ(info.getKey("/CreationDate").getUTF8Value(), "D:20250305102030+07'00'");
  EXPECT_EQ(info.getKey("/ModDate").getUTF8Value(), "D:20250305102030+07'00'");
  EXPECT_TRUE(qpdf.getTrailer().getKey("/ID").isArray());
  EXPECT_FALSE(qpdf.isEncrypted());
  EXPECT_EQ(qpdf.getPDFVersion(), "1.7");

  const std::string meta = RunCommand("pdfinfo -meta " + Quoted(pdf)).output;
  EXPECT_NE(meta.find("<sohoa:sourceSha256>0123456789abcdef"), std::string::npos) << meta;
}

TEST_F(PdfaTest, ColourScanGetsTheSrgbOutputIntent) {
  cv::Mat colour;
  cv::cvtColor(page_->image, colour, cv::COLOR_GRAY2BGR);
  const std::filesystem::path pdf = dir_ / "rgb.pdf";
  ASSERT_TRUE(Write(EncodeJpeg(colour), pdf).ok());
  QPDF qpdf;
  qpdf.processFile(pdf.c_str());
  QPDFObjectHandle profile =
      qpdf.getRoot().getKey("/OutputIntents").getArrayItem(0).getKey("/DestOutputProfile");
  EXPECT_EQ(profile.getDict().getKey("/N").getIntValue(), 3);
  std::shared_ptr<Buffer> icc = profile.getStreamData();
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(icc->getBuffer()), icc->getSize()),
            ReadBytes("/usr/share/color/icc/sRGB.icc"));
}

TEST_F(PdfaTest, SameInputGivesIdenticalBytes) {
  const EncodedImage jpeg = EncodeJpeg(page_->image);
  ASSERT_TRUE(Write(jpeg, dir_ / "1.pdf").ok());
  ASSERT_TRUE(Write(jpeg, dir_ / "2.pdf").ok());
  EXPECT_EQ(ReadBytes(dir_ / "1.pdf"), ReadBytes(dir_ / "2.pdf"));
  DocumentInfo other = TestInfo();
  other.create_date_iso = "2025-03-06T00:00:00Z";
  ASSERT_TRUE(Write(jpeg, dir_ / "3.pdf", other).ok());
  EXPECT_NE(ReadBytes(dir_ / "1.pdf"), ReadBytes(dir_ / "3.pdf"));
}

TEST_F(PdfaTest, DatesParseOrFailCleanly) {
  Result<PdfaDates> utc = ResolveCreateDate("2024-12-31T23:59:58Z");
  ASSERT_TRUE(utc.ok());
  EXPECT_EQ(utc->pdf, "D:20241231235958Z");
  Result<PdfaDates> west = ResolveCreateDate("2024-01-02T03:04:05-05:30");
  ASSERT_TRUE(west.ok());
  EXPECT_EQ(west->pdf, "D:20240102030405-05'30'");
  EXPECT_FALSE(ResolveCreateDate("2024-01-02 03:04:05").ok());
  Result<PdfaDates> now = ResolveCreateDate("");
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->xmp.size(), 20u);
}

TEST_F(PdfaTest, CcittG4PageRendersBlackOnWhite) {
  cv::Mat ink = page_->image < 128;
  PIX* pix = pixCreate(ink.cols, ink.rows, 1);
  for (int y = 0; y < ink.rows; ++y) {
    l_uint32* row = pixGetData(pix) + y * pixGetWpl(pix);
    for (int x = 0; x < ink.cols; ++x) {
      if (ink.at<uchar>(y, x)) SET_DATA_BIT(row, x);
    }
  }
  L_COMP_DATA* cid = nullptr;
  ASSERT_EQ(pixGenerateCIData(pix, L_G4_ENCODE, 0, 0, &cid), 0);
  EncodedImage g4;
  g4.encoding = EncodedImage::Encoding::kCcittG4;
  g4.data.assign(reinterpret_cast<const char*>(cid->datacomp), cid->nbytescomp);
  g4.width = ink.cols;
  g4.height = ink.rows;
  g4.bits_per_component = 1;
  g4.black_is_1 = cid->minisblack != 0;
  l_CIDataDestroy(&cid);
  pixDestroy(&pix);

  const std::filesystem::path pdf = dir_ / "g4.pdf";
  ASSERT_TRUE(Write(g4, pdf).ok());
  EXPECT_EQ(RunCommand("qpdf --check " + Quoted(pdf)).exit_code, 0);
  QPDF qpdf;
  qpdf.processFile(pdf.c_str());
  QPDFObjectHandle image =
      QPDFPageDocumentHelper(qpdf).getAllPages().at(0).getImages().begin()->second;
  EXPECT_EQ(image.getDict().getKey("/Filter").getName(), "/CCITTFaxDecode");
  EXPECT_EQ(image.getDict().getKey("/DecodeParms").getKey("/K").getIntValue(), -1);
  std::shared_ptr<Buffer> raw = image.getRawStreamData();
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize()), g4.data);
  const cv::Mat render = pdf_test::RenderPage(pdf, 1, 72);
  EXPECT_LT(cv::countNonZero(render < 128), render.total() / 20) << "page must be mostly white";
  EXPECT_GT(InkShareInsideLines(render, 72, *text_, 1.5), 0.97);
}

TEST_F(PdfaTest, FlateRgbPageRenders) {
  cv::Mat rgb;
  cv::cvtColor(page_->image, rgb, cv::COLOR_GRAY2RGB);
  Pl_Buffer buffer("flate");
  Pl_Flate deflate("deflate", &buffer, Pl_Flate::a_deflate);
  deflate.write(rgb.data, rgb.total() * rgb.elemSize());
  deflate.finish();
  std::shared_ptr<Buffer> compressed = buffer.getBufferSharedPointer();
  EncodedImage flate;
  flate.encoding = EncodedImage::Encoding::kFlate;
  flate.data.assign(reinterpret_cast<const char*>(compressed->getBuffer()), compressed->getSize());
  flate.width = rgb.cols;
  flate.height = rgb.rows;
  flate.components = 3;

  const std::filesystem::path pdf = dir_ / "flate.pdf";
  ASSERT_TRUE(Write(flate, pdf).ok());
  EXPECT_EQ(RunCommand("qpdf --check " + Quoted(pdf)).exit_code, 0);
  EXPECT_GT(InkShareInsideLines(pdf_test::RenderPage(pdf, 1, 72), 72, *text_, 1.5), 0.97);
}

TEST_F(PdfaTest, SupplierFailureAtWriteTimeIsReturned) {
  const EncodedImage jpeg = EncodeJpeg(page_->image);
  int calls = 0;
  Status status = WriteImageDocument(
      {{*text_, jpeg.width, jpeg.height}},
      [&](int) -> Result<EncodedImage> {
        if (++calls == 1) return jpeg;
        return IoError("scan vanished");
      },
      TestInfo(), {}, dir_ / "x.pdf");
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(status.message(), "scan vanished");
}

TEST_F(PdfaTest, RejectsMismatchedImageAndMissingFiles) {
  const EncodedImage jpeg = EncodeJpeg(page_->image);
  Status wrong_size = WriteImageDocument(
      {{*text_, jpeg.width + 1, jpeg.height}}, [&](int) -> Result<EncodedImage> { return jpeg; },
      TestInfo(), {}, dir_ / "x.pdf");
  EXPECT_EQ(wrong_size.code(), StatusCode::kInvalidInput);
  WriteOptions options;
  options.glyphless_font_path = (dir_ / "missing.ttf").string();
  Status no_font = WriteImageDocument(
      {{*text_, jpeg.width, jpeg.height}}, [&](int) -> Result<EncodedImage> { return jpeg; },
      TestInfo(), options, dir_ / "y.pdf");
  EXPECT_EQ(no_font.code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace sohoa::ocr
