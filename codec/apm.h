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
  Apm(int contexts, int rate) : t_(size_t(contexts) * 33), rate_(rate) {
    for (size_t i = 0; i < t_.size(); ++i) t_[i] = uint16_t(Squash((int(i % 33) - 16) * 128) * 16);
  }

  // p12 in, P(1) in 16 bits out.
  uint32_t Refine(int p12, int context) {
    int s = Stretch(p12) + 2048;  // 1..4095
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
