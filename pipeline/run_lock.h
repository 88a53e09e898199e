// An exclusive, non-blocking lock held for a whole run (flock on a lock file), so that an
// overlapping cron run exits at once instead of racing the first. Released by the kernel
// when the process dies, so a kill -9 never leaves a stale lock behind.
#pragma once

#include <filesystem>

#include "common/status.h"

namespace sohoa::pipeline {

class RunLock {
 public:
  RunLock() = default;
  RunLock(RunLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  RunLock& operator=(RunLock&&) = delete;
  ~RunLock();

  // kResourceLimit-free contract: returns kCancelled when another process holds the lock,
  // kIoError when the lock file cannot be created.
  static Result<RunLock> Acquire(const std::filesystem::path& lock_path);

  // Whether a live process holds the lock at `lock_path`; never creates the file.
  static bool IsHeld(const std::filesystem::path& lock_path);

 private:
  explicit RunLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace sohoa::pipeline
