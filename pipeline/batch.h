// A batch run: every page of every input document flows through one bounded oneTBB graph
//   source (serial) -> limiter (pages in flight) -> page worker (decode, clean, OCR;
//   concurrency = OCR engines) -> document assembler (serial: PDF/A write, catalog)
// so memory is bounded by the limiter, never by batch size or document length.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "ocr/ocr_engine.h"
#include "ocr/pdf_writer.h"
#include "pipeline/page_recognizer.h"
#include "pipeline/source.h"

namespace sohoa::pipeline {

struct BatchOptions {
  std::vector<std::filesystem::path> inputs;
  std::filesystem::path output_dir;
  std::filesystem::path catalog_path;  // empty: output_dir/catalog.sqlite
  int jobs = 0;                        // OCR engines; 0 = number of cores
  int pages_in_flight = 0;             // 0 = 2 * jobs + 2
  bool force = false;                  // redo documents that are already done
  std::string collection;
  ocr::OcrOptions ocr;
  ocr::WriteOptions write;
  RecognitionSettings recognition;
  DecodeLimits limits;
  // Set by a signal handler or deadline: no new pages are taken; pages in flight finish.
  const std::atomic<bool>* stop_requested = nullptr;
};

struct DocumentOutcome {
  std::string input;   // as given
  std::string output;  // PDF path, when done
  std::string status;  // "done", "skipped" (already done), "failed", "not started"
  std::string error;   // one line naming the file and the cause
  int pages = 0;
  std::vector<int> pages_needing_review;  // 1-based
  std::vector<std::string> review_reasons;
};

struct BatchReport {
  std::vector<DocumentOutcome> documents;
  std::vector<std::string> input_problems;
  int pages_done = 0;
  double wall_seconds = 0;
  double decode_seconds = 0, clean_seconds = 0, ocr_seconds = 0, write_seconds = 0,
         catalog_seconds = 0;
  bool stopped_early = false;
  std::string catalog_path;

  int Count(const std::string& status) const;
  double PagesPerMinute() const;
  nlohmann::json ToJson() const;
};

// Progress callback: called from the assembler thread after each finished document.
using ProgressCallback = std::function<void(const DocumentOutcome&, int documents_finished,
                                            int documents_total, int pages_done)>;

// Fails only when the run cannot start (no language model, output not writable, catalog
// unusable); per-document failures are in the report.
Result<BatchReport> RunBatch(const BatchOptions& options, const ProgressCallback& progress);

}  // namespace sohoa::pipeline
