// WritePdfDocument: text layers grafted onto an existing PDF's pages, which are turned upright
// (their /Rotate and MediaBox origin folded into one matrix) and deskewed.
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "ocr/pdf_geometry.h"
#include "ocr/pdf_writer.h"
#include "tests/ocr/pdf_test_util.h"

namespace sohoa::ocr {
namespace {

using pdf_test::BuildPageText;
using pdf_test::EncodeJpeg;
using pdf_test::ExtractWords;
using pdf_test::FixturePage;
using pdf_test::InkShareInsideLines;
using pdf_test::Quoted;
using pdf_test::RunCommand;
using pdf_test::TestInfo;

constexpr double kSkewDegrees = 4;
constexpr double kRenderDpi = 100;

std::string StreamText(QPDFObjectHandle stream) {
  std::shared_ptr<Buffer> data = stream.getStreamData();
  return std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
}

class PdfGraftTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = sohoa::testing::MakeTempDir("sohoa-graft");
    page_ = FixturePage(4, 200);
    text_ = BuildPageText(page_);
    BuildSourcePdf();
  }
  void TearDown() override {
    if (!HasFailure()) std::filesystem::remove_all(dir_);
  }

  // Page 1: the page as is. Page 2: the page stored sideways in a landscape MediaBox with a
  // non-zero origin, shown upright by /Rotate 90. Page 3: the page scanned 4 degrees askew.
  void BuildSourcePdf() {
    cv::Mat sideways;
    cv::rotate(page_.image, sideways, cv::ROTATE_90_COUNTERCLOCKWISE);
    skewed_ = sohoa::testing::SkewPage(page_.image, kSkewDegrees);
    const std::vector<EncodedImage> images = {EncodeJpeg(page_.image), EncodeJpeg(sideways),
                                              EncodeJpeg(skewed_)};
    std::vector<ImagePageLayout> layouts;
    for (const EncodedImage& image : images) {
      PageText blank;
      blank.width_px = image.width;
      blank.height_px = image.height;
      blank.dpi = page_.dpi;
      layouts.push_back({blank, image.width, image.height});
    }
    const std::filesystem::path plain = dir_ / "plain.pdf";
    ASSERT_TRUE(WriteImageDocument(
                    layouts, [&](int i) -> Result<EncodedImage> { return images[i]; }, TestInfo(),
                    {}, plain)
                    .ok());
    QPDF pdf;
    pdf.processFile(plain.c_str());
    QPDFPageObjectHelper rotated = QPDFPageDocumentHelper(pdf).getAllPages().at(1);
    QPDFObjectHandle::Rectangle box = rotated.getMediaBox().getArrayAsRectangle();
    rotated.getObjectHandle().replaceKey(
        "/MediaBox", QPDFObjectHandle::newFromRectangle(
                         QPDFObjectHandle::Rectangle(100, 200, 100 + box.urx, 200 + box.ury)));
    rotated.addPageContents(QPDFObjectHandle::newStream(&pdf, "q 1 0 0 1 100 200 cm\n"), true);
    rotated.addPageContents(QPDFObjectHandle::newStream(&pdf, "\nQ\n"), false);
    rotated.rotatePage(90, false);
    source_ = dir_ / "source.pdf";
    QPDFWriter writer(pdf, source_.c_str());
    writer.write();
  }

  std::vector<PdfPageLayout> Layouts() const {
    const Affine2D render_to_frame = {page_.dpi / kRenderDpi, 0, 0, 0, page_.dpi / kRenderDpi, 0};
    cv::Mat forward = cv::getRotationMatrix2D(
        cv::Point2f(page_.image.cols / 2.0f, page_.image.rows / 2.0f), kSkewDegrees, 1.0);
    forward.at<double>(0, 2) += (skewed_.cols - page_.image.cols) / 2.0;
    forward.at<double>(1, 2) += (skewed_.rows - page_.image.rows) / 2.0;
    cv::Mat inverse;
    cv::invertAffineTransform(forward, inverse);
    Affine2D deskew;
    for (int i = 0; i < 6; ++i) deskew[i] = inverse.at<double>(i / 3, i % 3);

    PdfPageLayout untouched{text_, kRenderDpi, false};
    PdfPageLayout rotated{text_, kRenderDpi, true};
    rotated.text.source_to_upright = render_to_frame;
    PdfPageLayout skewed{text_, kRenderDpi, true};
    skewed.text.source_to_upright = Compose(deskew, render_to_frame);
    return {untouched, rotated, skewed};
  }

