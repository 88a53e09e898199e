#include "pipeline/run_status.h"

#include <fmt/format.h>

#include <cctype>
#include <ctime>

namespace sohoa::pipeline {
namespace fs = std::filesystem;
using std::chrono::system_clock;

fs::path RunStateDir(const fs::path& output_dir) { return output_dir / ".sohoa"; }
fs::path RunStatusPath(const fs::path& output_dir) {
  return RunStateDir(output_dir) / "status.json";
}
fs::path RunLockPath(const fs::path& output_dir) { return output_dir / ".sohoa.lock"; }

double EstimateSecondsLeft(const BatchProgress& progress) {
  if (progress.pages_processed <= 0 || progress.elapsed_seconds <= 0 ||
      progress.documents_probed <= 0) {
    return -1;
  }
  double pages_per_document =
      static_cast<double>(progress.pages_known) / std::max(1, progress.documents_probed);
  double pages_left = std::max(0, progress.pages_known - progress.pages_processed) +
                      pages_per_document * (progress.documents_total - progress.documents_probed);
  return pages_left * progress.elapsed_seconds / progress.pages_processed;
}

nlohmann::json RunningStatusJson(const BatchProgress& progress, long pid,
                                 const std::string& started_at) {
  double per_minute =
      progress.elapsed_seconds > 0 ? progress.pages_processed * 60.0 / progress.elapsed_seconds : 0;
  return {{"state", "running"},
          {"pid", pid},
          {"started_at", started_at},
          {"updated_at", IsoTimeUtc(system_clock::now())},
          {"pages_processed", progress.pages_processed},
          {"documents_finished", progress.documents_finished},
          {"documents_total", progress.documents_total},
          {"pages_per_minute", per_minute},
          {"eta_seconds", EstimateSecondsLeft(progress)},
          {"current", progress.current_input}};
}

std::string PrometheusMetrics(const BatchReport& report, int exit_status, double finished_unix) {
  std::string text;
  auto gauge = [&text](const char* name, const char* help, double value,
                       const std::string& labels = "") {
    // Whole numbers print without an exponent (fmt would write 1.7e+09 for a timestamp).
    std::string number = value == static_cast<double>(static_cast<long long>(value))
                             ? fmt::format("{}", static_cast<long long>(value))
                             : fmt::format("{}", value);
    text += fmt::format("# HELP {0} {1}\n# TYPE {0} gauge\n{0}{2} {3}\n", name, help,
                        labels.empty() ? "" : "{" + labels + "}", number);
  };
  text +=
      "# HELP sohoa_run_documents Documents of the last run by outcome.\n"
      "# TYPE sohoa_run_documents gauge\n";
  for (const char* status : {"done", "skipped", "failed", "not started"}) {
    std::string label = status;
    if (label == "not started") label = "not_started";
    text += fmt::format("sohoa_run_documents{{status=\"{}\"}} {}\n", label, report.Count(status));
  }
  gauge("sohoa_run_pages_done", "Pages written by the last run.", report.pages_done);
  gauge("sohoa_run_pages_resumed", "Pages the last run took from the journal.",
        report.pages_resumed);
  gauge("sohoa_run_pages_timed_out", "Pages whose OCR timed out in the last run.",
        report.pages_timed_out);
  gauge("sohoa_run_input_problems", "Inputs that could not be listed.",
        static_cast<double>(report.input_problems.size()));
  gauge("sohoa_run_wall_seconds", "Duration of the last run.", report.wall_seconds);
  gauge("sohoa_run_pages_per_minute", "Throughput of the last run.", report.PagesPerMinute());
  gauge("sohoa_run_exit_status", "Exit status of the last run (see sohoa run --help).",
        exit_status);
  gauge("sohoa_run_stopped_early", "1 when the last run stopped with work left.",
        report.stopped_early ? 1 : 0);
  gauge("sohoa_run_last_finished_timestamp_seconds", "Unix time the last run finished.",
        finished_unix);
  return text;
}

Result<std::chrono::milliseconds> ParseDuration(const std::string& text, long bare_unit_ms) {
  auto bad = [&text] {
    return InvalidInput(fmt::format("'{}' is not a duration (e.g. 90m, 2h, 1h30m, 45s)", text));
  };
  if (text.empty()) return bad();
  long long total_ms = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == start || i - start > 9) return bad();
    long long number = std::stoll(text.substr(start, i - start));
    size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string unit = text.substr(unit_start, i - unit_start);
    long long unit_ms = 0;
    if (unit.empty()) {
      if (start != 0 || i != text.size()) return bad();  // a bare number stands alone
      unit_ms = bare_unit_ms;
    } else if (unit == "ms") {
      unit_ms = 1;
    } else if (unit == "s") {
      unit_ms = 1000;
    } else if (unit == "m" || unit == "min") {
      unit_ms = 60'000;
    } else if (unit == "h") {
      unit_ms = 3'600'000;
    } else {
      return bad();
    }
    total_ms += number * unit_ms;
  }
  if (total_ms <= 0) return bad();
  return std::chrono::milliseconds(total_ms);
}

Result<system_clock::time_point> ParseDeadline(const std::string& text,
                                               system_clock::time_point now) {
  int hours = -1, minutes = -1;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%2d:%2d%c", &hours, &minutes, &extra) != 2 || hours < 0 ||
      hours > 23 || minutes < 0 || minutes > 59) {
    return InvalidInput(fmt::format("'{}' is not a time of day HH:MM", text));
  }
  std::time_t now_t = system_clock::to_time_t(now);
  std::tm local{};
  localtime_r(&now_t, &local);
  local.tm_hour = hours;
  local.tm_min = minutes;
  local.tm_sec = 0;
  local.tm_isdst = -1;
  system_clock::time_point deadline = system_clock::from_time_t(std::mktime(&local));
  if (deadline <= now) {
    local.tm_mday += 1;
    local.tm_isdst = -1;
    deadline = system_clock::from_time_t(std::mktime(&local));
  }
  return deadline;
}

std::string IsoTimeUtc(system_clock::time_point time, bool compact) {
  std::time_t t = system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), compact ? "%Y%m%dT%H%M%SZ" : "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

}  // namespace sohoa::pipeline
