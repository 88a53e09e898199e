// A batch run: every page of every input document flows through one bounded oneTBB graph
//   source (serial) -> limiter (pages in flight) -> page worker (decode, clean, OCR;
//   concurrency = OCR engines) -> document assembler (serial: PDF/A write, catalog)
// so memory is bounded by the limiter, never by batch size or document length.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "ocr/ocr_engine.h"
#include "ocr/pdf_writer.h"
#include "pipeline/page_recognizer.h"
#include "pipeline/source.h"

namespace sohoa::pipeline {

struct BatchProgress {
  int pages_processed = 0;   // this run, OCR'd or taken from the journal
  int pages_known = 0;       // pages of the documents probed so far (not skipped)
  int documents_probed = 0;  // documents whose page count is known
  int documents_finished = 0;
  int documents_total = 0;
  double elapsed_seconds = 0;
  std::string current_input;
};

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
  // --deadline / --max-runtime: after this no new pages are taken.
  std::optional<std::chrono::steady_clock::time_point> stop_at;
  std::filesystem::path quarantine_dir;  // failed inputs are copied here (empty: not)
  std::filesystem::path move_done_dir;   // done originals move here once durable (empty: stay)
  // Called from the assembler thread after every page that finished (see BatchProgress).
  std::function<void(const BatchProgress&)> on_page;
};

struct DocumentOutcome {
  std::string input;        // as given
  std::string output;       // PDF path, when done
  std::string status;       // "done", "skipped" (already done), "failed", "not started"
  std::string quarantined;  // copy of a failed input, when --quarantine
  std::string error;        // one line naming the file and the cause
  int pages = 0;
  std::vector<int> pages_needing_review;  // 1-based
  std::vector<std::string> review_reasons;
};

struct BatchReport {
  std::vector<DocumentOutcome> documents;
  std::vector<std::string> input_problems;
  int pages_done = 0;
  int pages_resumed = 0;    // taken from the journal of an interrupted run, not OCR'd again
  int pages_timed_out = 0;  // OCR gave up (--page-timeout): kept image-only, needs review
  double wall_seconds = 0;
  double decode_seconds = 0, clean_seconds = 0, ocr_seconds = 0, write_seconds = 0,
         catalog_seconds = 0;
  PageTimings recognition;  // summed over pages: the recognition passes' share of ocr_seconds
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
