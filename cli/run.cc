// sohoa run INPUT... --out DIR: the batch.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "common/atomic_file.h"
#include "pipeline/batch.h"
#include "pipeline/run_lock.h"

namespace sohoa::cli {
namespace {
namespace fs = std::filesystem;

std::atomic<bool> g_stop_requested{false};

extern "C" void OnStopSignal(int) { g_stop_requested.store(true); }

struct RunArguments {
  std::vector<std::string> inputs;
  std::string output_dir;
  std::string catalog;
  std::string collection;
  std::string tessdata_dir;
  std::string language = "vie";
  std::string report_path;
  int jobs = 0;
  int page_timeout_seconds = 300;
  bool keep_skew = false;
  bool force = false;
  bool quiet = false;
};

constexpr const char* kExitStatusHelp = R"(Exit status:
  0  every document done (or already done)
  1  the run finished but some documents failed (see the report)
  2  bad command line
  3  stopped (signal) with work left; a rerun resumes
  4  another sohoa run holds the lock on this output folder
  5  environment problem: language model missing, output or catalog not writable
  6  no document could be processed)";

int Run(const RunArguments& args) {
  if (args.quiet) spdlog::set_level(spdlog::level::warn);
  fs::path output_dir = args.output_dir;
  std::error_code ec;
  fs::create_directories(output_dir, ec);
  if (ec) {
    spdlog::error("{}: cannot create output folder: {}", output_dir.string(), ec.message());
    return kExitEnvironment;
  }
  Result<pipeline::RunLock> lock = pipeline::RunLock::Acquire(output_dir / ".sohoa.lock");
  if (!lock.ok()) {
    spdlog::error("{}", lock.status().message());
    return lock.status().code() == StatusCode::kCancelled ? kExitLocked : kExitEnvironment;
  }

  pipeline::BatchOptions options;
  for (const std::string& input : args.inputs) options.inputs.emplace_back(input);
  options.output_dir = output_dir;
  options.catalog_path = args.catalog;
  options.jobs = args.jobs;
  options.force = args.force;
  options.collection = args.collection;
  options.ocr.tessdata_dir = args.tessdata_dir;
  options.ocr.language = args.language;
  options.ocr.timeout_ms = args.page_timeout_seconds * 1000;
  options.write.keep_skew = args.keep_skew;
  options.stop_requested = &g_stop_requested;

  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);

  pipeline::ProgressCallback progress = [&](const pipeline::DocumentOutcome& outcome,
                                            int finished, int total, int pages_done) {
    if (outcome.status == "failed") return;  // already logged as an error
    spdlog::info("[{}/{}] {} {} ({} pages{})", finished, total, outcome.status, outcome.input,
                 outcome.pages,
                 outcome.pages_needing_review.empty()
                     ? ""
                     : fmt::format(", {} to review", outcome.pages_needing_review.size()));
  };
  Result<pipeline::BatchReport> report = pipeline::RunBatch(options, progress);
  if (!report.ok()) {
    spdlog::error("{}", report.status().ToString());
    return kExitEnvironment;
  }

  nlohmann::json json = report->ToJson();
  fs::path report_path =
      args.report_path.empty() ? output_dir / "sohoa-report.json" : fs::path(args.report_path);
  if (Status written = WriteFileAtomically(report_path, json.dump(2) + "\n"); !written.ok()) {
    spdlog::error("{}", written.ToString());
  }
  int done = report->Count("done"), skipped = report->Count("skipped"),
      failed = report->Count("failed");
  size_t review_pages = json["needs_review"].size();
  spdlog::warn("{} done, {} already done, {} failed, {} pages ({:.1f} pages/min), {} pages to "
               "review; report: {}; catalog: {}",
               done, skipped, failed, report->pages_done, report->PagesPerMinute(), review_pages,
               report_path.string(), report->catalog_path);
  if (report->stopped_early) return kExitStopped;
  if (failed > 0 || !report->input_problems.empty()) {
    return (done + skipped == 0) ? kExitAllFailed : kExitSomeFailed;
  }
  return kExitOk;
}

}  // namespace

void RegisterRunCommand(CLI::App& app, int* exit_status) {
  auto args = std::make_shared<RunArguments>();
  CLI::App* run = app.add_subcommand(
      "run", "OCR scans (files or folders, recursively) into searchable PDF/A and the catalog");
  run->footer(kExitStatusHelp);
  run->add_option("INPUT", args->inputs, "image or PDF files, or folders")->required();
  run->add_option("--out,-o", args->output_dir, "output folder for the PDFs")->required();
  run->add_option("--catalog", args->catalog, "catalog file (default: OUT/catalog.sqlite)");
  run->add_option("--jobs,-j", args->jobs, "pages recognised in parallel (default: cores)")
      ->check(CLI::Range(0, 256));
  run->add_option("--collection", args->collection, "collection name stored with each document");
  run->add_option("--tessdata", args->tessdata_dir, "folder with the traineddata model");
  run->add_option("--language,-l", args->language, "Tesseract language (default: vie)");
  run->add_option("--page-timeout", args->page_timeout_seconds,
                  "seconds of OCR per page before it is kept image-only (default 300)");
  run->add_option("--report", args->report_path, "JSON run report (default: OUT/sohoa-report.json)");
  run->add_flag("--keep-skew", args->keep_skew,
                "keep skewed pages as scanned and rotate the text layer onto them");
  run->add_flag("--force", args->force, "redo documents that are already done");
  run->add_flag("--quiet,-q", args->quiet, "print failures and the summary only");
  run->callback([args, exit_status] { *exit_status = Run(*args); });
}

}  // namespace sohoa::cli
