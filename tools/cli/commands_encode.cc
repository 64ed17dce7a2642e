// nlic encode IN OUT: any image ReadImage understands -> .nlic.
#include "tools/cli/atomic_output.h"
#include "tools/cli/command_common.h"
#include "tools/cli/commands.h"
#include "tools/cli/log.h"
#include "tools/cli/stopwatch.h"
#include "tools/cli/streaming.h"
#include "tools/cli/strings.h"
#include "tools/cli/test_hooks.h"

namespace nlic::cli {
namespace {

// Decodes what was just produced and compares it with the source image.
int Verify(const Image& original, const std::vector<uint8_t>& encoded, int threads) {
  Stopwatch clock;
  DecodeOptions dopt;
  dopt.threads = threads;
  Image back;
  Status s = Decode(encoded.data(), encoded.size(), dopt, &back);
  if (!s.ok())
    return Fail(kExitVerifyOrInternal,
                "verification failed: cannot decode the encoded data: " + s.ToString());
  std::string why;
  if (!SameImage(original, back, &why))
    return Fail(kExitVerifyOrInternal, "verification failed: decoded image differs (" + why + ")");
  PrintDetail(Sprintf("verified: decoded image is identical (%.3f s)", clock.Seconds()));
  return kExitOk;
}

}  // namespace

int RunEncode(const Options& options) {
  std::string in, out;
  if (int rc = CheckInOut(options, &in, &out)) return rc;

  ReadLimits limits;
  if (options.max_pixels != 0) limits.max_pixels = options.max_pixels;
  EncodeOptions eopt;
  eopt.effort = options.effort;
  eopt.threads = options.threads < 0 ? 0 : options.threads;
  eopt.strip_metadata = options.strip;
  eopt.predictor = options.predictor;
  if (CanStreamEncode(in, out)) return EncodeStreaming(options, in, out, eopt, limits);

  // Other formats (and stdin/stdout) go through a whole image in memory.
  std::vector<uint8_t> input;
  if (int rc = ReadInput(in, &input)) return rc;
  Image image;
  Stopwatch read_clock;
  Status s = ReadImage(input.data(), input.size(), limits, &image);
  if (!s.ok()) return FailWith(s, Stage::kInput, "cannot read " + DisplayName(in, false));
  const double read_seconds = read_clock.Seconds();

  std::vector<uint8_t> encoded;
  Stopwatch encode_clock;
  s = Encode(image, eopt, &encoded);
  const double encode_seconds = encode_clock.Seconds();
  if (!s.ok()) return FailWith(s, Stage::kCodec, "cannot encode " + DisplayName(in, false));
  ApplyEncodedBitFlipHook(&encoded);

  if (options.verify) {
    if (int rc = Verify(image, encoded, eopt.threads)) return rc;  // nothing written
  }

  s = WriteOutput(out, encoded, options.force);
  if (!s.ok()) return FailWith(s, Stage::kOutput, "");

  const uint64_t pixels = uint64_t(image.width) * image.height;
  const uint64_t subpixels = pixels * uint64_t(image.channels());
  PrintDetail(Sprintf("%ux%u %s %u-bit, %d channel(s), %zu metadata chunk(s)", image.width,
                      image.height, ColorTypeName(image.color_type), unsigned(image.bit_depth),
                      image.channels(), image.chunks.size()));
  PrintDetail(Sprintf("read %.3f s, encode %.3f s (%.2f MP/s), effort %d, %s predictor",
                      read_seconds, encode_seconds, MegapixelsPerSecond(pixels, encode_seconds),
                      eopt.effort, PredictorName(eopt.predictor)));
  PrintDetail(Sprintf("%zu -> %zu bytes (%.2f%%), %.4f bpsp (input file %.4f bpsp)", input.size(),
                      encoded.size(), input.empty() ? 0.0 : 100.0 * double(encoded.size()) / double(input.size()),
                      Bpsp(encoded.size(), subpixels), Bpsp(input.size(), subpixels)));
  return kExitOk;
}

}  // namespace nlic::cli
