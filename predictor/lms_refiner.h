// Online refinement of the neural mean: a sign-error, normalised LMS
// stacker per coding position that adds a learned linear combination of
// other predictions' differences to the network's mean.
//
// Why: the network is trained once on a corpus and cannot adapt to an
// image; a few neighbour predictions (the classical sub-predictors, the
// classical mean) combined with weights learned on the stripe so far
// capture what is particular to it (periodic textures, a constant
// gradient, colour correlations). Measured on 11 train/ images: 4.3%
// smaller at effort 5 (17% on a striped texture), 4.6% at effort 7, 0.9%
// on 32x64 patches.
//
// Why sign-error: residuals are heavy-tailed, so a least-squares update
// (and likewise an averaged per-context bias, CALIC style) follows the
// outliers and made files larger; stepping by the error's sign tracks the
// conditional median, which is what the coder's distribution centres on.
// The step is normalised by the inputs' L1 norm (a shift by its bit
// length: no division, and 32 bits suffice where a squared norm would need
// 64; it also measured slightly smaller than the squared norm), and is 8x
// larger for a position's first 4096 samples in a stripe, then halves
// every 4096 (a cold start must learn fast, then settle). Weight sets per
// scale bucket, extra inputs (WW, NN, NNE, green's refined residual) and a
// median bias per context on top all measured larger files.
//
// Integer only, identical on every CPU; state is per stripe (the predictor
// is made anew for each one). Specified in spec/neural.md section 7.1.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace nlic {

class LmsRefiner {
 public:
  static constexpr int kInputs = 9;
  static constexpr int kWeightShift = 16;          // weights in 1/2^16
  static constexpr int32_t kWeightMax = 1 << 18;   // |w| <= 4
  static constexpr uint32_t kL1Floor = 64;         // keeps a flat area's step bounded
  static constexpr int kRateShift = 6;             // fastest step (cold start)
  static constexpr int kWarmLog = 12;              // 4096 samples per rate halving
  static constexpr int kWarmSteps = 3;             // settles at kRateShift + 3

  // Mean m0 (1/8 units) corrected by the inputs d (differences to m0),
  // clamped to [0, max8].
  int32_t Refine(int K, int32_t m0, const int32_t* d, int32_t max8) const {
    const int32_t* w = w_[K];
    int64_t acc = 0;
    for (int j = 0; j < kInputs; ++j) acc += int64_t(w[j]) * d[j];
    const int32_t m = m0 + int32_t((acc + (int64_t(1) << (kWeightShift - 1))) >> kWeightShift);
    return std::clamp(m, 0, max8);
  }

  // err: 8 * value - the refined mean.
  void Update(int K, int32_t err, const int32_t* d) {
    if (err == 0) {
      Count(K);
      return;  // a zero sign moves no weight
    }
    uint32_t l1 = kL1Floor;
    for (int j = 0; j < kInputs; ++j) l1 += uint32_t(std::abs(d[j]));
    const int sh = (32 - __builtin_clz(l1)) + kRateShift + std::min(kWarmSteps, n_[K] >> kWarmLog);
    Count(K);
    // The step is round(sign(err) * d * 2^16 / 2^sh), sh >= 13; computed in
    // 32 bits as a left shift (exact, sh <= 16) or a rounded right shift.
    int32_t* w = w_[K];
    const int32_t neg = err > 0 ? 0 : -1;  // all ones: negate by (d ^ neg) - neg
    if (sh <= kWeightShift) {
      const int up = kWeightShift - sh;
      for (int j = 0; j < kInputs; ++j)
        w[j] = std::clamp(w[j] + int32_t(uint32_t((d[j] ^ neg) - neg) << up), -kWeightMax, kWeightMax);
    } else {
      const int down = sh - kWeightShift;
      const int32_t half = 1 << (down - 1);
      for (int j = 0; j < kInputs; ++j)
        w[j] = std::clamp(w[j] + ((((d[j] ^ neg) - neg) + half) >> down), -kWeightMax, kWeightMax);
    }
  }

  // Position K's weights (1/2^16), for tests.
  const int32_t* weights(int K) const { return w_[K]; }

 private:
  void Count(int K) {
    if (n_[K] < (kWarmSteps << kWarmLog)) ++n_[K];
  }
  int32_t w_[4][kInputs] = {};
  int32_t n_[4] = {};
};

}  // namespace nlic
