// sohoa status [--out DIR]: the run going on in DIR (its lock is held: pid and progress from
// the status file it keeps) or the last one that finished there.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "common/atomic_file.h"
#include "pipeline/run_lock.h"
#include "pipeline/run_status.h"

namespace sohoa::cli {
namespace {
namespace fs = std::filesystem;

std::string Minutes(double seconds) {
  if (seconds < 0) return "unknown";
  return fmt::format("{}m{:02}s", static_cast<int>(seconds) / 60, static_cast<int>(seconds) % 60);
}

int ShowStatus(const std::string& output_dir, bool as_json) {
  const bool running = pipeline::RunLock::IsHeld(pipeline::RunLockPath(output_dir));
  Result<std::string> text = ReadFileBytes(pipeline::RunStatusPath(output_dir));
  nlohmann::json status;
  if (text.ok()) status = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (status.is_discarded() || !status.is_object()) status = nlohmann::json::object();
  if (running) {
    status["state"] = "running";
  } else if (status.value("state", "") == "running") {
    status["state"] = "interrupted";  // the process died without writing its final status
  } else if (status.empty()) {
    status["state"] = "never run";
  }
  if (as_json) {
    std::printf("%s\n", status.dump(2).c_str());
    return kExitOk;
  }
  const std::string state = status.value("state", "");
  if (state == "never run") {
    std::printf("%s: no sohoa run found\n", output_dir.c_str());
  } else if (state == "running") {
    std::printf(
        "running: pid %ld, started %s, %d/%d documents, %d pages, %.1f pages/min, "
        "ETA %s, now %s\n",
        status.value("pid", 0L), status.value("started_at", "?").c_str(),
        status.value("documents_finished", 0), status.value("documents_total", 0),
        status.value("pages_processed", 0), status.value("pages_per_minute", 0.0),
        Minutes(status.value("eta_seconds", -1.0)).c_str(), status.value("current", "").c_str());
  } else if (state == "interrupted") {
    std::printf("interrupted: pid %ld started %s and died after %d pages; a rerun resumes\n",
                status.value("pid", 0L), status.value("started_at", "?").c_str(),
                status.value("pages_processed", 0));
  } else {
    const nlohmann::json documents = status.value("documents", nlohmann::json::object());
    std::printf(
        "last run: started %s, finished %s, exit status %d; %d done, %d already done, "
        "%d failed, %d not finished, %d pages (%.1f pages/min); report %s\n",
        status.value("started_at", "?").c_str(), status.value("updated_at", "?").c_str(),
        status.value("exit_status", -1), documents.value("done", 0), documents.value("skipped", 0),
        documents.value("failed", 0), documents.value("not_started", 0),
        status.value("pages_done", 0), status.value("pages_per_minute", 0.0),
        status.value("report", "").c_str());
  }
  return kExitOk;
}

}  // namespace

void RegisterStatusCommand(CLI::App& app, int* exit_status) {
  auto output_dir = std::make_shared<std::string>(".");
  auto as_json = std::make_shared<bool>(false);
  CLI::App* status =
      app.add_subcommand("status", "show the running or last run of an output folder");
  status->add_option("--out,-o", *output_dir, "output folder of the runs (default: .)");
  status->add_flag("--json", *as_json, "print the status file as JSON");
  status->callback(
      [output_dir, as_json, exit_status] { *exit_status = ShowStatus(*output_dir, *as_json); });
}

}  // namespace sohoa::cli
