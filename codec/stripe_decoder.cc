#include "codec/stripe_decoder.h"

#include <algorithm>
#include <memory>

#include "codec/stripe_pipeline.h"

namespace nlic {
namespace {

// Slots beyond one per worker. Appending a stripe takes the caller about a
// tenth of a stripe's decoding; with a single spare slot a worker that
// finishes during an append finds nothing queued and waits. Four measured
// 1.85x on two threads at effort 1 (12.6 MP) against 1.6-1.75x for the
// barrier-per-window decoder this replaced; each costs a stripe of memory.
constexpr uint32_t kSpareSlots = 4;

}  // namespace

std::vector<StripeState> DecodeStripes(const Header& h, const neural::NeuralModel* model,
                                       const std::vector<TileRecord>& tiles, int threads, bool keep_going,
                                       std::vector<uint16_t>* samples) {
  const uint32_t n = h.tile_count();
  const size_t stride = size_t(h.width) * h.channels();
  const size_t stripe_samples = size_t(h.stripe(0).count) * stride;
  // The jobs write these: declared before the pipeline, whose destructor
  // lets running jobs finish.
  std::vector<StripeState> states(n, StripeState::kMissing);
  std::unique_ptr<uint16_t[]> scratch;
  StripePipeline pipeline(threads, kSpareSlots);
  const uint32_t window = std::min(pipeline.window(), n);
  // new[] without "()" leaves the scratch uninitialised: untouched pages stay
  // virtual. One stripe per slot.
  scratch.reset(new uint16_t[size_t(window) * stripe_samples]);
  samples->clear();
  // Appends stripe i, in order, while the workers decode the ones after it:
  // the copy overlaps their work instead of stopping them at a barrier.
  auto emit = [&](uint32_t i) {
    pipeline.Wait(i % window);
    const bool intact = states[i] == StripeState::kIntact;
    if (!intact && !keep_going) return false;
    // Only now: a forged header's image size is believed once a stripe has
    // decoded (or a salvage asked for the whole image anyway).
    if (samples->capacity() == 0) samples->reserve(size_t(h.height) * stride);
    const size_t len = size_t(h.stripe(i).count) * stride;
    if (!intact) {
      samples->resize(samples->size() + len, 0);
      return true;
    }
    const uint16_t* src = scratch.get() + (i % window) * stripe_samples;
    samples->insert(samples->end(), src, src + len);
    return true;
  };
  // Stopping early returns a copy of the states so far: jobs still running
  // when the pipeline is destroyed write their own entries of `states`, so
  // it must not shrink under them.
  uint32_t emitted = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (i >= window) {
      if (!emit(emitted)) return std::vector<StripeState>(states.begin(), states.begin() + emitted + 1);
      ++emitted;
    }
    if (i >= tiles.size()) continue;  // kMissing; the pipeline slot stays idle
    uint16_t* rows = scratch.get() + (i % window) * stripe_samples;
    pipeline.Submit(i % window, [&h, model, &tiles, &states, i, rows] {
      states[i] = DecodeStripe(h, model, i, tiles[i].payload, tiles[i].payload_size, tiles[i].pixel_crc, rows,
                               tiles[i].row_count);
    });
  }
  for (; emitted < n; ++emitted)
    if (!emit(emitted)) return std::vector<StripeState>(states.begin(), states.begin() + emitted + 1);
  return states;
}

}  // namespace nlic
