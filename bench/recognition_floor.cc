// The recognition floor: how long Tesseract alone needs for a set of pages. Each page is
// decoded and cleaned as `sohoa run` does (untimed for the floor), then
// TessBaseAPI::Recognize runs once on the cleaned page with the same model and settings,
// one page at a time on one thread; only that call is timed. Summed over the pages and
// divided by the cores, it is the wall time no pipeline on that model can beat.
//
//   sohoa_recognition_floor [--tessdata DIR] [--lang vie] FILE...
//
// Prints one line per page (file, page, clean s, recognize s) and a summary line
// "pages=N recognize_s=S clean_s=C". Needs OMP_THREAD_LIMIT=1 in the environment.
#include <tesseract/baseapi.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "pipeline/source.h"
#include "preprocess/page_cleaner.h"

namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string tessdata;
  std::string language = "vie";
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--tessdata" && i + 1 < argc) {
      tessdata = argv[++i];
    } else if (arg == "--lang" && i + 1 < argc) {
      language = argv[++i];
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s [--tessdata DIR] [--lang vie] FILE...\n", argv[0]);
    return 2;
  }
  if (std::getenv("OMP_THREAD_LIMIT") == nullptr) {
    std::fprintf(stderr, "warning: OMP_THREAD_LIMIT is unset; Tesseract may use 4 threads\n");
  }
  cv::setNumThreads(0);
  sohoa::pipeline::WarmUpPdfRendering();
  tesseract::TessBaseAPI api;
  if (api.Init(tessdata.empty() ? nullptr : tessdata.c_str(), language.c_str(),
               tesseract::OEM_LSTM_ONLY) != 0) {
    std::fprintf(stderr, "cannot load the '%s' model\n", language.c_str());
    return 5;
  }
  api.SetVariable("debug_file", "/dev/null");
  api.SetPageSegMode(tesseract::PSM_AUTO);

  const sohoa::preprocess::CleanOptions clean_options;
  const sohoa::pipeline::DecodeLimits limits;
  int pages = 0;
  double recognize_total = 0, clean_total = 0;
  for (const std::string& file : files) {
    auto source = sohoa::pipeline::ProbeSource(file);
    if (!source.ok()) {
      std::fprintf(stderr, "%s: %s\n", file.c_str(), source.status().ToString().c_str());
      continue;
    }
    for (int index = 0; index < source->page_count; ++index) {
      auto decoded = sohoa::pipeline::DecodePage(*source, index, limits);
      if (!decoded.ok() || decoded->has_real_text) continue;
      const auto clean_start = std::chrono::steady_clock::now();
      const auto geometry = sohoa::preprocess::EstimateGeometry(decoded->pixels, decoded->dpi);
      auto clean = sohoa::preprocess::CleanForOcr(decoded->pixels, decoded->dpi,
                                                  geometry.text_runs_vertically ? 90 : 0,
                                                  geometry.skew_degrees, clean_options);
      const double clean_seconds = SecondsSince(clean_start);
      if (!clean.ok()) {
        std::fprintf(stderr, "%s p%d: %s\n", file.c_str(), index + 1,
                     clean.status().ToString().c_str());
        continue;
      }
      const cv::Mat& image = clean->image;
      api.SetImage(image.data, image.cols, image.rows, 1, static_cast<int>(image.step));
      api.SetSourceResolution(static_cast<int>(std::lround(clean->dpi)));
      const auto start = std::chrono::steady_clock::now();
      const int rc = api.Recognize(nullptr);
      const double seconds = SecondsSince(start);
      api.Clear();
      if (rc != 0) {
        std::fprintf(stderr, "%s p%d: Recognize failed\n", file.c_str(), index + 1);
        continue;
      }
      ++pages;
      recognize_total += seconds;
      clean_total += clean_seconds;
      std::printf("%s\t%d\t%.3f\t%.3f\n", file.c_str(), index + 1, clean_seconds, seconds);
      std::fflush(stdout);
    }
  }
  std::printf("pages=%d recognize_s=%.2f clean_s=%.2f\n", pages, recognize_total, clean_total);
  return pages > 0 ? 0 : 1;
}
