// nlic bench [options] [PATH...]: for every image, encode and decode with
// nlic (fastest of --repeat runs), check the result is identical
// (SameImage), and print bpsp and speed per image and in total. With
// --peers the same pixels also go through the codecs in peers.h.
#include <sys/stat.h>

#include <algorithm>

#include "tools/cli/atomic_output.h"
#include "tools/cli/bench_inputs.h"
#include "tools/cli/bench_measure.h"
#include "tools/cli/bench_report.h"
#include "tools/cli/command_common.h"
#include "tools/cli/commands.h"
#include "tools/cli/file_input.h"
#include "tools/cli/log.h"
#include "tools/cli/strings.h"

namespace nlic::cli {

int RunBench(const Options& options) {
  std::vector<std::string> paths = options.positional;
  if (paths.empty()) {
    struct stat st;
    if (::stat(kDefaultBenchDir, &st) != 0 || !S_ISDIR(st.st_mode))
      return Fail(kExitUsage, std::string("no PATH given and the default '") + kDefaultBenchDir +
                                  "' does not exist");
    paths.push_back(kDefaultBenchDir);
  }
  std::vector<BenchInput> inputs;
  std::string error;
  if (!CollectBenchInputs(paths, &inputs, &error)) return Fail(kExitInputRejected, error);
  if (inputs.empty()) return Fail(kExitInputRejected, "no image files found");
  if (!options.csv_path.empty()) {
    Status s = CheckOutputPath(options.csv_path, options.force);
    if (!s.ok()) return FailWith(s, Stage::kOutput, "--csv");
  }

  NlicSettings nlic;
  nlic.encode.effort = options.effort;
  nlic.encode.threads = options.threads < 0 ? 1 : options.threads;  // 1: like the peers
  nlic.encode.predictor = options.predictor;
  nlic.decode.threads = nlic.encode.threads;
  nlic.repeat = options.repeat;

  std::vector<CodecTotal> totals(1);
  totals[0].codec = "nlic";
  PeerSet peers;
  if (options.peers) {
    if (int rc = SetUpPeers(nullptr, /*announce=*/true, &peers, &totals)) return rc;
  }

  size_t name_width = 5;
  for (const BenchInput& in : inputs) name_width = std::max(name_width, in.name.size());
  name_width = std::min<size_t>(name_width, 40);
  PrintNote(Sprintf("%zu image(s), effort %d, %d thread(s), %s predictor, repeat %d",
                    inputs.size(), options.effort, nlic.encode.threads,
                    PredictorName(options.predictor), options.repeat));
  if (!IsQuiet()) PrintImageHeader(name_width);

  int worst = kExitOk;
  std::vector<BenchRow> rows;
  for (const BenchInput& in : inputs) {
    BenchRow row;
    row.image = in.name;
    row.codec = "nlic";
    std::vector<uint8_t> bytes;
    Image image;
    Status s = ReadInputFile(in.path, &bytes);
    if (s.ok()) s = ReadImage(bytes.data(), bytes.size(), ReadLimits(), &image);
    row.input_bytes = bytes.size();
    if (!s.ok()) {
      row.status = RowStatus::kFailed;
      row.note = "cannot read: " + s.ToString();
      PrintError(in.name + ": " + row.note);
      worst = std::max(worst, kExitInputRejected);
    } else {
      Describe(image, &row);
      Image decoded;
      int rc = MeasureNlic(image, nlic, &row, &decoded);
      worst = std::max(worst, rc);
      if (row.status == RowStatus::kLossy) PrintError(in.name + ": LOSSLESS CHECK FAILED: " + row.note);
      if (row.status == RowStatus::kFailed) PrintError(in.name + ": " + row.note);
    }
    totals[0].Add(row);
    rows.push_back(row);
    if (!IsQuiet()) PrintImageRow(row, name_width);
    // Peers only see the images nlic measured, so the totals compare.
    if (options.peers && !peers.peers.empty() && row.status != RowStatus::kFailed) {
      std::vector<BenchRow> peer_rows = MeasurePeers(image, row, &peers, options.repeat);
      for (size_t i = 0; i < peer_rows.size(); ++i) {
        totals[peers.total_index[i]].Add(peer_rows[i]);
        rows.push_back(peer_rows[i]);
      }
    }
  }
  PrintImageTotal(totals[0], name_width);
  if (options.peers) PrintCodecTable(totals);

  if (!options.csv_path.empty()) {
    std::string csv = BenchCsv(rows, totals);
    Status s = WriteOutput(options.csv_path, std::vector<uint8_t>(csv.begin(), csv.end()), options.force);
    if (!s.ok()) worst = std::max(worst, FailWith(s, Stage::kOutput, "--csv"));
  }
  if (worst == kExitVerifyOrInternal) PrintError("nlic was NOT lossless on every image (see above)");
  return worst;
}

}  // namespace nlic::cli
