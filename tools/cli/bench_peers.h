// The peers' side of `nlic bench --peers`: set-up and one image.
#pragma once

#include <memory>
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
void SetUpPeers(PeerSet* set, std::vector<CodecTotal>* totals);

// Runs every usable peer on `image` (already checked by nlic) with files in
// `dir`, adds one row per peer to *rows and to its total. `like` gives the
// row its image name and dimensions.
void MeasurePeers(const Image& image, const BenchRow& like, const PeerSet& set,
                  const std::string& dir, int repeat, std::vector<BenchRow>* rows,
                  std::vector<CodecTotal>* totals);

}  // namespace nlic::cli
