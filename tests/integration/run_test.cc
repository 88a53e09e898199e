// End to end: the sohoa binary on generated scans and bad inputs.
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tests/integration/cli_runner.h"
#include "tests/testing/fixtures.h"

namespace sohoa::testing {
namespace {
namespace fs = std::filesystem;

// Writes `pages` as a multi-page 1-bit CCITT G4 TIFF at `dpi`, as archive scanners do.
void WriteG4Tiff(const std::vector<cv::Mat>& pages, int dpi, const fs::path& path) {
  for (size_t i = 0; i < pages.size(); ++i) {
    const cv::Mat& grey = pages[i];
    PIX* pix = pixCreate(grey.cols, grey.rows, 8);
    for (int y = 0; y < grey.rows; ++y) {
      l_uint32* line = pixGetData(pix) + y * pixGetWpl(pix);
      for (int x = 0; x < grey.cols; ++x) SET_DATA_BYTE(line, x, grey.at<uint8_t>(y, x));
    }
    PIX* binary = pixThresholdToBinary(pix, 128);
    pixSetResolution(binary, dpi, dpi);
    ASSERT_EQ(pixWriteTiff(path.c_str(), binary, IFF_TIFF_G4, i == 0 ? "w" : "a"), 0);
    pixDestroy(&binary);
    pixDestroy(&pix);
  }
}

std::string PdfText(const fs::path& pdf) {
  return RunCommand("pdftotext " + ShellQuote(pdf.string()) + " -").output;
}

class RunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = MakeTempDir("sohoa-run");
    in_ = root_ / "in";
    out_ = root_ / "out";
    fs::create_directories(in_ / "bad");
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(root_);
  }
  fs::path root_, in_, out_;
};

