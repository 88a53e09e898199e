#include "pipeline/run_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace sohoa::pipeline {

RunLock::~RunLock() {
  if (fd_ >= 0) ::close(fd_);
}

Result<RunLock> RunLock::Acquire(const std::filesystem::path& lock_path) {
  std::error_code ec;
  std::filesystem::create_directories(lock_path.parent_path(), ec);
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return IoError(
        fmt::format("{}: cannot create lock file: {}", lock_path.string(), std::strerror(errno)));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int saved_errno = errno;
    ::close(fd);
    if (saved_errno == EWOULDBLOCK) {
      return Cancelled(fmt::format("{}: another sohoa run holds this lock", lock_path.string()));
    }
    return IoError(
        fmt::format("{}: cannot lock: {}", lock_path.string(), std::strerror(saved_errno)));
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) {
    ssize_t ignored = ::pwrite(fd, pid.data(), pid.size(), 0);
    (void)ignored;
  }
  return RunLock(fd);
}

bool RunLock::IsHeld(const std::filesystem::path& lock_path) {
  int fd = ::open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);  // also drops the shared lock taken when it was free
  return held;
}

}  // namespace sohoa::pipeline
