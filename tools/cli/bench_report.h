// Rows, totals and their presentation (tables on stdout, CSV) for `nlic bench`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nlic::cli {

enum class RowStatus { kOk, kLossy, kNotApplicable, kFailed };

struct BenchRow {
  std::string image;
  std::string codec;
  uint32_t width = 0, height = 0;
  int channels = 0, bit_depth = 0;
  uint64_t bytes = 0;        // compressed size
  uint64_t input_bytes = 0;  // size of the original input file
  double encode_seconds = 0, decode_seconds = 0;
  uint64_t encode_peak_kb = 0, decode_peak_kb = 0;  // process ru_maxrss; 0 = not measured
  RowStatus status = RowStatus::kOk;
  std::string note;

  uint64_t pixels() const { return uint64_t(width) * height; }
  uint64_t subpixels() const { return pixels() * uint64_t(channels); }
};

// Sums over the images a codec handled (n/a and failed rows are counted
// but not summed), so bpsp = total bits / total subpixels and
// MP/s = total pixels / total time; peak memory is the largest of any image.
struct CodecTotal {
  std::string codec;
  std::string missing;  // non-empty: skipped entirely (tool not installed)
  uint64_t bytes = 0, input_bytes = 0, subpixels = 0, pixels = 0;
  double encode_seconds = 0, decode_seconds = 0;
  uint64_t encode_peak_kb = 0, decode_peak_kb = 0;
  int images = 0, lossy = 0, failed = 0, not_applicable = 0;

  void Add(const BenchRow& row);
};

// Per-image table of nlic results.
void PrintImageHeader(size_t name_width);
void PrintImageRow(const BenchRow& row, size_t name_width);
void PrintImageTotal(const CodecTotal& total, size_t name_width);

// How peak memory was measured, printed above the tables.
void PrintMemoryNote();

// One line per codec: TOTAL bpsp, speeds, peak memory and the lossless verdict.
void PrintCodecTable(const std::vector<CodecTotal>& totals);

// The same as a markdown table (for --ladder-out PREFIX.md).
std::string CodecTableMarkdown(const std::vector<CodecTotal>& totals);

// "12.3" MiB, or "-" when not measured.
std::string MiB(uint64_t kb);

// Every row, then one TOTAL row per codec.
std::string BenchCsv(const std::vector<BenchRow>& rows, const std::vector<CodecTotal>& totals);

}  // namespace nlic::cli
