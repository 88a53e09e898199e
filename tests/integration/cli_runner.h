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
