// Probe and decode over the external corpora (folder from SOHOA_EXTERNAL_CORPORA; skipped
// when unset): the generated Vietnamese corpus against its manifest, OCRmyPDF's hostile PDFs
// and images (no crash, one line per file), and the real scans.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "pipeline/source.h"

namespace sohoa::pipeline {
namespace {

std::filesystem::path CorporaRoot() {
  const char* root = std::getenv("SOHOA_EXTERNAL_CORPORA");
  return root == nullptr ? std::filesystem::path() : std::filesystem::path(root);
}

#define SKIP_WITHOUT_CORPORA()                                                   \
  if (CorporaRoot().empty()) {                                                   \
    GTEST_SKIP() << "SOHOA_EXTERNAL_CORPORA is not set (point it at ../shared)"; \
  }

std::vector<std::filesystem::path> FilesIn(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string Summary(const std::filesystem::path& path) {
  auto info = ProbeSource(path);
  if (!info.ok()) return fmt::format("probe error: {}", info.status().ToString());
  auto page = DecodePage(*info, 0, DecodeLimits{});
  if (!page.ok()) {
    return fmt::format("{} {}p, page 1 error: {}", SourceFormatName(info->format), info->page_count,
                       page.status().ToString());
  }
  std::string line =
      fmt::format("{} {}p, page 1 {}x{} {}ch {:.0f}dpi{}{}{}", SourceFormatName(info->format),
                  info->page_count, page->pixels.cols, page->pixels.rows, page->pixels.channels(),
                  page->dpi, page->dpi_estimated ? " (estimated)" : "",
                  page->bilevel ? " bilevel" : "", page->has_real_text ? " has_real_text" : "");
  if (info->format != SourceFormat::kPdf) {
    auto encoded = EncodedImageForPage(*info, 0);
    const char* kNames[] = {"jpeg", "g4", "flate"};
    line += encoded.ok()
                ? fmt::format(", pdf image {} {} KB", kNames[static_cast<int>(encoded->encoding)],
                              encoded->data.size() / 1024)
                : ", pdf image error: " + encoded.status().ToString();
  }
  return line;
}

TEST(SourceCorporaTest, VnPublicMatchesManifest) {
  SKIP_WITHOUT_CORPORA();
  WarmUpPdfRendering();
  const auto base = CorporaRoot() / "corpus" / "vn-public";
  std::ifstream in(base / "manifest.json");
  ASSERT_TRUE(in) << "missing manifest.json";
  const auto manifest = nlohmann::json::parse(in);
  const std::map<std::string, SourceFormat> kFormats = {{"pdf", SourceFormat::kPdf},
                                                        {"png", SourceFormat::kPng},
                                                        {"tif", SourceFormat::kTiff},
                                                        {"jpg", SourceFormat::kJpeg}};
  for (const auto& document : manifest["documents"]) {
    const auto path = base / document["file"].get<std::string>();
    SCOPED_TRACE(path.string());
    auto info = ProbeSource(path);
    ASSERT_TRUE(info.ok()) << info.status().ToString();
    EXPECT_EQ(info->format, kFormats.at(document["format"].get<std::string>()));
    EXPECT_EQ(info->page_count, document["pages"].get<int>());
    auto page = DecodePage(*info, 0, DecodeLimits{});
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_NEAR(page->dpi, document["dpi"].get<double>(), 2);
    EXPECT_FALSE(page->has_real_text);
    const std::string color = document["color"].get<std::string>();
    EXPECT_EQ(page->bilevel, color == "bilevel");
    if (info->format != SourceFormat::kPdf) {
      auto encoded = EncodedImageForPage(*info, 0);
      ASSERT_TRUE(encoded.ok()) << encoded.status().ToString();
      EXPECT_EQ(encoded->width, page->pixels.cols);
      EXPECT_EQ(encoded->height, page->pixels.rows);
      if (color == "bilevel") {
        EXPECT_EQ(encoded->encoding, ocr::EncodedImage::Encoding::kCcittG4);
      }
      if (info->format == SourceFormat::kJpeg) {
        EXPECT_EQ(encoded->encoding, ocr::EncodedImage::Encoding::kJpeg);
      }
    }
    std::printf("%s: %s\n", path.filename().c_str(), Summary(path).c_str());
  }
}

TEST(SourceCorporaTest, PeerPdfsNeverCrash) {
  SKIP_WITHOUT_CORPORA();
  WarmUpPdfRendering();
  for (const auto& path : FilesIn(CorporaRoot() / "peer-pdfs")) {
    const auto extension = path.extension().string();
    if (extension == ".md" || extension == ".rst" || extension == ".toml") continue;
    std::printf("%s: %s\n", path.filename().c_str(), Summary(path).c_str());
    std::fflush(stdout);
  }
  auto invalid = ProbeSource(CorporaRoot() / "peer-pdfs" / "invalid.pdf");
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.status().code(), StatusCode::kInvalidInput);
}

TEST(SourceCorporaTest, RealScansAre500DpiA4) {
  SKIP_WITHOUT_CORPORA();
  for (int n = 1; n <= 5; ++n) {
    const auto path = CorporaRoot() / "real-scans" / fmt::format("page_{}.jpg", n);
    SCOPED_TRACE(path.string());
    auto info = ProbeSource(path);
    ASSERT_TRUE(info.ok()) << info.status().ToString();
    auto page = DecodePage(*info, 0, DecodeLimits{});
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_TRUE(page->dpi_estimated);
    EXPECT_NEAR(page->dpi, 500, 10);
  }
}

TEST(SourceCorporaTest, SignedDirectivesNeedOcr) {
  SKIP_WITHOUT_CORPORA();
  WarmUpPdfRendering();
  for (const auto& path : FilesIn(CorporaRoot() / "real-scans" / "directives")) {
    if (path.extension() == ".md") continue;
    std::printf("%s: %s\n", path.filename().c_str(), Summary(path).c_str());
    auto info = ProbeSource(path);
    ASSERT_TRUE(info.ok()) << path << ": " << info.status().ToString();
    if (info->format != SourceFormat::kPdf) continue;
    for (int index = 0; index < info->page_count; ++index) {
      auto page = DecodePage(*info, index, DecodeLimits{});
      ASSERT_TRUE(page.ok()) << path << ": " << page.status().ToString();
      EXPECT_FALSE(page->has_real_text) << path << " page " << index + 1;
    }
  }
}

}  // namespace
}  // namespace sohoa::pipeline
