// nlic bench --patches [options] [PATH...]: the "tiny patch" benchmark. Every
// image is turned into 8-bit gray ((R+G+B)/3, rounded down) and cut into
// non-overlapping 32-wide x 64-tall patches in raster order (partial patches
// at the right and bottom edges are dropped). Each patch (2048 raw bytes) is
// coded on its own as a complete .nlic file, header included, decoded and
// checked with SameImage; libpng -9 (and with --peers cwebp -z 9 and
// cjxl -e 9) code the same patches and are checked too. Sizes are reported
// as a percentage of the raw 2048 bytes per patch.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>

#include "tools/cli/atomic_output.h"
#include "tools/cli/bench_inputs.h"
#include "tools/cli/bench_nlic.h"
#include "tools/cli/bench_peers.h"
#include "tools/cli/bench_report.h"
#include "tools/cli/command_common.h"
#include "tools/cli/commands.h"
#include "tools/cli/exit_codes.h"
#include "tools/cli/file_input.h"
#include "tools/cli/log.h"
#include "tools/cli/strings.h"
#include "tools/cli/temp_dir.h"
#include "tools/patches/gray_patches.h"

namespace nlic::cli {
namespace {

using gray_patches::kPatchHeight;
using gray_patches::kPatchWidth;
using gray_patches::ToGray;
constexpr uint64_t kPatchRawBytes = uint64_t(kPatchWidth) * kPatchHeight;  // 8-bit gray
const char* const kCjxlReference = "cjxl -e 9";

// The peers of patch mode: libpng always (in-process, cheap), the external
// ones with --peers. optipng -o7 and cjxl -e 7 are left out for time.
std::vector<std::string> PatchPeerNames(bool external) {
  std::vector<std::string> names = {"libpng -9"};
  if (external) {
    names.push_back("cwebp -z 9");
    names.push_back(kCjxlReference);
  }
  return names;
}

struct PatchResult {
  BenchRow nlic;
  std::vector<BenchRow> peers;  // in the order of the worker's PeerSet
  int rc = kExitOk;
};

struct ImagePatches {
  std::string name;
  uint32_t width = 0;
  std::vector<uint8_t> gray;
  std::vector<std::pair<uint32_t, uint32_t>> corners;  // top-left (x, y) of each measured patch
};

// One worker's peers and the private directory their files go to.
struct PeerWorker {
  PeerSet set;
  std::unique_ptr<TempDir> dir;  // only when set.peers is not empty
};

void MeasurePatch(const ImagePatches& in, size_t index, const NlicSettings& nlic,
                  const PeerWorker* peers, int repeat, PatchResult* out) {
  const auto [x0, y0] = in.corners[index];
  Image patch;
  patch.width = kPatchWidth;
  patch.height = kPatchHeight;
  patch.color_type = ColorType::kGray;
  patch.bit_depth = 8;
  patch.samples.resize(kPatchRawBytes);
  for (uint32_t y = 0; y < kPatchHeight; ++y)
    for (uint32_t x = 0; x < kPatchWidth; ++x)
      patch.samples[y * kPatchWidth + x] = in.gray[size_t(y0 + y) * in.width + x0 + x];

  BenchRow& row = out->nlic;
  row.image = in.name + Sprintf("@x%uy%u", x0, y0);  // the top-left corner
  row.codec = "nlic";
  row.input_bytes = kPatchRawBytes;  // raw, so the CSV's input_bpsp is 8
  Describe(patch, &row);
  out->rc = MeasureNlic(patch, nlic, &row);
  if (row.status != RowStatus::kFailed && peers && !peers->set.peers.empty())
    out->peers = MeasurePeerRows(patch, row, peers->set, peers->dir->path(), repeat);
}

double PercentOfRaw(const CodecTotal& t) {
  // 8-bit gray: one raw byte per subpixel.
  return t.subpixels == 0 ? 0.0 : 100.0 * double(t.bytes) / double(t.subpixels);
}

constexpr int kColumnWidth = 11;
int g_name_width = 24;  // set from the input names

void PrintPatchHeader(const std::vector<CodecTotal>& totals) {
  std::printf("%-*s %8s %10s", g_name_width, "image", "patches", "nlic bytes");
  for (const CodecTotal& t : totals) {
    if (!t.missing.empty()) continue;
    std::printf(" %*s", kColumnWidth, (t.codec + " %").c_str());
  }
  std::printf("\n");
  std::fflush(stdout);
}

void PrintPatchRow(const std::string& name, const std::vector<CodecTotal>& totals) {
  std::string shown = name.size() <= size_t(g_name_width) ? name : "..." + name.substr(name.size() - (g_name_width - 3));
  std::printf("%-*s %8d %10llu", g_name_width, shown.c_str(), totals[0].images,
              (unsigned long long)totals[0].bytes);
  for (const CodecTotal& t : totals) {
    if (!t.missing.empty()) continue;
    if (t.images == 0) std::printf(" %*s", kColumnWidth, "-");
    else std::printf(" %*.2f", kColumnWidth, PercentOfRaw(t));
  }
  std::printf("\n");
  std::fflush(stdout);
}

void PrintPatchCodecTable(const std::vector<CodecTotal>& totals) {
  const CodecTotal* cjxl = nullptr;
  for (const CodecTotal& t : totals)
    if (t.codec == kCjxlReference && t.missing.empty() && t.images > 0 && t.failed == 0) cjxl = &t;
  std::printf("\n%-12s %8s %11s %7s %7s %10s %9s %9s  %s\n", "codec", "patches", "bytes", "% raw",
              "bpp", "/ cjxl -e9", "enc MP/s", "dec MP/s", "lossless");
  for (const CodecTotal& t : totals) {
    if (!t.missing.empty()) {
      std::printf("%-12s skipped: %s\n", t.codec.c_str(), t.missing.c_str());
      continue;
    }
    std::string ratio = "-";
    // Only comparable when both coded the same patches.
    if (cjxl && t.images == cjxl->images && t.failed == 0 && t.not_applicable == 0)
      ratio = Sprintf("%.3f", double(t.bytes) / double(cjxl->bytes));
    std::string verdict = t.images == 0 ? "-" : t.lossy == 0 ? "\u2713" : Sprintf("\u2717 (%d lossy)", t.lossy);
    if (t.not_applicable > 0) verdict += Sprintf("  (%d n/a)", t.not_applicable);
    if (t.failed > 0) verdict += Sprintf("  (%d failed)", t.failed);
    std::printf("%-12s %8d %11llu %7.2f %7.4f %10s %9.2f %9.2f  %s\n", t.codec.c_str(), t.images,
                (unsigned long long)t.bytes, PercentOfRaw(t), Bpsp(t.bytes, t.subpixels),
                ratio.c_str(), MegapixelsPerSecond(t.pixels, t.encode_seconds),
                MegapixelsPerSecond(t.pixels, t.decode_seconds), verdict.c_str());
  }
  std::fflush(stdout);
}

// Reads one input and lists its patches. Returns 0, or an exit code after
// printing why the image is not measured; *skip is set when the image is
// fine but has nothing to measure (not 8-bit, smaller than a patch).
int LoadPatches(const BenchInput& in, int stride, ImagePatches* out, bool* skip) {
  *skip = false;
  out->name = in.name;
  std::vector<uint8_t> bytes;
  Image image;
  Status s = ReadInputFile(in.path, &bytes);
  if (s.ok()) s = ReadImage(bytes.data(), bytes.size(), ReadLimits(), &image);
  if (!s.ok()) {
    PrintError(in.name + ": cannot read: " + s.ToString());
    return kExitInputRejected;
  }
  std::string why;
  if (!ToGray(image, &out->gray, &why)) {
    PrintWarning(in.name + ": skipped: " + why);
    *skip = true;
    return kExitOk;
  }
  out->width = image.width;
  const uint32_t across = image.width / kPatchWidth, down = image.height / kPatchHeight;
  if (across == 0 || down == 0)
    PrintWarning(in.name + Sprintf(": skipped: %ux%u is smaller than a %ux%u patch", image.width,
                                   image.height, kPatchWidth, kPatchHeight));
  uint64_t k = 0;
  for (uint32_t ty = 0; ty < down; ++ty)
    for (uint32_t tx = 0; tx < across; ++tx, ++k)
      if (k % uint64_t(stride) == 0) out->corners.emplace_back(tx * kPatchWidth, ty * kPatchHeight);
  *skip = out->corners.empty();
  return kExitOk;
}

}  // namespace

int RunBenchPatches(const Options& options) {
  std::vector<BenchInput> inputs;
  if (int rc = BenchInputsFor(options.positional, &inputs)) return rc;
  if (!options.csv_path.empty()) {
    Status s = CheckOutputPath(options.csv_path, options.force);
    if (!s.ok()) return FailWith(s, Stage::kOutput, "--csv");
  }

  // Every patch is coded single-threaded; --threads N codes N patches at once.
  int jobs = options.threads < 0 ? 1 : options.threads;
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  NlicSettings nlic;
  nlic.encode.effort = options.effort;
  nlic.encode.threads = 1;
  nlic.encode.predictor = options.predictor;
  nlic.decode.threads = 1;
  nlic.repeat = options.repeat;

  std::vector<CodecTotal> totals(1);
  totals[0].codec = "nlic";
  const std::vector<std::string> peer_names = PatchPeerNames(options.peers);
  std::vector<PeerWorker> peer_sets(static_cast<size_t>(jobs));
  for (int j = 0; j < jobs; ++j) {
    PeerWorker& w = peer_sets[size_t(j)];
    std::vector<CodecTotal> unused;
    SetUpPeers(&w.set, j == 0 ? &totals : &unused, &peer_names, /*announce=*/j == 0);
    if (w.set.peers.empty()) continue;
    w.dir = std::make_unique<TempDir>(PeerFileNames());
    if (!w.dir->ok()) return Fail(kExitOutputError, w.dir->error());
  }

  size_t name_width = 24;
  for (const BenchInput& in : inputs) name_width = std::max(name_width, in.name.size());
  g_name_width = int(std::min<size_t>(name_width, 40));
  const char* predictor = options.effort == 1 ? "fast-coder"
                          : options.predictor != PredictorChoice::kByEffort
                              ? PredictorName(options.predictor)
                          : options.effort >= 5 ? "neural"
                                                : "classical";
  PrintNote(Sprintf("%zu image(s) cut into %ux%u gray patches ((R+G+B)/3), %s, effort %d, %s "
                    "predictor, %d patch(es) at once, repeat %d",
                    inputs.size(), kPatchWidth, kPatchHeight,
                    options.patch_stride == 1 ? "all patches"
                                              : Sprintf("1 patch in %d", options.patch_stride).c_str(),
                    options.effort, predictor, jobs, options.repeat));
  if (!IsQuiet()) PrintPatchHeader(totals);

  int worst = kExitOk;
  int images_measured = 0;
  std::vector<BenchRow> rows;  // per patch and codec, for --csv
  for (const BenchInput& in : inputs) {
    ImagePatches patches;
    bool skip = false;
    worst = std::max(worst, LoadPatches(in, options.patch_stride, &patches, &skip));
    if (skip || patches.corners.empty()) continue;

    std::vector<PatchResult> results(patches.corners.size());
    std::atomic<size_t> next{0};
    auto work = [&](const PeerWorker* set) {
      for (size_t i; (i = next.fetch_add(1)) < results.size();)
        MeasurePatch(patches, i, nlic, set, options.repeat, &results[i]);
    };
    if (jobs == 1) {
      work(&peer_sets[0]);
    } else {
      std::vector<std::thread> threads;
      for (int j = 0; j < jobs; ++j) threads.emplace_back(work, &peer_sets[size_t(j)]);
      for (std::thread& t : threads) t.join();
    }

    std::vector<CodecTotal> image_totals = totals;  // same codecs, zeroed below
    for (CodecTotal& t : image_totals) {
      const std::string codec = t.codec, missing = t.missing;
      t = CodecTotal();
      t.codec = codec;
      t.missing = missing;
    }
    for (PatchResult& r : results) {
      worst = std::max(worst, r.rc);
      if (r.nlic.status == RowStatus::kLossy)
        PrintError(r.nlic.image + ": LOSSLESS CHECK FAILED: " + r.nlic.note);
      else if (r.nlic.status == RowStatus::kFailed)
        PrintError(r.nlic.image + ": " + r.nlic.note);
      image_totals[0].Add(r.nlic);
      totals[0].Add(r.nlic);
      if (!options.csv_path.empty()) rows.push_back(r.nlic);
      for (size_t i = 0; i < r.peers.size(); ++i) {
        const size_t t = peer_sets[0].set.total_index[i];
        image_totals[t].Add(r.peers[i]);
        totals[t].Add(r.peers[i]);
        if (!options.csv_path.empty()) rows.push_back(r.peers[i]);
      }
    }
    ++images_measured;
    if (!IsQuiet()) PrintPatchRow(in.name, image_totals);
  }
  if (totals[0].images + totals[0].failed == 0 && worst == kExitOk)
    return Fail(kExitInputRejected, "no patches to measure");
  if (!IsQuiet()) PrintPatchRow(Sprintf("TOTAL (%d image%s)", images_measured, images_measured == 1 ? "" : "s"), totals);
  PrintPatchCodecTable(totals);
  if (totals[0].failed > 0) std::printf("(%d patch(es) could not be measured, see the errors)\n", totals[0].failed);

  if (!options.csv_path.empty()) {
    std::string csv = BenchCsv(rows, totals);
    Status s = WriteOutput(options.csv_path, std::vector<uint8_t>(csv.begin(), csv.end()), options.force);
    if (!s.ok()) worst = std::max(worst, FailWith(s, Stage::kOutput, "--csv"));
  }
  if (worst == kExitVerifyOrInternal) PrintError("nlic was NOT lossless on every patch (see above)");
  return worst;
}

}  // namespace nlic::cli
