// Adaptive probability map (secondary estimation): refines a probability by
// looking up what actually happened, in a context, when that probability was
// predicted before. 33 interpolated bins over the logit domain.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "codec/logistic.h"

namespace nlic {

class Apm {
 public:
  static constexpr int kBins = 33;

  // Every context starts as the identity map; one row is built and the
  // table filled by doubling copies, which keeps construction cheap for
  // small images.
  explicit Apm(int contexts) : t_(size_t(contexts) * kBins) {
    if (contexts <= 0) return;
    for (int i = 0; i < kBins; ++i) t_[size_t(i)] = uint16_t(Squash((i - 16) * 128) * 16);
    const size_t total = t_.size();
    for (size_t have = kBins; have < total;) {
      const size_t n = have < total - have ? have : total - have;
      std::memcpy(t_.data() + have, t_.data(), n * sizeof(uint16_t));
      have += n;
    }
  }

  // The two steps on one context's row of bins `row`, as free functions so
  // that a hot loop can keep the row's address in a register (SampleCoder
  // does). Refine() maps a logit in [-2047, 2047] to P(1) in 16 bits and
  // reports the bin nearer to it and that bin's value; Trained() is the
  // value to store back into that bin once the bit is known.
  // Unsigned indices need no sign extension; r0 + (r1 - r0) * w / 128
  // (rounded down) is the interpolation r0 * (128 - w) + r1 * w over 128.
  static uint32_t Refine(const uint16_t* row, int logit, uint32_t* bin, int* bin_value) {
    const uint32_t s = uint32_t(logit + 2048);  // 1..4095
    const uint32_t lo = s >> 7, w = s & 127;
    const int32_t r0 = row[lo], r1 = row[lo + 1];
    *bin = lo + (w >> 6);
    *bin_value = int(row[*bin]);  // a load, not a select the compiler may turn into a branch
    return uint32_t(r0 + (((r1 - r0) * int32_t(w)) >> 7));
  }
  static uint16_t Trained(int bin_value, int bit, int rate) {
    int target = bit ? 65535 : 0;
    return uint16_t(bin_value + ((target - bin_value) >> rate));
  }
  uint16_t* row(int context) { return t_.data() + size_t(context) * kBins; }

 private:
  std::vector<uint16_t> t_;
};

}  // namespace nlic
