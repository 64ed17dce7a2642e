// Logistic mixing (the PAQ idea): the final logit is a learned weighted sum of
// the inputs' logits, and each weight set is trained online by gradient
// descent on coding cost. Integer weights in 16.16 fixed point.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "codec/logistic.h"

namespace nlic {

template <int kInputs>
class Mixer {
 public:
  static constexpr int32_t kWeightMax = 1 << 22;  // |w| <= 64: far beyond useful

  // `sets` weight vectors, one chosen per prediction by a small context.
  // Every weight starts at `initial` (16.16).
  explicit Mixer(int sets, int32_t initial = (1 << 16) * 3 / (kInputs + 1))
      : weights_(size_t(sets) * kInputs, initial) {}
  // Per-input initial weights (16.16), the same in every set.
  template <class Array>
  Mixer(int sets, const Array& initial) : weights_(size_t(sets) * kInputs) {
    for (size_t i = 0; i < weights_.size(); ++i) weights_[i] = initial[i % kInputs];
  }

  // The two steps on one weight set `w`, as free functions so that a hot
  // loop can keep the inputs and the set's address in registers (SampleCoder
  // does). Dot() returns the logit clamped to [-2047, 2047]; Train() takes
  // err = ((bit << 12) - Squash(logit)) * learning rate.
  static int Dot(const int32_t* w, const int* x) {
    int64_t dot = 0;
    for (int i = 0; i < kInputs; ++i) dot += int64_t(x[i]) * w[i];
    int d = int(dot >> 16);
    return d > 2047 ? 2047 : d < -2047 ? -2047 : d;
  }
  static void Train(int32_t* w, const int* x, int err) {
    for (int i = 0; i < kInputs; ++i) {
      int32_t v = w[i] + ((x[i] * err + (1 << 9)) >> 10);
      // One unsigned range test for the (practically never taken) clamp.
      if (uint32_t(v + kWeightMax) > uint32_t(2 * kWeightMax)) [[unlikely]]
        v = v > 0 ? kWeightMax : -kWeightMax;
      w[i] = v;
    }
  }
  int32_t* weight_set(int set) { return &weights_[size_t(set) * kInputs]; }

 private:
  std::vector<int32_t> weights_;
};

}  // namespace nlic
