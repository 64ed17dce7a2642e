// Steps shared by encode and decode: argument checks, reading IN, turning a
// Status into a message and an exit code.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "codec/nlic.h"
#include "tools/cli/args.h"
#include "tools/cli/exit_codes.h"

namespace nlic::cli {

// Expects exactly IN and OUT; refuses IN == OUT (exit 2) and an existing OUT
// without -f (exit 3) before any work is done. Returns 0 or an exit code.
int CheckInOut(const Options& options, std::string* in, std::string* out);

// Reads IN ("-" = stdin); a zero-byte input is rejected. 0 or an exit code.
int ReadInput(const std::string& in, std::vector<uint8_t>* bytes);

// Prints "context: <status>" (just the message for I/O errors; no prefix if
// context is empty) and returns ExitCodeFor(status.code(), stage).
int FailWith(const Status& status, Stage stage, const std::string& context);

// Display name for messages: "standard input"/"standard output" for "-".
std::string DisplayName(const std::string& path, bool is_output);

}  // namespace nlic::cli
