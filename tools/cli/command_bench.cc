// nlic bench [options] [PATH...]: for every image, encode and decode with
// nlic (fastest of --repeat runs), check the result is identical
// (SameImage), and print bpsp and speed per image and in total. With
// --peers the same pixels also go through the codecs in peers.h.
#include <sys/stat.h>

#include <algorithm>
#include <limits>
#include <memory>

#include "tools/cli/atomic_output.h"
#include "tools/cli/bench_inputs.h"
#include "tools/cli/bench_report.h"
#include "tools/cli/command_common.h"
#include "tools/cli/commands.h"
#include "tools/cli/file_input.h"
#include "tools/cli/log.h"
#include "tools/cli/peers.h"
#include "tools/cli/stopwatch.h"
#include "tools/cli/strings.h"
#include "tools/cli/temp_dir.h"

namespace nlic::cli {
namespace {

struct NlicSettings {
  EncodeOptions encode;
  DecodeOptions decode;
  int repeat = 1;
};

void Describe(const Image& im, BenchRow* row) {
  row->width = im.width;
  row->height = im.height;
  row->channels = im.channels();
  row->bit_depth = im.bit_depth;
}

// Measures nlic on one image; *decoded receives the decoded image. Returns
// the exit code this image contributes (0, 1, 4...).
int MeasureNlic(const Image& image, const NlicSettings& s, BenchRow* row, Image* decoded) {
  std::vector<uint8_t> encoded;
  row->encode_seconds = std::numeric_limits<double>::infinity();
  for (int i = 0; i < s.repeat; ++i) {
    Stopwatch clock;
    Status st = Encode(image, s.encode, &encoded);
    row->encode_seconds = std::min(row->encode_seconds, clock.Seconds());
    if (!st.ok()) {
      row->status = RowStatus::kFailed;
      row->note = "encode: " + st.ToString();
      return ExitCodeFor(st.code(), Stage::kCodec);
    }
  }
  row->bytes = encoded.size();
  row->decode_seconds = std::numeric_limits<double>::infinity();
  for (int i = 0; i < s.repeat; ++i) {
    Stopwatch clock;
    Status st = Decode(encoded.data(), encoded.size(), s.decode, decoded);
    row->decode_seconds = std::min(row->decode_seconds, clock.Seconds());
    if (!st.ok()) {
      row->status = RowStatus::kLossy;
      row->note = "own output does not decode: " + st.ToString();
      return kExitVerifyOrInternal;
    }
  }
  std::string why;
  if (!SameImage(image, *decoded, &why)) {
    row->status = RowStatus::kLossy;
    row->note = why;
    return kExitVerifyOrInternal;
  }
  return kExitOk;
}

struct PeerSet {
  std::vector<std::unique_ptr<Peer>> peers;  // only the usable ones
  std::vector<size_t> total_index;           // index into the totals
  std::unique_ptr<TempDir> dir;
};

// Runs every usable peer on `image` (already checked by nlic), adds rows.
void MeasurePeers(const Image& image, const BenchRow& nlic_row, PeerSet* set, int repeat,
                  std::vector<BenchRow>* rows, std::vector<CodecTotal>* totals) {
  Image pixels = image;  // peers get pixels only
  pixels.chunks.clear();
  pixels.interlaced = false;
  std::vector<uint8_t> png;
  PeerContext context;
  context.dir = set->dir->path();
  context.input_png = context.dir + "/in.png";
  context.repeat = repeat;
  Status s = WritePng(pixels, &png);
  if (s.ok()) s = WriteOutput(context.input_png, png, /*force=*/true);
  for (size_t i = 0; i < set->peers.size(); ++i) {
    const Peer& peer = *set->peers[i];
    BenchRow row = nlic_row;
    row.codec = peer.Name();
    row.bytes = 0;
    row.encode_seconds = row.decode_seconds = 0;
    row.note.clear();
    row.status = RowStatus::kOk;
    if (!s.ok()) {
      row.status = RowStatus::kFailed;
      row.note = "cannot write the input PNG: " + s.ToString();
    } else {
      PeerRun r = peer.Run(pixels, context);
      row.bytes = r.bytes;
      row.encode_seconds = r.encode_seconds;
      row.decode_seconds = r.decode_seconds;
      row.note = r.note;
      row.status = r.outcome == PeerRun::Outcome::kNotApplicable ? RowStatus::kNotApplicable
                   : r.outcome == PeerRun::Outcome::kFailed     ? RowStatus::kFailed
                   : r.lossless                                 ? RowStatus::kOk
                                                                : RowStatus::kLossy;
    }
    if (row.status == RowStatus::kLossy)
      PrintError(row.image + ": peer " + row.codec + " is NOT lossless: " + row.note);
    else if (row.status == RowStatus::kFailed)
      PrintWarning(row.image + ": peer " + row.codec + " failed: " + row.note);
    else if (row.status == RowStatus::kOk)
      PrintDetail(Sprintf("  %-12s %10llu bytes %8.4f bpsp  enc %.3f s  dec %.3f s", row.codec.c_str(),
                          (unsigned long long)row.bytes, Bpsp(row.bytes, row.subpixels()),
                          row.encode_seconds, row.decode_seconds));
    (*totals)[set->total_index[i]].Add(row);
    rows->push_back(row);
  }
}

// Returns 0 or an exit code; fills *set and adds one total per peer.
int SetUpPeers(PeerSet* set, std::vector<CodecTotal>* totals) {
  for (auto& peer : MakePeers()) {
    CodecTotal t;
    t.codec = peer->Name();
    t.missing = peer->Missing();
    if (!t.missing.empty()) {
      PrintNote("skipping peer " + t.codec + ": " + t.missing);
    } else {
      set->total_index.push_back(totals->size());
      set->peers.push_back(std::move(peer));
    }
    totals->push_back(t);
  }
  if (set->peers.empty()) return kExitOk;
  set->dir = std::make_unique<TempDir>(PeerFileNames());
  if (!set->dir->ok()) return Fail(kExitOutputError, set->dir->error());
  return kExitOk;
}

}  // namespace

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
    if (int rc = SetUpPeers(&peers, &totals)) return rc;
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
    if (options.peers && !peers.peers.empty() && row.status != RowStatus::kFailed)
      MeasurePeers(image, row, &peers, options.repeat, &rows, &totals);
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
