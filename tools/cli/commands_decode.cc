// nlic decode IN OUT: .nlic -> PNG (default), PNM (.ppm/.pgm/.pnm) or PAM (.pam).
#include <string_view>

#include "tools/cli/atomic_output.h"
#include "tools/cli/command_common.h"
#include "tools/cli/commands.h"
#include "tools/cli/log.h"
#include "tools/cli/stopwatch.h"
#include "tools/cli/streaming.h"
#include "tools/cli/strings.h"

namespace nlic::cli {
namespace {

// PNG unless OUT's extension asks for PNM/PAM; stdout gets PNG.
Status Serialize(const Image& image, const std::string& out, const char** format_name,
                 std::vector<uint8_t>* bytes) {
  FileFormat f = out == "-" ? FileFormat::kPng : FormatFromExtension(out);
  if (f == FileFormat::kPnm) {
    *format_name = "PNM";
    return WritePnm(image, /*force_pam=*/false, bytes);
  }
  if (f == FileFormat::kPam) {
    *format_name = "PAM";
    return WritePnm(image, /*force_pam=*/true, bytes);
  }
  *format_name = "PNG";
  return WritePng(image, bytes);
}

// After a salvage wrote OUT: every damaged stripe by name, then a summary.
// Errors, not warnings, so that -q keeps them: the output is not the image.
int ReportDamage(const std::vector<DamagedStripe>& damaged, const std::string& in, const std::string& out,
                 uint32_t height) {
  uint64_t rows = 0;
  for (const DamagedStripe& d : damaged) {
    PrintError(d.problem.message() + "; its rows are zeros in the output");
    rows += d.row_count;
  }
  return Fail(kExitSalvaged, Sprintf("salvaged %s into %s with %zu damaged stripe(s): %llu of %u rows are zeros",
                                     DisplayName(in, false).c_str(), DisplayName(out, true).c_str(), damaged.size(),
                                     static_cast<unsigned long long>(rows), height));
}

}  // namespace

int RunDecode(const Options& options) {
  std::string in, out;
  if (int rc = CheckInOut(options, &in, &out)) return rc;

  DecodeOptions dopt;
  dopt.threads = options.threads < 0 ? 0 : options.threads;
  dopt.max_pixels = options.max_pixels;
  // A salvage keeps going past damage, which only the whole-image path does.
  if (!options.salvage && CanStreamDecode(out)) return DecodeStreaming(options, in, out, dopt);

  // stdout gets the whole file at once, after success: decode in memory.
  std::vector<uint8_t> input;
  if (int rc = ReadInput(in, &input)) return rc;
  Image image;
  std::vector<DamagedStripe> damaged;
  Stopwatch decode_clock;
  Status s = options.salvage ? DecodeSalvage(input.data(), input.size(), dopt, &image, &damaged)
                             : Decode(input.data(), input.size(), dopt, &image);
  const double decode_seconds = decode_clock.Seconds();
  if (!s.ok())
    return FailWith(s, Stage::kInput,
                    options.salvage ? "cannot salvage " + DisplayName(in, false) +
                                          " (damaged stripes can be salvaged, an unusable header cannot)"
                                    : "cannot decode " + DisplayName(in, false));

  const char* format_name = "PNG";
  std::vector<uint8_t> bytes;
  Stopwatch write_clock;
  s = Serialize(image, out, &format_name, &bytes);
  if (!s.ok()) return FailWith(s, Stage::kOutput, std::string("cannot produce ") + format_name);
  const double serialize_seconds = write_clock.Seconds();
  if (std::string_view(format_name) != "PNG" && !image.chunks.empty())
    PrintNote(Sprintf("%zu metadata chunk(s) not representable in %s, dropped",
                      image.chunks.size(), format_name));

  s = WriteOutput(out, bytes, options.force);
  if (!s.ok()) return FailWith(s, Stage::kOutput, "");

  if (!damaged.empty()) return ReportDamage(damaged, in, out, image.height);

  const uint64_t pixels = uint64_t(image.width) * image.height;
  PrintDetail(Sprintf("%ux%u %s %u-bit: decode %.3f s (%.2f MP/s), %s %.3f s, %zu -> %zu bytes",
                      image.width, image.height, ColorTypeName(image.color_type),
                      unsigned(image.bit_depth), decode_seconds,
                      MegapixelsPerSecond(pixels, decode_seconds), format_name, serialize_seconds,
                      input.size(), bytes.size()));
  PrintDetail(Sprintf("input %.4f bpsp", Bpsp(input.size(), pixels * uint64_t(image.channels()))));
  return kExitOk;
}

}  // namespace nlic::cli
