// Measurement steps shared by `nlic bench` and `nlic bench --patches`: nlic
// on one image (encode, decode, SameImage) and the peers of peers.h on the
// same pixels.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "codec/nlic.h"
#include "tools/cli/bench_report.h"
#include "tools/cli/peers.h"
#include "tools/cli/temp_dir.h"

namespace nlic::cli {

struct NlicSettings {
  EncodeOptions encode;
  DecodeOptions decode;
  int repeat = 1;
};

// Fills the size and layout fields of *row from the image.
void Describe(const Image& im, BenchRow* row);

// Measures nlic on one image (fastest of s.repeat runs per step); *decoded
// receives the decoded image. Returns the exit code this image contributes
// (0, 1, 4...).
int MeasureNlic(const Image& image, const NlicSettings& s, BenchRow* row, Image* decoded);

struct PeerSet {
  std::vector<std::unique_ptr<Peer>> peers;  // only the usable ones
  std::vector<size_t> total_index;           // index into the totals
  std::unique_ptr<TempDir> dir;
};

// Fills *set with the usable peers of MakePeers() (only those named in
// `only` when it is not null) and adds one total per considered peer to
// *totals (skipped ones with CodecTotal::missing set). `announce`: print a
// note for each skipped peer. Returns 0 or an exit code.
int SetUpPeers(const std::vector<std::string>* only, bool announce, PeerSet* set,
               std::vector<CodecTotal>* totals);

// Runs every peer of *set on `image` (already checked by nlic) and returns
// one row per peer, in the order of set->peers, starting from a copy of
// nlic_row. Failures and lossy results are printed. Safe to call from
// several threads at once with different sets.
std::vector<BenchRow> MeasurePeers(const Image& image, const BenchRow& nlic_row, PeerSet* set,
                                   int repeat);

}  // namespace nlic::cli
