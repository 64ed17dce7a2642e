// The peers' side of `nlic bench --peers`: set-up and one image.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "codec/nlic.h"
#include "tools/cli/bench_report.h"
#include "tools/cli/peers.h"

namespace nlic::cli {

struct PeerSet {
  std::vector<std::unique_ptr<Peer>> peers;  // only the usable ones
  std::vector<size_t> total_index;           // index into the totals
};

// Fills *set and adds one total per peer (missing ones marked skipped).
// `only`: when not null, just the peers of MakePeers() named there.
// `announce`: print a note for each skipped peer.
void SetUpPeers(PeerSet* set, std::vector<CodecTotal>* totals,
                const std::vector<std::string>* only = nullptr, bool announce = true);

// Runs every usable peer on `image` (already checked by nlic) with files in
// `dir` and returns one row per peer, in the order of set.peers. `like`
// gives the rows their image name and dimensions. Failures and lossy
// results are printed. Touches no totals: safe to call from several threads
// at once with different dirs.
std::vector<BenchRow> MeasurePeerRows(const Image& image, const BenchRow& like, const PeerSet& set,
                                      const std::string& dir, int repeat);

// MeasurePeerRows, then adds the rows to *rows and to their totals.
void MeasurePeers(const Image& image, const BenchRow& like, const PeerSet& set,
                  const std::string& dir, int repeat, std::vector<BenchRow>* rows,
                  std::vector<CodecTotal>* totals);

}  // namespace nlic::cli
