#include "codec/status.h"

namespace nlic {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kIoError: return "I/O error";
    case StatusCode::kNotAnImage: return "not an image";
    case StatusCode::kCorruptInput: return "corrupt input";
    case StatusCode::kChecksumMismatch: return "checksum mismatch";
    case StatusCode::kLimitExceeded: return "limit exceeded";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown error";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

}  // namespace nlic
