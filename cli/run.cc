// sohoa run INPUT... --out DIR: the batch, made to be scheduled (cron, systemd timers) and
// trusted in the morning: locks, deadlines, resumable journal, status file, reports, metrics.
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "cli/commands.h"
#include "common/atomic_file.h"
#include "pipeline/batch.h"
#include "pipeline/run_lock.h"
#include "pipeline/run_status.h"
#include "pipeline/source.h"

namespace sohoa::cli {
namespace {
namespace fs = std::filesystem;
using std::chrono::steady_clock;
using std::chrono::system_clock;

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
  std::string page_timeout = "300";
  std::string deadline;
  std::string max_runtime;
  std::string quarantine_dir;
  std::string move_done_dir;
  std::string metrics_path;
  double max_megapixels = pipeline::kDefaultMaxPagePixels / 1e6;
  int jobs = 0;
  bool keep_skew = false;
  bool force = false;
  bool quiet = false;
};

constexpr const char* kExitStatusHelp = R"(Exit status:
  0  every document done (or already done)
  1  the run finished but some documents failed (see the report)
  2  bad command line
  3  stopped (signal, --deadline or --max-runtime) with work left; a rerun resumes
  4  another sohoa run holds the lock on this output folder or catalog
  5  environment problem: language model missing, output or catalog not writable
  6  no document could be processed)";

// Holds the output folder's and the catalog's locks; reports which one is taken.
struct RunLocks {
  std::optional<pipeline::RunLock> output;
  std::optional<pipeline::RunLock> catalog;
};

int AcquireLocks(const fs::path& output_dir, const fs::path& catalog_path, RunLocks* locks) {
  for (auto [path, slot] :
       {std::pair{pipeline::RunLockPath(output_dir), &locks->output},
        std::pair{fs::path(catalog_path.string() + ".lock"), &locks->catalog}}) {
    Result<pipeline::RunLock> lock = pipeline::RunLock::Acquire(path);
    if (!lock.ok()) {
      spdlog::error("{}", lock.status().message());
      return lock.status().code() == StatusCode::kCancelled ? kExitLocked : kExitEnvironment;
    }
    slot->emplace(std::move(lock).value());
  }
  return kExitOk;
}

// Catches a read-only folder or a full disk before any work, with one clear line.
Status CheckWritable(const fs::path& folder) {
  Status written = WriteFileAtomically(folder / ".sohoa-write-test", "ok\n");
  if (!written.ok()) {
    return IoError(
        fmt::format("{}: output folder is not writable ({})", folder.string(), written.message()));
  }
  std::error_code ec;
  fs::remove(folder / ".sohoa-write-test", ec);
  return Status::Ok();
}

