#include "tests/integration/cli_runner.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <opencv2/imgcodecs.hpp>
#include <vector>

#include "tests/testing/fixtures.h"

namespace sohoa::testing {

CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  std::string full = command + " 2>&1";
  FILE* pipe = ::popen(full.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer;
  size_t read = 0;
  while ((read = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.output.append(buffer.data(), read);
  }
  int status = ::pclose(pipe);
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

CommandResult RunSohoa(const std::string& arguments) {
  return RunCommand(ShellQuote(SOHOA_BINARY) + " " + arguments);
}

}  // namespace sohoa::testing

namespace sohoa::testing {

long QueryNumber(const std::string& database, const std::string& sql) {
  CommandResult result = RunCommand("sqlite3 " + ShellQuote(database) + " " + ShellQuote(sql));
  if (result.exit_status != 0 || result.output.empty()) return -1;
  return std::strtol(result.output.c_str(), nullptr, 10);
}

void WriteSmallScan(const std::string& path, int pages) {
  std::vector<cv::Mat> images;
  for (int i = 0; i < pages; ++i) {
    images.push_back(RenderPage({"Trang " + std::to_string(i + 1) + " của hồ sơ lưu trữ.",
                                 "Quyết định về việc số hóa tài liệu lưu trữ lịch sử."},
                                150)
                         .image);
  }
  cv::imwritemulti(path, images);
}

}  // namespace sohoa::testing
