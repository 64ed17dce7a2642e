// Command-line parsing for `nlic COMMAND [options] ARGS...`. Options may
// appear before or after the positional arguments; "--" ends options; "-" is
// a positional argument (stdin/stdout).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "codec/nlic.h"

namespace nlic::cli {

enum class Command { kNone, kEncode, kDecode, kInfo, kBench };

struct Options {
  Command command = Command::kNone;
  std::vector<std::string> positional;  // after the command word

  bool help = false;
  bool version = false;
  bool quiet = false;
  bool verbose = false;
  bool force = false;      // -f/--force: replace an existing OUT
  bool verify = false;     // encode: decode the result and compare
  bool strip = false;      // encode: EncodeOptions::strip_metadata
  bool salvage = false;    // decode: DecodeSalvage(), damaged stripes as zeros
  bool peers = false;      // bench: also run other codecs
  bool patches = false;    // bench: 32x64 gray patch mode (command_bench_patches.cc)
  bool ladder = false;     // bench: every effort 1..9 in one run
  bool threads_scaling = false;  // bench: 1/2/all threads, one stripe vs default

  int threads = -1;        // -1 = not given (encode/decode: 0, bench: 1)
  int effort = 5;          // 1..9
  bool effort_given = false;
  PredictorChoice predictor = PredictorChoice::kByEffort;
  uint64_t max_pixels = 0; // 0 = format limit
  int repeat = 1;          // bench: runs per image, minimum time is kept
  std::string csv_path;    // bench: --csv FILE
  std::string ladder_out;  // bench: --ladder-out PREFIX (.md and .svg)
  int patch_stride = 1;    // bench --patches: measure every N-th patch of each image
};

const char* CommandName(Command c);

// Fills *out. On a usage error returns false with a one-line *error.
bool ParseArgs(int argc, char** argv, Options* out, std::string* error);

}  // namespace nlic::cli
