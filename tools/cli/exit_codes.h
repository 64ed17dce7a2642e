// Process exit codes of the `nlic` command-line tool. These are part of the
// tool's interface (scripts test them), so never renumber; `nlic --help`
// prints the same table.
//
//   0  success
//   1  input rejected: missing/unreadable, empty (zero bytes), not an image,
//      corrupt, checksum mismatch, over a limit (--max-pixels), unsupported
//   2  usage error: bad command line, IN and OUT are the same file
//   3  output or I/O error: OUT exists without -f, cannot create/write/rename,
//      disk full, broken pipe, interrupted by a signal (SIGINT/SIGTERM/SIGHUP)
//   4  verification failed (--verify, bench lossless check) or internal error
//   5  decode --salvage wrote OUT, but some stripes were damaged or missing
//      and their rows are zeros (each is named on stderr)
#pragma once

#include "codec/status.h"

namespace nlic::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInputRejected = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitOutputError = 3;
inline constexpr int kExitVerifyOrInternal = 4;
inline constexpr int kExitSalvaged = 5;

// Which step produced a Status: the same code can mean different things
// (an I/O error while reading IN rejects the input; while writing OUT it is
// an output error).
enum class Stage { kInput, kCodec, kOutput };

// The one mapping from nlic::StatusCode to an exit code.
int ExitCodeFor(StatusCode code, Stage stage);

}  // namespace nlic::cli
