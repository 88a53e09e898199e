// Skew and line direction on the public corpus (vn-public), against the manifest. Needs
// SOHOA_EXTERNAL_CORPORA (the folder holding corpus/); skipped without it.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "preprocess/page_cleaner.h"
#include "tests/testing/fixtures.h"

namespace sohoa::preprocess {
namespace {

namespace fs = std::filesystem;

// 8-bit grey or BGR, whatever the file held.
cv::Mat ToEightBit(cv::Mat image) {
  if (image.depth() != CV_8U) image.convertTo(image, CV_8U, 255.0 / 65535.0);
  if (image.channels() == 4) cv::cvtColor(image, image, cv::COLOR_BGRA2BGR);
  return image;
}

// The page rasters of a corpus document. PDFs hold one image per page (img2pdf), taken
// out unchanged with pdfimages.
std::vector<cv::Mat> LoadPages(const fs::path& file) {
  std::vector<cv::Mat> pages;
  const std::string ext = file.extension().string();
  if (ext == ".tif" || ext == ".tiff") {
    cv::imreadmulti(file.string(), pages, cv::IMREAD_UNCHANGED);
  } else if (ext == ".pdf") {
    const fs::path dir = testing::MakeTempDir("sohoa-pdfimages");
    const std::string command =
        "pdfimages -png '" + file.string() + "' '" + (dir / "page").string() + "' 2>/dev/null";
    if (std::system(command.c_str()) == 0) {
      std::vector<fs::path> images;
      for (const auto& entry : fs::directory_iterator(dir)) images.push_back(entry.path());
      std::sort(images.begin(), images.end());
      for (const fs::path& image : images)
        pages.push_back(cv::imread(image.string(), cv::IMREAD_UNCHANGED));
    }
    fs::remove_all(dir);
  } else {
    pages.push_back(cv::imread(file.string(), cv::IMREAD_UNCHANGED));
  }
  for (cv::Mat& page : pages) page = ToEightBit(page);
  return pages;
}

TEST(CorpusGeometryTest, SkewAndLineDirectionOnVnPublic) {
  const char* root = std::getenv("SOHOA_EXTERNAL_CORPORA");
  if (root == nullptr) GTEST_SKIP() << "SOHOA_EXTERNAL_CORPORA is not set";
  const fs::path set = fs::path(root) / "corpus" / "vn-public";
  std::ifstream manifest_file(set / "manifest.json");
  ASSERT_TRUE(manifest_file) << "no manifest in " << set;
  const nlohmann::json manifest = nlohmann::json::parse(manifest_file);

  int pages = 0, skew_within = 0, direction_right = 0;
  std::vector<double> errors;
  double total_ms = 0;
  std::printf("%-6s %2s %4s %-9s %4s %7s %7s %6s %4s %6s %5s\n", "doc", "p", "dpi", "encoding",
              "rot", "true", "found", "error", "dir", "score", "ms");
  for (const auto& doc : manifest["documents"]) {
    const std::vector<cv::Mat> rasters = LoadPages(set / doc["file"].get<std::string>());
    const int expected_pages = doc["pages"].get<int>();
    ASSERT_EQ(static_cast<int>(rasters.size()), expected_pages) << doc["id"];
    for (int p = 1; p <= expected_pages; ++p) {
      const auto& degradation = doc["degradations"][std::to_string(p)];
      const double true_skew = degradation["skew"].get<double>();
      const int rotation = degradation["rotation"].get<int>();
      const auto start = std::chrono::steady_clock::now();
      const PageGeometry geometry = EstimateGeometry(rasters[p - 1], doc["dpi"].get<double>());
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      total_ms += ms;
      // A quarter turn of the raster keeps a small rotation's sense, so the skew found on
      // the fed raster is the skew on the scanner bed whatever the feed rotation.
      const double error = geometry.skew_degrees - true_skew;
      const bool direction_ok =
          geometry.text_runs_vertically == (rotation == 90 || rotation == 270);
      ++pages;
      errors.push_back(std::abs(error));
      skew_within += std::abs(error) <= 0.2;
      direction_right += direction_ok;
      std::printf("%-6s %2d %4d %-9s %4d %7.2f %7.2f %6.2f %4s %6.2f %5.0f\n",
                  doc["id"].get<std::string>().c_str(), p, doc["dpi"].get<int>(),
                  doc["encoding"].get<std::string>().c_str(), rotation, true_skew,
                  geometry.skew_degrees, error, direction_ok ? "ok" : "BAD", geometry.score, ms);
    }
  }
  std::sort(errors.begin(), errors.end());
  const auto quantile = [&](double q) {
    return errors[std::min(errors.size() - 1, static_cast<size_t>(q * errors.size()))];
  };
  std::printf(
      "pages %d: |error| <= 0.2: %d (%.1f%%), <= 0.1: %ld; median %.3f, p90 %.3f, max %.3f; "
      "line direction right: %d; mean %.0f ms/page\n",
      pages, skew_within, 100.0 * skew_within / pages,
      std::count_if(errors.begin(), errors.end(), [](double e) { return e <= 0.1; }), quantile(0.5),
      quantile(0.9), errors.back(), direction_right, total_ms / pages);
  EXPECT_GE(skew_within, 0.95 * pages);
  EXPECT_EQ(direction_right, pages);
}

}  // namespace
}  // namespace sohoa::preprocess
