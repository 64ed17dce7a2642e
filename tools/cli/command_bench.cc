// nlic bench [options] [PATH...]: for every image, encode and decode with
// nlic (fastest of --repeat runs), check the result is identical
// (SameImage), and print bpsp, speed and peak memory per image and in
// total. With --peers the same pixels also go through the codecs in
// peers.h; with --ladder nlic runs at every effort 1..9 (bench_ladder.h).
#include <algorithm>
#include <memory>

#include "tools/cli/atomic_output.h"
#include "tools/cli/bench_inputs.h"
#include "tools/cli/bench_ladder.h"
#include "tools/cli/bench_nlic.h"
#include "tools/cli/bench_peers.h"
#include "tools/cli/bench_report.h"
#include "tools/cli/command_common.h"
#include "tools/cli/commands.h"
#include "tools/cli/file_input.h"
#include "tools/cli/log.h"
#include "tools/cli/strings.h"
#include "tools/cli/temp_dir.h"

namespace nlic::cli {
namespace {

// One nlic configuration measured on every image, with its own total.
struct Variant {
  std::string label;
  NlicSettings settings;
};

std::vector<Variant> MakeVariants(const Options& options) {
  NlicSettings base;
  base.encode.threads = options.threads < 0 ? 1 : options.threads;  // 1: like the peers
  base.encode.predictor = options.predictor;
  base.decode.threads = base.encode.threads;
  base.repeat = options.repeat;
  std::vector<Variant> variants;
  const int first = options.ladder ? 1 : options.effort, last = options.ladder ? 9 : options.effort;
  for (int effort = first; effort <= last; ++effort) {
    Variant v{options.ladder ? LadderLabel(effort) : "nlic", base};
    v.settings.encode.effort = effort;
    variants.push_back(v);
  }
  return variants;
}

// Measures every variant on one image; adds rows and totals. Returns the
// worst exit code; *ok is false when any variant could not measure it.
int MeasureImage(const BenchInput& in, const Image& image, const std::vector<Variant>& variants,
                 const std::string& dir, BenchRow like, bool print_rows, size_t name_width,
                 std::vector<BenchRow>* rows, std::vector<CodecTotal>* totals, bool* ok) {
  int worst = kExitOk;
  for (size_t v = 0; v < variants.size(); ++v) {
    BenchRow row = like;
    row.codec = variants[v].label;
    int rc = MeasureNlic(image, variants[v].settings, &row);
    worst = std::max(worst, rc);
    if (row.status == RowStatus::kOk) {
      std::string note = MeasureNlicMemory(in.path, variants[v].settings, dir, &row);
      if (!note.empty()) PrintWarning(in.name + ": peak memory not measured: " + note);
    }
    if (row.status == RowStatus::kLossy) PrintError(in.name + ": LOSSLESS CHECK FAILED: " + row.note);
    if (row.status == RowStatus::kFailed) PrintError(in.name + ": " + row.note);
    if (row.status == RowStatus::kFailed) *ok = false;
    (*totals)[v].Add(row);
    rows->push_back(row);
    if (print_rows) PrintImageRow(row, name_width);
  }
  return worst;
}

}  // namespace

int RunBench(const Options& options) {
  std::vector<BenchInput> inputs;
  if (int rc = BenchInputsFor(options.positional, &inputs)) return rc;
  for (const std::string& path : {options.csv_path, LadderMarkdownPath(options.ladder_out),
                                  LadderSvgPath(options.ladder_out)}) {
    if (path.empty()) continue;
    Status s = CheckOutputPath(path, options.force);
    if (!s.ok()) return FailWith(s, Stage::kOutput, path);
  }

  const std::vector<Variant> variants = MakeVariants(options);
  std::vector<CodecTotal> totals;
  for (const Variant& v : variants) {
    totals.emplace_back();
    totals.back().codec = v.label;
  }
  PeerSet peers;
  if (options.peers) SetUpPeers(&peers, &totals);
  TempDir dir(PeerFileNames());  // peers' files and nlic's measured processes
  if (!dir.ok()) return Fail(kExitOutputError, dir.error());

  size_t name_width = 5;
  for (const BenchInput& in : inputs) name_width = std::max(name_width, in.name.size());
  name_width = std::min<size_t>(name_width, 40);
  const NlicSettings& first = variants[0].settings;
  PrintNote(Sprintf("%zu image(s), %s, %d thread(s), %s predictor, repeat %d", inputs.size(),
                    options.ladder ? "efforts 1..9" : Sprintf("effort %d", options.effort).c_str(),
                    first.encode.threads, PredictorName(options.predictor), options.repeat));
  const bool print_rows = !IsQuiet() && !options.ladder;
  if (!IsQuiet()) PrintMemoryNote();
  if (print_rows) PrintImageHeader(name_width);

  int worst = kExitOk;
  std::vector<BenchRow> rows;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const BenchInput& in = inputs[i];
    if (options.ladder) PrintNote(Sprintf("[%zu/%zu] %s", i + 1, inputs.size(), in.name.c_str()));
    BenchRow like;
    like.image = in.name;
    std::vector<uint8_t> bytes;
    Image image;
    Status s = ReadInputFile(in.path, &bytes);
    if (s.ok()) s = ReadImage(bytes.data(), bytes.size(), ReadLimits(), &image);
    like.input_bytes = bytes.size();
    if (!s.ok()) {
      like.status = RowStatus::kFailed;
      like.note = "cannot read: " + s.ToString();
      PrintError(in.name + ": " + like.note);
      worst = std::max(worst, kExitInputRejected);
      for (size_t v = 0; v < variants.size(); ++v) {
        like.codec = variants[v].label;
        totals[v].Add(like);
        rows.push_back(like);
        if (print_rows) PrintImageRow(like, name_width);
      }
      continue;
    }
    Describe(image, &like);
    bool ok = true;
    worst = std::max(worst, MeasureImage(in, image, variants, dir.path(), like, print_rows,
                                         name_width, &rows, &totals, &ok));
    // Peers only see the images nlic measured, so the totals compare.
    if (ok && !peers.peers.empty())
      MeasurePeers(image, like, peers, dir.path(), options.repeat, &rows, &totals);
  }
  if (!options.ladder) PrintImageTotal(totals[0], name_width);
  if (options.peers || options.ladder) PrintCodecTable(totals);

  if (!options.csv_path.empty()) {
    std::string csv = BenchCsv(rows, totals);
    Status s = WriteOutput(options.csv_path, std::vector<uint8_t>(csv.begin(), csv.end()), options.force);
    if (!s.ok()) worst = std::max(worst, FailWith(s, Stage::kOutput, "--csv"));
  }
  if (!options.ladder_out.empty()) {
    Status s = WriteLadderFiles(options.ladder_out, totals, LadderCaption(options, inputs.size()),
                                options.force);
    if (!s.ok()) worst = std::max(worst, FailWith(s, Stage::kOutput, "--ladder-out"));
  }
  if (worst == kExitVerifyOrInternal) PrintError("nlic was NOT lossless on every image (see above)");
  return worst;
}

}  // namespace nlic::cli