TEST_F(RunTest, WritesSearchablePdfsCatalogAndReportsBadInputs) {
  RenderedPage page = RenderPage(SampleDirectiveLines(), 200);
  // A skewed grey JPEG named .png: the format comes from the bytes, not the name.
  std::vector<uchar> jpeg;
  cv::imencode(".jpg", SkewPage(page.image, 3.0), jpeg, {cv::IMWRITE_JPEG_QUALITY, 85});
  std::ofstream(in_ / "quyet-dinh.png", std::ios::binary)
      .write(reinterpret_cast<const char*>(jpeg.data()), jpeg.size());
  RenderedPage second = RenderPage({"Điều 3. Hồ sơ cán bộ, công chức được số hóa toàn bộ.",
                                    "Nơi nhận: Sở Nội vụ; lưu trữ lịch sử tỉnh."},
                                   200);
  WriteG4Tiff({page.image, second.image}, 200, in_ / "ho-so.tif");

  std::ofstream(in_ / "bad" / "empty.jpg").close();
  std::ofstream(in_ / "bad" / "notes.png") << "this is not an image\n";
  std::ofstream(in_ / "bad" / "truncated.jpg", std::ios::binary)
      .write(reinterpret_cast<const char*>(jpeg.data()), jpeg.size() / 3);
  std::ofstream(in_ / "bad" / "invalid.pdf") << "%PDF-1.4\nthis is not a pdf\n";

  CommandResult run = RunSohoa("run " + ShellQuote(in_.string()) + " --out " +
                               ShellQuote(out_.string()) + " --jobs 2");
  EXPECT_EQ(run.exit_status, 1) << run.output;
  for (const char* bad : {"empty.jpg", "notes.png", "truncated.jpg", "invalid.pdf"}) {
    EXPECT_NE(run.output.find(std::string("bad/") + bad + ":"), std::string::npos) << bad << "\n"
                                                                                   << run.output;
  }

  fs::path directive_pdf = out_ / "quyet-dinh.pdf";
  fs::path dossier_pdf = out_ / "ho-so.pdf";
  ASSERT_TRUE(fs::exists(directive_pdf)) << run.output;
  ASSERT_TRUE(fs::exists(dossier_pdf)) << run.output;
  EXPECT_EQ(RunCommand("qpdf --check " + ShellQuote(directive_pdf.string())).exit_status, 0);
  std::string dossier_info = RunCommand("pdfinfo " + ShellQuote(dossier_pdf.string())).output;
  EXPECT_NE(dossier_info.find("Pages:           2"), std::string::npos) << dossier_info;

  std::string directive_text = PdfText(directive_pdf);
  EXPECT_NE(directive_text.find("QUYẾT ĐỊNH"), std::string::npos) << directive_text;
  EXPECT_NE(directive_text.find("chuyển đổi số"), std::string::npos) << directive_text;
  std::string dossier_text = PdfText(dossier_pdf);
  EXPECT_NE(dossier_text.find("Hồ sơ cán bộ"), std::string::npos) << dossier_text;

  std::string fonts = RunCommand("pdffonts " + ShellQuote(directive_pdf.string())).output;
  EXPECT_NE(fonts.find("yes"), std::string::npos) << fonts;
  std::string meta = RunCommand("pdfinfo -meta " + ShellQuote(directive_pdf.string())).output;
  EXPECT_NE(meta.find("pdfaid:part"), std::string::npos) << meta;

  // The report lists each failure with its reason.
  std::ifstream report_file(out_ / "sohoa-report.json");
  nlohmann::json report = nlohmann::json::parse(report_file);
  EXPECT_EQ(report["documents"]["done"], 2);
  EXPECT_EQ(report["documents"]["failed"], 4);
  EXPECT_EQ(report["failures"].size(), 4u);
  // The recognition passes split the OCR stage's time: the first reading is never free, and
  // the parts never add up to more than the whole.
  const nlohmann::json& passes = report["ocr_pass_seconds"];
  EXPECT_GT(passes["page"].get<double>(), 0.0) << passes;
  EXPECT_LE(passes["page"].get<double>() + passes["turns"].get<double>() +
                passes["unread_ink"].get<double>() + passes["header_fields"].get<double>(),
            report["stage_seconds"]["ocr"].get<double>() + 1e-6)
      << report;

  // The catalog finds the directive without diacritics.
  CommandResult search =
      RunSohoa("search --json --catalog " + ShellQuote((out_ / "catalog.sqlite").string()) +
               " 'chuyen doi so'");
  ASSERT_EQ(search.exit_status, 0) << search.output;
  EXPECT_NE(search.output.find("quyet-dinh"), std::string::npos) << search.output;

  // A rerun skips what is done and still reports the failures.
  CommandResult rerun =
      RunSohoa("run " + ShellQuote(in_.string()) + " --out " + ShellQuote(out_.string()));
  EXPECT_EQ(rerun.exit_status, 1) << rerun.output;
  std::ifstream rerun_file(out_ / "sohoa-report.json");
  nlohmann::json rerun_report = nlohmann::json::parse(rerun_file);
  EXPECT_EQ(rerun_report["documents"]["skipped"], 2) << rerun.output;
}

TEST_F(RunTest, MissingModelIsAnEnvironmentError) {
  RenderedPage page = RenderPage({"Số hóa hồ sơ"}, 150);
  cv::imwrite((in_ / "a.png").string(), page.image);
  CommandResult run = RunSohoa("run " + ShellQuote(in_.string()) + " --out " +
                               ShellQuote(out_.string()) + " --tessdata /nonexistent");
  EXPECT_EQ(run.exit_status, 5) << run.output;
  EXPECT_NE(run.output.find("language model"), std::string::npos) << run.output;
}

TEST_F(RunTest, BadUsageIsStatusTwo) {
  EXPECT_EQ(RunSohoa("run").exit_status, 2);
  EXPECT_EQ(RunSohoa("frobnicate").exit_status, 2);
}

}  // namespace
}  // namespace sohoa::testing
