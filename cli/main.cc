// sohoa: scanned Vietnamese documents -> searchable PDF/A + full-text catalog.
#include <malloc.h>
#include <spdlog/cfg/env.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace {

// Tesseract's OpenMP regions hard-code num_threads(4); only OMP_THREAD_LIMIT=1 caps them and
// only when set before the process starts (setenv in main is too late, see NOTES.md). So a
// process started without it replaces itself with one that has it. The regions libtesseract
// enters today never reach libgomp (ocr/openmp/inline_regions.cc runs them inline); the cap
// keeps any other entry point a later Tesseract might call from starting threads.
void EnsureOpenMpCapped(char** argv) {
  const char* limit = std::getenv("OMP_THREAD_LIMIT");
  if (limit != nullptr && std::strcmp(limit, "1") == 0) return;
  if (std::getenv("SOHOA_REEXECED") != nullptr) return;  // never loop
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  ::setenv("SOHOA_REEXECED", "1", 1);
  ::execv("/proc/self/exe", argv);
  // execv failed (no /proc): run on, slower but correct.
}

// A page's buffers (10 MB of grey at 300 dpi, more in colour or as 32-bit labels) are made and
// dropped many times a page. Above glibc's mmap threshold (32 MB at most) each is handed
// back to the kernel when freed and faulted in again page by page when made; kept in the heap
// they are reused (the page faults and system time this saves: docs/BENCHMARKS.md).
void KeepPageBuffersInTheHeap() {
  constexpr int kMmapThresholdBytes = 128 << 20;
  constexpr int kTrimThresholdBytes = 256 << 20;
  mallopt(M_MMAP_THRESHOLD, kMmapThresholdBytes);
  mallopt(M_TRIM_THRESHOLD, kTrimThresholdBytes);
}

}  // namespace

int main(int argc, char** argv) {
  EnsureOpenMpCapped(argv);
  KeepPageBuffersInTheHeap();
  ::unsetenv("SOHOA_REEXECED");
  // All parallelism comes from the pipeline's graph; OpenCV's own pool would oversubscribe.
  cv::setNumThreads(0);
  spdlog::set_pattern("%Y-%m-%d %H:%M:%S %^%l%$ %v");
  // SPDLOG_LEVEL=debug shows why a page was turned, what a header field re-read decided, ...
  spdlog::cfg::load_env_levels();

  CLI::App app{"sohoa: scanned Vietnamese documents to searchable PDF/A and a full-text catalog"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "sohoa 0.1.0");
  int exit_status = sohoa::cli::kExitOk;
  sohoa::cli::RegisterRunCommand(app, &exit_status);
  sohoa::cli::RegisterSearchCommand(app, &exit_status);
  sohoa::cli::RegisterCatalogCommand(app, &exit_status);
  sohoa::cli::RegisterStatusCommand(app, &exit_status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int rc = app.exit(error);
    return rc == 0 ? 0 : sohoa::cli::kExitUsage;
  }
  return exit_status;
}
