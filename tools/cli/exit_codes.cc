#include "tools/cli/exit_codes.h"

namespace nlic::cli {

int ExitCodeFor(StatusCode code, Stage stage) {
  switch (code) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kIoError:
      return stage == Stage::kInput ? kExitInputRejected : kExitOutputError;
    case StatusCode::kInvalidArgument:  // options are validated by the parser,
                                        // so this is the image's shape
    case StatusCode::kNotAnImage:
    case StatusCode::kCorruptInput:
    case StatusCode::kChecksumMismatch:
    case StatusCode::kLimitExceeded:
    case StatusCode::kUnsupported:
      return stage == Stage::kOutput ? kExitOutputError : kExitInputRejected;
    case StatusCode::kInternal:
      return kExitVerifyOrInternal;
  }
  return kExitVerifyOrInternal;
}

}  // namespace nlic::cli
