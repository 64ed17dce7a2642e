#include "codec/stripe_decoder.h"

#include <algorithm>
#include <memory>

#include "codec/parallel_for.h"

namespace nlic {
namespace {

// Scratch per window: enough stripes to keep every worker busy, about this
// many samples in all (16 MiB), never fewer than one stripe per worker: a
// window of forged stripes then stays well inside the 64 MiB the stress test
// allows for any damaged file.
constexpr size_t kWindowSamples = size_t(8) << 20;

}  // namespace

std::vector<StripeState> DecodeStripes(const Header& h, const neural::NeuralModel* model,
                                       const std::vector<TileRecord>& tiles, int threads, bool keep_going,
                                       std::vector<uint16_t>* samples) {
  const uint32_t n = h.tile_count();
  const size_t stride = size_t(h.width) * h.channels();
  const size_t stripe_samples = size_t(h.stripe(0).count) * stride;
  const size_t workers = size_t(std::max(1, ResolveThreads(threads)));
  const size_t per_window =
      std::min<size_t>(n, std::max<size_t>(1, kWindowSamples / stripe_samples / workers) * workers);
  // new[] without "()" leaves the scratch uninitialised: untouched pages stay
  // virtual.
  std::unique_ptr<uint16_t[]> scratch(new uint16_t[per_window * stripe_samples]);

  std::vector<StripeState> states;
  samples->clear();
  for (uint32_t first = 0; first < n; first += uint32_t(per_window)) {
    const uint32_t count = uint32_t(std::min<size_t>(per_window, n - first));
    states.resize(first + count, StripeState::kMissing);
    ParallelFor(count, threads, [&](uint32_t j) {
      const uint32_t i = first + j;
      if (i < tiles.size()) states[i] = DecodeStripe(h, model, i, tiles[i].payload, tiles[i].payload_size, tiles[i].pixel_crc,
                                  scratch.get() + j * stripe_samples, tiles[i].row_count);
    });
    bool damaged = false;
    for (uint32_t j = 0; j < count; ++j) damaged |= states[first + j] != StripeState::kIntact;
    if (damaged && !keep_going) break;
    if (samples->capacity() == 0) samples->reserve(size_t(h.height) * stride);
    for (uint32_t j = 0; j < count; ++j) {
      const size_t len = size_t(h.stripe(first + j).count) * stride;
      const uint16_t* src = scratch.get() + j * stripe_samples;
      if (states[first + j] == StripeState::kIntact) samples->insert(samples->end(), src, src + len);
      else samples->resize(samples->size() + len, 0);
    }
  }
  return states;
}


}  // namespace nlic
