// Errors as values. Every stage returns a Status or a Result<T>; exceptions thrown by
// libraries (qpdf, OpenCV, poppler) are caught at the module's edge and turned into one.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace sohoa {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,   // the file is not what it claims, corrupt, truncated, empty
  kUnsupported,    // a valid file we do not handle (encrypted PDF, unknown format)
  kResourceLimit,  // too large to process within the memory bound
  kIoError,        // reading or writing failed (permissions, ENOSPC)
  kNotFound,       // a file, model or record is missing
  kTimeout,        // a page exceeded its OCR time budget
  kCancelled,      // stopped by a signal or deadline
  kInternal,       // a bug or an unexpected library failure
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid input: truncated JPEG" — for logs and reports.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidInput(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
inline Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
inline Status ResourceLimit(std::string m) { return {StatusCode::kResourceLimit, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status Timeout(std::string m) { return {StatusCode::kTimeout, std::move(m)}; }
inline Status Cancelled(std::string m) { return {StatusCode::kCancelled, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// A value or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(state_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace sohoa

// Propagates a failed Status out of the current function.
#define SOHOA_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::sohoa::Status sohoa_status_ = (expr);        \
    if (!sohoa_status_.ok()) return sohoa_status_; \
  } while (0)
