// Runs the sohoa binary (and PDF tools) from integration tests.
#pragma once

#include <string>

namespace sohoa::testing {

struct CommandResult {
  int exit_status = -1;
  std::string output;  // stdout and stderr together
};

// Runs `command` through /bin/sh, capturing its output.
CommandResult RunCommand(const std::string& command);

// Quotes a path or argument for /bin/sh.
std::string ShellQuote(const std::string& text);

// `SOHOA_BINARY` with arguments.
CommandResult RunSohoa(const std::string& arguments);

}  // namespace sohoa::testing

namespace sohoa::testing {

// One number from `sql` on the SQLite file `database` (through the sqlite3 tool); -1 on error.
long QueryNumber(const std::string& database, const std::string& sql);

// Writes small generated scans for batch tests: a `pages`-page TIFF (each page a few lines
// at 150 dpi) at `path`.
void WriteSmallScan(const std::string& path, int pages);

}  // namespace sohoa::testing
