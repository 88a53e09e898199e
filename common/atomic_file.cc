#include "common/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace sohoa {
namespace fs = std::filesystem;

namespace {

Status FsyncPath(const fs::path& path, bool directory) {
  int fd = ::open(path.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
  if (fd < 0)
    return IoError(
        fmt::format("{}: cannot open for fsync: {}", path.string(), std::strerror(errno)));
  int rc = ::fsync(fd);
  int saved_errno = errno;
  ::close(fd);
  if (rc != 0)
    return IoError(fmt::format("{}: fsync failed: {}", path.string(), std::strerror(saved_errno)));
  return Status::Ok();
}

}  // namespace

Result<fs::path> TempPathBeside(const fs::path& final_path) {
  static std::atomic<unsigned> counter{0};
  std::error_code ec;
  fs::path folder = final_path.parent_path();
  if (!folder.empty()) {
    fs::create_directories(folder, ec);
    if (ec)
      return IoError(fmt::format("{}: cannot create folder: {}", folder.string(), ec.message()));
  }
  return folder / fmt::format(".{}.tmp-{}-{}", final_path.filename().string(), ::getpid(),
                              counter.fetch_add(1));
}

Status CommitTempFile(const fs::path& temp_path, const fs::path& final_path) {
  Status status = FsyncPath(temp_path, false);
  if (status.ok() && std::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    status = IoError(
        fmt::format("{}: cannot rename into place: {}", final_path.string(), std::strerror(errno)));
  }
  if (!status.ok()) {
    std::error_code ec;
    fs::remove(temp_path, ec);
    return status;
  }
  fs::path folder = final_path.parent_path();
  return FsyncPath(folder.empty() ? fs::path(".") : folder, true);
}

Status WriteFileAtomically(const fs::path& final_path, std::string_view bytes) {
  Result<fs::path> temp = TempPathBeside(final_path);
  if (!temp.ok()) return temp.status();
  {
    std::ofstream out(*temp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(*temp, ec);
      return IoError(
          fmt::format("{}: write failed: {}", final_path.string(), std::strerror(errno)));
    }
  }
  return CommitTempFile(*temp, final_path);
}

Result<std::string> ReadFileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(fmt::format("{}: cannot open: {}", path.string(), std::strerror(errno)));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IoError(fmt::format("{}: read failed", path.string()));
  return buffer.str();
}

}  // namespace sohoa
