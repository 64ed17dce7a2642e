#include "tools/cli/bench_measure.h"

#include <algorithm>
#include <limits>

#include "tools/cli/atomic_output.h"
#include "tools/cli/exit_codes.h"
#include "tools/cli/log.h"
#include "tools/cli/stopwatch.h"
#include "tools/cli/strings.h"

namespace nlic::cli {

void Describe(const Image& im, BenchRow* row) {
  row->width = im.width;
  row->height = im.height;
  row->channels = im.channels();
  row->bit_depth = im.bit_depth;
}

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

std::vector<BenchRow> MeasurePeers(const Image& image, const BenchRow& nlic_row, PeerSet* set,
                                   int repeat) {
  std::vector<BenchRow> rows;
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
    rows.push_back(row);
  }
  return rows;
}

int SetUpPeers(const std::vector<std::string>* only, bool announce, PeerSet* set,
               std::vector<CodecTotal>* totals) {
  for (auto& peer : MakePeers()) {
    if (only && std::find(only->begin(), only->end(), peer->Name()) == only->end()) continue;
    CodecTotal t;
    t.codec = peer->Name();
    t.missing = peer->Missing();
    if (!t.missing.empty()) {
      if (announce) PrintNote("skipping peer " + t.codec + ": " + t.missing);
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

}  // namespace nlic::cli