  std::filesystem::path dir_;
  std::filesystem::path source_;
  sohoa::testing::RenderedPage page_;
  PageText text_;
  cv::Mat skewed_;
};

TEST_F(PdfGraftTest, RotatedAndSkewedPagesBecomeUprightAndSearchable) {
  const std::filesystem::path out = dir_ / "out.pdf";
  Status status = WritePdfDocument(source_, Layouts(), TestInfo(), {}, out);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(RunCommand("qpdf --check " + Quoted(out)).exit_code, 0);

  QPDF before, after;
  before.processFile(source_.c_str());
  after.processFile(out.c_str());
  std::vector<QPDFPageObjectHelper> old_pages = QPDFPageDocumentHelper(before).getAllPages();
  std::vector<QPDFPageObjectHelper> new_pages = QPDFPageDocumentHelper(after).getAllPages();
  ASSERT_EQ(new_pages.size(), 3u);
  // graft == false: the page is left as it was.
  EXPECT_EQ(StreamText(new_pages[0].getObjectHandle().getKey("/Contents")),
            StreamText(old_pages[0].getObjectHandle().getKey("/Contents")));
  EXPECT_EQ(new_pages[0].getMediaBox().unparse(), old_pages[0].getMediaBox().unparse());
  EXPECT_TRUE(after.getRoot().getKey("/Metadata").isStream());
  EXPECT_TRUE(after.getRoot().getKey("/OutputIntents").isArray());

  const double to_points = 72.0 / text_.dpi;
  for (int page : {2, 3}) {
    SCOPED_TRACE(page);
    QPDFPageObjectHelper& grafted = new_pages[page - 1];
    EXPECT_FALSE(grafted.getObjectHandle().hasKey("/Rotate"));
    const QPDFObjectHandle::Rectangle media = grafted.getMediaBox().getArrayAsRectangle();
    EXPECT_NEAR(media.urx, text_.width_px * to_points, 0.01);
    EXPECT_NEAR(media.ury, text_.height_px * to_points, 0.01);
    EXPECT_GT(InkShareInsideLines(pdf_test::RenderPage(out, page, 72), 72, text_, 1.5), 0.97);

    const std::string extracted = RunCommand("pdftotext -f " + std::to_string(page) + " -l " +
                                             std::to_string(page) + " " + Quoted(out) + " -")
                                      .output;
    for (const auto& line : page_.lines) {
      EXPECT_NE(extracted.find(line.text), std::string::npos) << line.text << "\n" << extracted;
    }
    const std::vector<pdf_test::ExtractedWord> words = ExtractWords(out, page);
    ASSERT_FALSE(words.empty());
    const Word& first = text_.lines.front().words.front();
    EXPECT_EQ(words.front().text, first.text);
    EXPECT_NEAR(words.front().x_min, first.box.left * to_points, 1.0);
    EXPECT_NEAR(words.front().y_max, first.box.bottom * to_points, 1.0);
  }
}

