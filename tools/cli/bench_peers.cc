#include "tools/cli/bench_peers.h"

#include <algorithm>

#include "tools/cli/atomic_output.h"
#include "tools/cli/log.h"
#include "tools/cli/strings.h"

namespace nlic::cli {

void SetUpPeers(PeerSet* set, std::vector<CodecTotal>* totals,
                const std::vector<std::string>* only, bool announce) {
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
}

std::vector<BenchRow> MeasurePeerRows(const Image& image, const BenchRow& like, const PeerSet& set,
                                      const std::string& dir, int repeat) {
  std::vector<BenchRow> rows;
  Image pixels = image;  // peers get pixels only
  pixels.chunks.clear();
  pixels.interlaced = false;
  std::vector<uint8_t> png;
  PeerContext context;
  context.dir = dir;
  context.input_png = context.dir + "/in.png";
  context.repeat = repeat;
  Status s = WritePng(pixels, &png);
  if (s.ok()) s = WriteOutput(context.input_png, png, /*force=*/true);
  for (size_t i = 0; i < set.peers.size(); ++i) {
    const Peer& peer = *set.peers[i];
    BenchRow row;
    row.image = like.image;
    row.width = like.width;
    row.height = like.height;
    row.channels = like.channels;
    row.bit_depth = like.bit_depth;
    row.input_bytes = like.input_bytes;
    row.codec = peer.Name();
    if (!s.ok()) {
      row.status = RowStatus::kFailed;
      row.note = "cannot write the input PNG: " + s.ToString();
    } else {
      PeerRun r = peer.Run(pixels, context);
      row.bytes = r.bytes;
      row.encode_seconds = r.encode_seconds;
      row.decode_seconds = r.decode_seconds;
      row.encode_peak_kb = r.encode_peak_kb;
      row.decode_peak_kb = r.decode_peak_kb;
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
      PrintDetail(Sprintf("  %-12s %10llu bytes %8.4f bpsp  enc %.3f s  dec %.3f s  %s/%s MiB",
                          row.codec.c_str(), (unsigned long long)row.bytes,
                          Bpsp(row.bytes, row.subpixels()), row.encode_seconds, row.decode_seconds,
                          MiB(row.encode_peak_kb).c_str(), MiB(row.decode_peak_kb).c_str()));
    rows.push_back(row);
  }
  return rows;
}

void MeasurePeers(const Image& image, const BenchRow& like, const PeerSet& set,
                  const std::string& dir, int repeat, std::vector<BenchRow>* rows,
                  std::vector<CodecTotal>* totals) {
  std::vector<BenchRow> peer_rows = MeasurePeerRows(image, like, set, dir, repeat);
  for (size_t i = 0; i < peer_rows.size(); ++i) {
    (*totals)[set.total_index[i]].Add(peer_rows[i]);
    rows->push_back(peer_rows[i]);
  }
}

}  // namespace nlic::cli
