// What every causal predictor (classical or neural) hands to the residual
// coder for one sample: a distribution summarised by a mean and a scale.
#pragma once

#include <cstdint>

namespace nlic {

// Fixed-point precision of Prediction::mean: 1/8 of a sample step.
inline constexpr int kMeanShift = 3;

struct Prediction {
  int32_t mean = 0;    // expected value << kMeanShift, within [0, maxval << kMeanShift]
  uint32_t scale = 0;  // expected activity: about 24x the mean |residual|, in 1/8 steps
};

// The already-decoded rows a predictor may look at. Rows are interleaved
// samples (width * channels); `up1`/`up2` are null above the stripe's top.
struct RowWindow {
  const uint16_t* cur = nullptr;
  const uint16_t* up1 = nullptr;
  const uint16_t* up2 = nullptr;
};

}  // namespace nlic
