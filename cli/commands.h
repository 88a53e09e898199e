// Each subcommand lives in its own file and registers itself on the root CLI11 app.
// A command's callback stores its exit status in `*exit_status`.
#pragma once

#include <CLI/CLI.hpp>

namespace sohoa::cli {

// Exit statuses of `sohoa` (documented in README and `sohoa run --help`).
enum ExitStatus : int {
  kExitOk = 0,
  kExitSomeFailed = 1,   // the run finished; some documents failed (listed in the report)
  kExitUsage = 2,        // bad command line
  kExitStopped = 3,      // stopped by deadline or signal with work left; rerun resumes
  kExitLocked = 4,       // another run holds the lock on this output/catalog
  kExitEnvironment = 5,  // missing language model, unwritable output, catalog unusable
  kExitAllFailed = 6,    // nothing could be processed
};

void RegisterRunCommand(CLI::App& app, int* exit_status);
void RegisterSearchCommand(CLI::App& app, int* exit_status);
void RegisterCatalogCommand(CLI::App& app, int* exit_status);
void RegisterStatusCommand(CLI::App& app, int* exit_status);

}  // namespace sohoa::cli
