// What a run tells the outside while and after it runs: the status file that `sohoa status`
// reads (OUT/.sohoa/status.json, replaced atomically), Prometheus textfile metrics, and the
// duration/deadline arguments of `sohoa run`.
#pragma once

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/status.h"
#include "pipeline/batch.h"

namespace sohoa::pipeline {

// OUT/.sohoa: the run's own files (status, per-run reports).
std::filesystem::path RunStateDir(const std::filesystem::path& output_dir);
std::filesystem::path RunStatusPath(const std::filesystem::path& output_dir);
std::filesystem::path RunLockPath(const std::filesystem::path& output_dir);

// {"state": "running"|"finished", "pid", "started_at", "updated_at", "pages_processed",
//  "documents_finished", "documents_total", "pages_per_minute", "eta_seconds", "current",
//  and when finished "exit_status", "report"}.
nlohmann::json RunningStatusJson(const BatchProgress& progress, long pid,
                                 const std::string& started_at);
// Seconds left, estimated from the pages done so far and the documents not yet probed
// (assumed as long as the probed ones); negative when unknown.
double EstimateSecondsLeft(const BatchProgress& progress);

// Prometheus text exposition format (node_exporter textfile collector), one run's numbers.
std::string PrometheusMetrics(const BatchReport& report, int exit_status, double finished_unix);

// "90m", "2h", "45s", "1h30m", "500ms", or a bare number of `bare_unit_ms` milliseconds.
Result<std::chrono::milliseconds> ParseDuration(const std::string& text, long bare_unit_ms);
// "HH:MM" local time: the next such moment after `now` (today, or tomorrow if passed).
Result<std::chrono::system_clock::time_point> ParseDeadline(
    const std::string& text, std::chrono::system_clock::time_point now);

// UTC "YYYY-MM-DDTHH:MM:SSZ"; with `compact`, "YYYYMMDDTHHMMSSZ" (for file names).
std::string IsoTimeUtc(std::chrono::system_clock::time_point time, bool compact = false);

}  // namespace sohoa::pipeline
