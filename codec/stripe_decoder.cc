#include "codec/stripe_decoder.h"

#include <algorithm>

#include "codec/parallel_for.h"

namespace nlic {
namespace {

// Samples per window: enough stripes to keep every worker busy, about this
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

  std::vector<StripeState> states;
  samples->clear();
  // Only a window's worth until the first window has verified; then the
  // whole image, once, so later windows grow in place.
  samples->reserve(std::min(size_t(h.height) * stride, per_window * stripe_samples));
  for (uint32_t first = 0; first < n; first += uint32_t(per_window)) {
    const uint32_t count = uint32_t(std::min<size_t>(per_window, n - first));
    if (first == per_window) samples->reserve(size_t(h.height) * stride);
    // Stripes decode straight into the image: no scratch copy, which was
    // serial work that two threads could not share.
    const Header::Rows last = h.stripe(first + count - 1);
    samples->resize(size_t(last.first + last.count) * stride);
    uint16_t* const window = samples->data();
    states.resize(first + count, StripeState::kMissing);
    ParallelFor(count, threads, [&](uint32_t j) {
      const uint32_t i = first + j;
      const Header::Rows rows = h.stripe(i);
      uint16_t* const out = window + size_t(rows.first) * stride;
      if (i < tiles.size())
        states[i] = DecodeStripe(h, model, i, tiles[i].payload, tiles[i].payload_size, tiles[i].pixel_crc, out,
                                 tiles[i].row_count);
      if (states[i] != StripeState::kIntact) std::fill(out, out + size_t(rows.count) * stride, uint16_t(0));
    });
    bool damaged = false;
    for (uint32_t j = 0; j < count; ++j) damaged |= states[first + j] != StripeState::kIntact;
    if (damaged && !keep_going) break;
  }
  return states;
}

}  // namespace nlic