// The scanner's page content is drawn inline when it balances its q/Q (no form XObject per
// page), behind a form when it does not; thumbnails, private data and page XMP are dropped; the
// scan image is carried over byte for byte either way.
TEST_F(PdfGraftTest, BalancedContentInlineUnbalancedInAFormScanBytesKept) {
  QPDF source;
  source.processFile(source_.c_str());
  std::vector<QPDFPageObjectHelper> source_pages = QPDFPageDocumentHelper(source).getAllPages();
  QPDFObjectHandle rotated = source_pages.at(1).getObjectHandle();
  rotated.replaceKey("/Thumb", QPDFObjectHandle::newStream(&source, std::string(500, 'T')));
  rotated.replaceKey("/PieceInfo", QPDFObjectHandle::parse("<< /Scanner << /Private 1 >> >>"));
  rotated.replaceKey("/Metadata", QPDFObjectHandle::newStream(&source, "<x:xmpmeta/>"));
  source_pages.at(2).addPageContents(QPDFObjectHandle::newStream(&source, "q\n"), true);
  const std::filesystem::path edited = dir_ / "edited.pdf";
  QPDFWriter writer(source, edited.c_str());
  writer.write();

  const std::filesystem::path out = dir_ / "out.pdf";
  Status status = WritePdfDocument(edited, Layouts(), TestInfo(), {}, out);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(RunCommand("qpdf --check " + Quoted(out)).exit_code, 0);
  QPDF before, after;
  before.processFile(edited.c_str());
  after.processFile(out.c_str());
  std::vector<QPDFPageObjectHelper> old_pages = QPDFPageDocumentHelper(before).getAllPages();
  std::vector<QPDFPageObjectHelper> new_pages = QPDFPageDocumentHelper(after).getAllPages();
  ASSERT_EQ(new_pages.size(), 3u);

  for (const char* key : {"/Thumb", "/PieceInfo", "/Metadata"}) {
    EXPECT_FALSE(new_pages[1].getObjectHandle().hasKey(key)) << key;
  }
  for (int page : {2, 3}) {
    SCOPED_TRACE(page);
    std::map<std::string, QPDFObjectHandle> old_images = old_pages[page - 1].getImages();
    ASSERT_EQ(old_images.size(), 1u);
    std::shared_ptr<Buffer> old_raw = old_images.begin()->second.getRawStreamData();
    const std::string old_scan(reinterpret_cast<const char*>(old_raw->getBuffer()),
                               old_raw->getSize());
    std::map<std::string, QPDFObjectHandle> xobjects =
        new_pages[page - 1].getAttribute("/Resources", false).getKey("/XObject").getDictAsMap();
    ASSERT_EQ(xobjects.size(), 1u);
    QPDFObjectHandle drawn = xobjects.begin()->second;
    QPDFObjectHandle scan = drawn;
    if (page == 2) {
      EXPECT_EQ(drawn.getDict().getKey("/Subtype").getName(), "/Image");
    } else {
      ASSERT_EQ(drawn.getDict().getKey("/Subtype").getName(), "/Form");
      std::map<std::string, QPDFObjectHandle> nested =
          drawn.getDict().getKey("/Resources").getKey("/XObject").getDictAsMap();
      ASSERT_EQ(nested.size(), 1u);
      scan = nested.begin()->second;
    }
    std::shared_ptr<Buffer> raw = scan.getRawStreamData();
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize()),
              old_scan);
    EXPECT_EQ(scan.getDict().getKey("/Filter").unparse(),
              old_images.begin()->second.getDict().getKey("/Filter").unparse());
    EXPECT_GT(InkShareInsideLines(pdf_test::RenderPage(out, page, 72), 72, text_, 1.5), 0.97);
    const std::string extracted = RunCommand("pdftotext -f " + std::to_string(page) + " -l " +
                                             std::to_string(page) + " " + Quoted(out) + " -")
                                      .output;
    size_t previous = 0;
    for (const auto& line : page_.lines) {
      const size_t found = extracted.find(line.text, previous);
      EXPECT_NE(found, std::string::npos) << line.text << "\n" << extracted;
      if (found != std::string::npos) previous = found;  // lines come out in reading order
    }
  }
}

TEST_F(PdfGraftTest, RefusesEncryptedDamagedAndMismatchedInput) {
  const std::filesystem::path encrypted = dir_ / "encrypted.pdf";
  ASSERT_EQ(
      RunCommand("qpdf --encrypt '' owner 256 -- " + Quoted(source_) + " " + Quoted(encrypted))
          .exit_code,
      0);
  EXPECT_EQ(WritePdfDocument(encrypted, Layouts(), TestInfo(), {}, dir_ / "a.pdf").code(),
            StatusCode::kUnsupported);

  const std::string bytes = pdf_test::ReadBytes(source_);
  const std::filesystem::path damaged = dir_ / "damaged.pdf";
  std::ofstream(damaged, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  EXPECT_EQ(WritePdfDocument(damaged, Layouts(), TestInfo(), {}, dir_ / "b.pdf").code(),
            StatusCode::kInvalidInput);

  std::vector<PdfPageLayout> too_few = Layouts();
  too_few.pop_back();
  EXPECT_EQ(WritePdfDocument(source_, too_few, TestInfo(), {}, dir_ / "c.pdf").code(),
            StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace sohoa::ocr
