// Errors are values: every fallible function returns a Status that must be
// checked. Codes are stable (they appear in spec/format.md and are mapped to
// CLI exit codes), so never renumber them; only append.
#pragma once

#include <string>
#include <utility>

namespace nlic {

enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument = 1,   // caller error: bad option, unsupported image shape
  kIoError = 2,           // open/read/write/rename failed
  kNotAnImage = 3,        // input is not a format we recognise
  kCorruptInput = 4,      // malformed or damaged bitstream / image file
  kChecksumMismatch = 5,  // decoded pixels or header fail their CRC
  kLimitExceeded = 6,     // a resource limit (dimensions, metadata...) was hit
  kUnsupported = 7,       // valid but not supported (newer version, unknown model)
  kInternal = 8,          // a bug: encoder/decoder invariant broken
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
  // "corrupt input: tile 3 checksum mismatch"
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status NotAnImage(std::string m) { return {StatusCode::kNotAnImage, std::move(m)}; }
inline Status CorruptInput(std::string m) { return {StatusCode::kCorruptInput, std::move(m)}; }
inline Status ChecksumMismatch(std::string m) { return {StatusCode::kChecksumMismatch, std::move(m)}; }
inline Status LimitExceeded(std::string m) { return {StatusCode::kLimitExceeded, std::move(m)}; }
inline Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

}  // namespace nlic

#define NLIC_RETURN_IF_ERROR(expr)              \
  do {                                          \
    ::nlic::Status nlic_status_ = (expr);       \
    if (!nlic_status_.ok()) return nlic_status_; \
  } while (0)
