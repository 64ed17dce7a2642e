#include "tools/cli/bench_report.h"

#include <algorithm>
#include <cstdio>

#include "tools/cli/strings.h"

namespace nlic::cli {
namespace {

const char* StatusText(RowStatus s) {
  switch (s) {
    case RowStatus::kOk: return "ok";
    case RowStatus::kLossy: return "LOSSY";
    case RowStatus::kNotApplicable: return "n/a";
    case RowStatus::kFailed: return "failed";
  }
  return "?";
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

// Empty when not measured, so a spreadsheet does not average in zeros.
std::string KbField(uint64_t kb) { return kb == 0 ? "" : std::to_string(kb); }

std::string Fit(const std::string& s, size_t width) {
  if (s.size() <= width) return s;
  return "..." + s.substr(s.size() - (width - 3));
}

std::string Verdict(const CodecTotal& t) {
  std::string verdict = t.images == 0 ? "-" : t.lossy == 0 ? "\u2713" : Sprintf("\u2717 (%d lossy)", t.lossy);
  if (t.not_applicable > 0) verdict += Sprintf("  (%d n/a)", t.not_applicable);
  if (t.failed > 0) verdict += Sprintf("  (%d failed)", t.failed);
  return verdict;
}

}  // namespace

std::string MiB(uint64_t kb) { return kb == 0 ? "-" : Sprintf("%.1f", double(kb) / 1024.0); }

void CodecTotal::Add(const BenchRow& row) {
  switch (row.status) {
    case RowStatus::kNotApplicable: ++not_applicable; return;
    case RowStatus::kFailed: ++failed; return;
    case RowStatus::kLossy: ++lossy; break;
    case RowStatus::kOk: break;
  }
  ++images;
  bytes += row.bytes;
  input_bytes += row.input_bytes;
  subpixels += row.subpixels();
  pixels += row.pixels();
  encode_seconds += row.encode_seconds;
  decode_seconds += row.decode_seconds;
  encode_peak_kb = std::max(encode_peak_kb, row.encode_peak_kb);
  decode_peak_kb = std::max(decode_peak_kb, row.decode_peak_kb);
}

void PrintMemoryNote() {
  std::printf(
      "# peak memory: ru_maxrss (MiB) of a separate process per step, run under nlic-peak-rss\n"
      "# so the bench's own memory is not counted: nlic = `nlic encode`/`nlic decode` on the\n"
      "# same file (run once more, after the timed in-process runs), peers = their encoder and\n"
      "# decoder processes; '-' = not measured (libpng -9 and PNG reading run in-process)\n");
}

void PrintImageHeader(size_t w) {
  std::printf("%-*s %13s %10s %8s %8s %9s %9s %7s %7s\n", int(w), "image", "WxHxC", "bytes", "bpsp",
              "png", "enc MP/s", "dec MP/s", "enc MiB", "dec MiB");
  std::fflush(stdout);
}

void PrintImageRow(const BenchRow& r, size_t w) {
  const std::string dims = Sprintf("%ux%ux%d", r.width, r.height, r.channels);
  if (r.status == RowStatus::kFailed) {
    std::printf("%-*s %13s  error: %s\n", int(w), Fit(r.image, w).c_str(),
                r.width ? dims.c_str() : "-", r.note.c_str());
  } else {
    std::printf("%-*s %13s %10llu %8.4f %8.4f %9.2f %9.2f %7s %7s%s%s\n", int(w),
                Fit(r.image, w).c_str(), dims.c_str(), (unsigned long long)r.bytes,
                Bpsp(r.bytes, r.subpixels()), Bpsp(r.input_bytes, r.subpixels()),
                MegapixelsPerSecond(r.pixels(), r.encode_seconds),
                MegapixelsPerSecond(r.pixels(), r.decode_seconds), MiB(r.encode_peak_kb).c_str(),
                MiB(r.decode_peak_kb).c_str(),
                r.status == RowStatus::kLossy ? "  LOSSLESS CHECK FAILED: " : "",
                r.status == RowStatus::kLossy ? r.note.c_str() : "");
  }
  std::fflush(stdout);
}

void PrintImageTotal(const CodecTotal& t, size_t w) {
  std::printf("%-*s %13s %10llu %8.4f %8.4f %9.2f %9.2f %7s %7s\n", int(w), "TOTAL",
              Sprintf("%d images", t.images).c_str(), (unsigned long long)t.bytes,
              Bpsp(t.bytes, t.subpixels), Bpsp(t.input_bytes, t.subpixels),
              MegapixelsPerSecond(t.pixels, t.encode_seconds),
              MegapixelsPerSecond(t.pixels, t.decode_seconds), MiB(t.encode_peak_kb).c_str(),
              MiB(t.decode_peak_kb).c_str());
  if (t.failed > 0) std::printf("(%d image(s) could not be measured, see the errors)\n", t.failed);
  std::fflush(stdout);
}

void PrintCodecTable(const std::vector<CodecTotal>& totals) {
  std::printf("\n%-14s %7s %8s %9s %9s %7s %7s  %s\n", "codec", "images", "bpsp", "enc MP/s",
              "dec MP/s", "enc MiB", "dec MiB", "lossless");
  for (const CodecTotal& t : totals) {
    if (!t.missing.empty()) {
      std::printf("%-14s skipped: %s\n", t.codec.c_str(), t.missing.c_str());
      continue;
    }
    std::printf("%-14s %7d %8.4f %9.2f %9.2f %7s %7s  %s\n", t.codec.c_str(), t.images,
                Bpsp(t.bytes, t.subpixels), MegapixelsPerSecond(t.pixels, t.encode_seconds),
                MegapixelsPerSecond(t.pixels, t.decode_seconds), MiB(t.encode_peak_kb).c_str(),
                MiB(t.decode_peak_kb).c_str(), Verdict(t).c_str());
  }
  std::fflush(stdout);
}

std::string CodecTableMarkdown(const std::vector<CodecTotal>& totals) {
  std::string md =
      "| codec | images | bpsp | encode MP/s | decode MP/s | encode peak MiB | decode peak MiB | lossless |\n"
      "|---|---|---|---|---|---|---|---|\n";
  for (const CodecTotal& t : totals) {
    if (!t.missing.empty()) continue;
    md += Sprintf("| %s | %d | %.4f | %.2f | %.2f | %s | %s | %s |\n", t.codec.c_str(), t.images,
                  Bpsp(t.bytes, t.subpixels), MegapixelsPerSecond(t.pixels, t.encode_seconds),
                  MegapixelsPerSecond(t.pixels, t.decode_seconds), MiB(t.encode_peak_kb).c_str(),
                  MiB(t.decode_peak_kb).c_str(), Verdict(t).c_str());
  }
  return md;
}

std::string BenchCsv(const std::vector<BenchRow>& rows, const std::vector<CodecTotal>& totals) {
  std::string csv =
      "image,codec,width,height,channels,bit_depth,bytes,bpsp,input_bpsp,encode_seconds,"
      "decode_seconds,encode_mps,decode_mps,encode_peak_kb,decode_peak_kb,status,note\n";
  for (const BenchRow& r : rows) {
    csv += CsvField(r.image) + "," + CsvField(r.codec) +
           Sprintf(",%u,%u,%d,%d,%llu,%.6f,%.6f,%.6f,%.6f,%.4f,%.4f,", r.width, r.height,
                   r.channels, r.bit_depth, (unsigned long long)r.bytes,
                   Bpsp(r.bytes, r.subpixels()), Bpsp(r.input_bytes, r.subpixels()),
                   r.encode_seconds, r.decode_seconds,
                   MegapixelsPerSecond(r.pixels(), r.encode_seconds),
                   MegapixelsPerSecond(r.pixels(), r.decode_seconds)) +
           KbField(r.encode_peak_kb) + "," + KbField(r.decode_peak_kb) + "," + StatusText(r.status) + "," + CsvField(r.note) + "\n";
  }
  for (const CodecTotal& t : totals) {
    if (!t.missing.empty()) {
      csv += "TOTAL," + CsvField(t.codec) + ",,,,,,,,,,,,,,skipped," + CsvField(t.missing) + "\n";
      continue;
    }
    csv += "TOTAL," + CsvField(t.codec) +
           Sprintf(",,,,,%llu,%.6f,%.6f,%.6f,%.6f,%.4f,%.4f,", (unsigned long long)t.bytes,
                   Bpsp(t.bytes, t.subpixels), Bpsp(t.input_bytes, t.subpixels),
                   t.encode_seconds, t.decode_seconds,
                   MegapixelsPerSecond(t.pixels, t.encode_seconds),
                   MegapixelsPerSecond(t.pixels, t.decode_seconds)) +
           KbField(t.encode_peak_kb) + "," + KbField(t.decode_peak_kb) + "," +
           (t.lossy ? "LOSSY" : "ok") +
           Sprintf(",%d images; %d lossy; %d n/a; %d failed", t.images, t.lossy, t.not_applicable,
                   t.failed) +
           "\n";
  }
  return csv;
}

}  // namespace nlic::cli
