// nlic's side of `nlic bench`: speed in-process, memory as a process.
#pragma once

#include <string>

#include "codec/nlic.h"
#include "tools/cli/bench_report.h"

namespace nlic::cli {

// Fills the size and layout fields of *row from the image.
void Describe(const Image& im, BenchRow* row);

struct NlicSettings {
  EncodeOptions encode;
  DecodeOptions decode;
  int repeat = 1;
};

// Encodes and decodes `image` in-process (fastest of repeat), checks the
// result is identical and fills bytes, times and status of *row. Returns
// the exit code this image contributes (0, 1, 4...).
int MeasureNlic(const Image& image, const NlicSettings& s, BenchRow* row);

// Peak RSS: runs `nlic encode` on `input_path` and `nlic decode` on the
// result as child processes under nlic-peak-rss (subprocess.h), with the
// settings of the timed runs, and fills row->encode/decode_peak_kb. `dir`
// is a private temporary directory (nlic.nlic, nlic.pam). The encoded size
// must equal row->bytes: the CLI and the library are the same code. On a
// problem returns a note and leaves the fields at 0 (not measured).
std::string MeasureNlicMemory(const std::string& input_path, const NlicSettings& s,
                              const std::string& dir, BenchRow* row);

}  // namespace nlic::cli
