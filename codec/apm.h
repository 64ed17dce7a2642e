// Adaptive probability map (secondary estimation): refines a probability by
// looking up what actually happened, in a context, when that probability was
// predicted before. 33 interpolated bins over the logit domain.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "codec/logistic.h"

namespace nlic {

class Apm {
 public:
  // Every context starts as the identity map; one row is built and copied,
  // which keeps construction cheap for small images.
  Apm(int contexts, int rate) : rate_(rate) {
    uint16_t row[33];
    for (int i = 0; i < 33; ++i) row[i] = uint16_t(Squash((i - 16) * 128) * 16);
    t_.reserve(size_t(contexts) * 33);
    for (int c = 0; c < contexts; ++c) t_.insert(t_.end(), row, row + 33);
  }

  // A logit in [-2047, 2047] in, P(1) in 16 bits out.
  uint32_t Refine(int logit, int context) {
    int s = logit + 2048;  // 1..4095
    int lo = s >> 7, w = s & 127;
    size_t base = size_t(context) * 33 + lo;
    idx_ = base + (w >> 6);
    return (uint32_t(t_[base]) * (128 - w) + uint32_t(t_[base + 1]) * w) >> 7;
  }

  void Update(int bit) {
    int target = bit ? 65535 : 0;
    t_[idx_] = uint16_t(t_[idx_] + ((target - int(t_[idx_])) >> rate_));
  }

 private:
  std::vector<uint16_t> t_;
  size_t idx_ = 0;
  int rate_;
};

}  // namespace nlic
