// `nlic bench --threads-scaling [PATH...]`: for every image, encode and
// decode speed at 1, 2 and all-core threads (the bytes must not change),
// and what the stripes cost in size: bpsp at the automatic stripe height
// against one stripe for the whole image (which can only use one thread).
#include <algorithm>
#include <limits>
#include <thread>

#include "codec/parallel_for.h"
#include "tools/cli/bench_inputs.h"
#include "tools/cli/commands.h"
#include "tools/cli/exit_codes.h"
#include "tools/cli/file_input.h"
#include "tools/cli/log.h"
#include "tools/cli/stopwatch.h"
#include "tools/cli/strings.h"

namespace nlic::cli {
namespace {

struct Speed {
  double encode_seconds = std::numeric_limits<double>::infinity();
  double decode_seconds = std::numeric_limits<double>::infinity();
};

// Fastest of `repeat` runs; *encoded receives the file, *decoded the image.
Status TimeBoth(const Image& image, EncodeOptions eo, int repeat, Speed* speed,
                std::vector<uint8_t>* encoded, Image* decoded) {
  DecodeOptions dopt;
  dopt.threads = eo.threads;
  for (int i = 0; i < repeat; ++i) {
    Stopwatch clock;
    NLIC_RETURN_IF_ERROR(Encode(image, eo, encoded));
    speed->encode_seconds = std::min(speed->encode_seconds, clock.Seconds());
  }
  for (int i = 0; i < repeat; ++i) {
    Stopwatch clock;
    NLIC_RETURN_IF_ERROR(Decode(encoded->data(), encoded->size(), dopt, decoded));
    speed->decode_seconds = std::min(speed->decode_seconds, clock.Seconds());
  }
  return Status();
}

std::vector<int> ThreadCounts(const Options& options) {
  std::vector<int> counts = {1, 2, ResolveThreads(0)};
  if (options.threads > 0) counts.push_back(options.threads);
  std::sort(counts.begin(), counts.end());
  counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
  return counts;
}

// Measures one image and prints its line. Returns 0 or an exit code.
int MeasureImage(const std::string& name, const Image& image, const Options& options,
                 const std::vector<int>& counts) {
  EncodeOptions eo;
  eo.effort = options.effort;
  eo.predictor = options.predictor;
  std::vector<uint8_t> reference, encoded;
  std::vector<Speed> speeds(counts.size());
  Image decoded;
  for (size_t k = 0; k < counts.size(); ++k) {
    eo.threads = counts[k];
    Status s = TimeBoth(image, eo, options.repeat, &speeds[k], &encoded, &decoded);
    if (!s.ok()) return Fail(kExitVerifyOrInternal, name + ": " + s.ToString());
    std::string why;
    if (!SameImage(image, decoded, &why))
      return Fail(kExitVerifyOrInternal, name + ": LOSSLESS CHECK FAILED: " + why);
    if (k == 0) reference = encoded;
    else if (encoded != reference)
      return Fail(kExitVerifyOrInternal, Sprintf("%s: %d threads changed the output bytes",
                                                 name.c_str(), counts[k]));
  }
  FileInfo info;
  Status s = ReadInfo(reference.data(), reference.size(), &info);
  eo.threads = 1;
  eo.stripe_rows = image.height;
  std::vector<uint8_t> one_stripe;
  if (s.ok()) s = Encode(image, eo, &one_stripe);
  if (!s.ok()) return Fail(kExitVerifyOrInternal, name + ": " + s.ToString());

  const uint64_t pixels = uint64_t(image.width) * image.height;
  const uint64_t subpixels = pixels * uint64_t(image.channels());
  std::string line = Sprintf("%-24s %6.2f %4u x%-5u", name.c_str(), double(pixels) / 1e6,
                             info.tile_count, info.stripe_rows);
  for (size_t k = 0; k < counts.size(); ++k)
    line += Sprintf(" %7.2f", MegapixelsPerSecond(pixels, speeds[k].encode_seconds));
  for (size_t k = 1; k < counts.size(); ++k)
    line += Sprintf(" %5.2fx", speeds[0].encode_seconds / speeds[k].encode_seconds);
  for (size_t k = 0; k < counts.size(); ++k)
    line += Sprintf(" %7.2f", MegapixelsPerSecond(pixels, speeds[k].decode_seconds));
  for (size_t k = 1; k < counts.size(); ++k)
    line += Sprintf(" %5.2fx", speeds[0].decode_seconds / speeds[k].decode_seconds);
  const double striped = Bpsp(reference.size(), subpixels), whole = Bpsp(one_stripe.size(), subpixels);
  line += Sprintf(" %8.4f %8.4f %+7.2f%%", striped, whole, 100.0 * (striped / whole - 1));
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
  return kExitOk;
}

void PrintHeader(const std::vector<int>& counts) {
  std::string h = Sprintf("%-24s %6s %11s", "image", "MP", "stripes");
  for (int t : counts) h += Sprintf(" %7s", Sprintf("enc@%d", t).c_str());
  for (size_t k = 1; k < counts.size(); ++k) h += Sprintf(" %6s", Sprintf("x%d", counts[k]).c_str());
  for (int t : counts) h += Sprintf(" %7s", Sprintf("dec@%d", t).c_str());
  for (size_t k = 1; k < counts.size(); ++k) h += Sprintf(" %6s", Sprintf("x%d", counts[k]).c_str());
  h += Sprintf(" %8s %8s %8s", "bpsp", "1 stripe", "cost");
  std::printf("%s\n", h.c_str());
}

}  // namespace

int RunBenchThreads(const Options& options) {
  std::vector<BenchInput> inputs;
  if (int rc = BenchInputsFor(options.positional, &inputs)) return rc;
  const std::vector<int> counts = ThreadCounts(options);
  PrintNote(Sprintf("%zu image(s), effort %d, %s predictor, fastest of %d; %u core(s) reported",
                    inputs.size(), options.effort, PredictorName(options.predictor), options.repeat,
                    std::thread::hardware_concurrency()));
  if (!IsQuiet()) {
    std::printf(
        "# enc@T/dec@T = MP/s (wall clock) with T threads; xT = speedup over 1 thread;\n"
        "# stripes = count x rows; bpsp at those stripes vs '1 stripe' for the whole image;\n"
        "# cost = how much larger the striped file is\n");
    PrintHeader(counts);
  }
  int worst = kExitOk;
  for (const BenchInput& in : inputs) {
    std::vector<uint8_t> bytes;
    Image image;
    Status s = ReadInputFile(in.path, &bytes);
    if (s.ok()) s = ReadImage(bytes.data(), bytes.size(), ReadLimits(), &image);
    if (!s.ok()) {
      worst = std::max(worst, Fail(kExitInputRejected, in.name + ": cannot read: " + s.ToString()));
      continue;
    }
    worst = std::max(worst, MeasureImage(in.name, image, options, counts));
  }
  return worst;
}

}  // namespace nlic::cli