void DrawProgressBar(const pipeline::BatchProgress& progress) {
  constexpr int kWidth = 30;
  double fraction =
      progress.documents_total > 0
          ? static_cast<double>(progress.documents_finished) / progress.documents_total
          : 0;
  int filled = static_cast<int>(fraction * kWidth);
  double per_minute =
      progress.elapsed_seconds > 0 ? progress.pages_processed * 60.0 / progress.elapsed_seconds : 0;
  double eta = pipeline::EstimateSecondsLeft(progress);
  std::string eta_text =
      eta < 0 ? "--"
              : fmt::format("{}m{:02}s", static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
  std::fprintf(stderr, "\r\033[K[%s%s] %d/%d docs, %d pages, %.1f pages/min, ETA %s",
               std::string(filled, '#').c_str(), std::string(kWidth - filled, '.').c_str(),
               progress.documents_finished, progress.documents_total, progress.pages_processed,
               per_minute, eta_text.c_str());
  std::fflush(stderr);
}

int ExitStatusOf(const pipeline::BatchReport& report) {
  if (report.stopped_early) return kExitStopped;
  int done = report.Count("done"), skipped = report.Count("skipped");
  if (report.Count("failed") > 0 || !report.input_problems.empty()) {
    return (done + skipped == 0) ? kExitAllFailed : kExitSomeFailed;
  }
  return kExitOk;
}

int Run(const RunArguments& args) {
  if (args.quiet) spdlog::set_level(spdlog::level::warn);
  system_clock::time_point started = system_clock::now();
  pipeline::BatchOptions options;
  if (!args.max_runtime.empty() || !args.deadline.empty()) {
    std::optional<system_clock::time_point> stop_wall;
    if (!args.max_runtime.empty()) {
      Result<std::chrono::milliseconds> runtime = pipeline::ParseDuration(args.max_runtime, 1000);
      if (!runtime.ok()) {
        spdlog::error("--max-runtime: {}", runtime.status().message());
        return kExitUsage;
      }
      stop_wall = started + *runtime;
    }
    if (!args.deadline.empty()) {
      Result<system_clock::time_point> deadline = pipeline::ParseDeadline(args.deadline, started);
      if (!deadline.ok()) {
        spdlog::error("--deadline: {}", deadline.status().message());
        return kExitUsage;
      }
      if (!stop_wall || *deadline < *stop_wall) stop_wall = *deadline;
    }
    options.stop_at = steady_clock::now() + (*stop_wall - started);
  }
  Result<std::chrono::milliseconds> page_timeout = pipeline::ParseDuration(args.page_timeout, 1000);
  if (!page_timeout.ok()) {
    spdlog::error("--page-timeout: {}", page_timeout.status().message());
    return kExitUsage;
  }

  fs::path output_dir = args.output_dir;
  std::error_code ec;
  fs::create_directories(output_dir, ec);
  if (ec) {
    spdlog::error("{}: cannot create output folder: {}", output_dir.string(), ec.message());
    return kExitEnvironment;
  }
  if (Status writable = CheckWritable(output_dir); !writable.ok()) {
    spdlog::error("{}", writable.message());
    return kExitEnvironment;
  }
  fs::path catalog_path =
      args.catalog.empty() ? output_dir / "catalog.sqlite" : fs::path(args.catalog);
  RunLocks locks;
  if (int locked = AcquireLocks(output_dir, catalog_path, &locks); locked != kExitOk) return locked;

  for (const std::string& input : args.inputs) options.inputs.emplace_back(input);
  options.output_dir = output_dir;
  options.catalog_path = catalog_path;
  options.jobs = args.jobs;
  options.force = args.force;
  options.collection = args.collection;
  options.ocr.tessdata_dir = args.tessdata_dir;
  options.ocr.language = args.language;
  options.ocr.timeout_ms = static_cast<int>(page_timeout->count());
  options.write.keep_skew = args.keep_skew;
  options.limits.max_pixels = static_cast<std::int64_t>(args.max_megapixels * 1e6);
  options.quarantine_dir = args.quarantine_dir;
  options.move_done_dir = args.move_done_dir;
  options.stop_requested = &g_stop_requested;

  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);

  const std::string started_iso = pipeline::IsoTimeUtc(started);
  const fs::path status_path = pipeline::RunStatusPath(output_dir);
  const bool show_bar = !args.quiet && ::isatty(STDERR_FILENO);
  steady_clock::time_point last_status_write{};
  options.on_page = [&](const pipeline::BatchProgress& progress) {
    if (show_bar) DrawProgressBar(progress);
    if (steady_clock::now() - last_status_write < std::chrono::seconds(1)) return;
    last_status_write = steady_clock::now();
    nlohmann::json status = pipeline::RunningStatusJson(progress, ::getpid(), started_iso);
    if (Status written = WriteFileAtomically(status_path, status.dump(2) + "\n"); !written.ok()) {
      spdlog::warn("{}", written.ToString());
    }
  };
  pipeline::ProgressCallback progress = [&](const pipeline::DocumentOutcome& outcome, int finished,
                                            int total, int pages_done) {
    if (outcome.status == "failed" || show_bar) return;  // failures are logged as errors
    spdlog::info("[{}/{}] {} {} ({} pages{})", finished, total, outcome.status, outcome.input,
                 outcome.pages,
                 outcome.pages_needing_review.empty()
                     ? ""
                     : fmt::format(", {} to review", outcome.pages_needing_review.size()));
  };
  Result<pipeline::BatchReport> report = pipeline::RunBatch(options, progress);
  if (show_bar) std::fputc('\n', stderr);
  if (!report.ok()) {
    spdlog::error("{}", report.status().ToString());
    return kExitEnvironment;
  }

  int exit_status = ExitStatusOf(*report);
  system_clock::time_point finished = system_clock::now();
  nlohmann::json json = report->ToJson();
  json["started_at"] = started_iso;
  json["finished_at"] = pipeline::IsoTimeUtc(finished);
  json["exit_status"] = exit_status;
  const std::string report_text = json.dump(2) + "\n";
  fs::path report_path =
      args.report_path.empty() ? output_dir / "sohoa-report.json" : fs::path(args.report_path);
  fs::path run_report_path =
      pipeline::RunStateDir(output_dir) / "runs" / (pipeline::IsoTimeUtc(started, true) + ".json");
  for (const fs::path& path : {report_path, run_report_path}) {
    if (Status written = WriteFileAtomically(path, report_text); !written.ok()) {
      spdlog::error("{}", written.ToString());
    }
  }
  nlohmann::json final_status = {{"state", "finished"},
                                 {"pid", ::getpid()},
                                 {"started_at", started_iso},
                                 {"updated_at", json["finished_at"]},
                                 {"exit_status", exit_status},
                                 {"documents", json["documents"]},
                                 {"pages_done", report->pages_done},
                                 {"pages_per_minute", report->PagesPerMinute()},
                                 {"report", run_report_path.string()}};
  if (Status written = WriteFileAtomically(status_path, final_status.dump(2) + "\n");
      !written.ok()) {
    spdlog::warn("{}", written.ToString());
  }
  if (!args.metrics_path.empty()) {
    double finished_unix = std::chrono::duration<double>(finished.time_since_epoch()).count();
    std::string metrics = pipeline::PrometheusMetrics(*report, exit_status, finished_unix);
    if (Status written = WriteFileAtomically(args.metrics_path, metrics); !written.ok()) {
      spdlog::error("{}", written.ToString());
    }
  }

  spdlog::warn(
      "{} done, {} already done, {} failed, {} not finished, {} pages ({:.1f} pages/min, "
      "{} resumed, {} timed out), {} pages to review; report: {}; catalog: {}",
      report->Count("done"), report->Count("skipped"), report->Count("failed"),
      report->Count("not started"), report->pages_done, report->PagesPerMinute(),
      report->pages_resumed, report->pages_timed_out, json["needs_review"].size(),
      report_path.string(), report->catalog_path);
  if (exit_status == kExitStopped) {
    spdlog::warn("stopped with work left; run the same command again to continue");
  }
  return exit_status;
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
  run->add_option("--page-timeout", args->page_timeout,
                  "OCR time per page before it is kept image-only and flagged for review: "
                  "seconds, or 500ms, 2m (default 300)");
  run->add_option("--deadline", args->deadline,
                  "HH:MM local time: take no new pages after it, exit 3 (rerun continues)");
  run->add_option("--max-runtime", args->max_runtime,
                  "e.g. 90m, 2h, 1h30m: take no new pages after it, exit 3");
  run->add_option("--max-megapixels", args->max_megapixels,
                  "refuse pages larger than this before decoding (default 120)")
      ->check(CLI::Range(1.0, 2000.0));
  run->add_option("--quarantine", args->quarantine_dir, "copy failed inputs into this folder");
  run->add_option("--move-done", args->move_done_dir,
                  "move each original here once its PDF and catalog rows are on disk");
  run->add_option("--metrics", args->metrics_path,
                  "write Prometheus textfile-collector metrics here at the end");
  run->add_option("--report", args->report_path,
                  "JSON run report (default: OUT/sohoa-report.json)");
  run->add_flag("--keep-skew", args->keep_skew,
                "keep skewed pages as scanned and rotate the text layer onto them");
  run->add_flag("--force", args->force, "redo documents that are already done");
  run->add_flag("--quiet,-q", args->quiet, "print failures and the summary only");
  run->callback([args, exit_status] { *exit_status = Run(*args); });
}

}  // namespace sohoa::cli
