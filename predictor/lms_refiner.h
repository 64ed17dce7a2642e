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
    return Finish(acc, m0, max8);
  }

  // Refine() in two halves for a caller that knows the inputs as absolute
  // predictions p (d[j] = p[j] - m0) before it knows m0: sum w·(p - m0) =
  // sum w·p - m0·sum w, exact in 64 bits (|w·p| < 2^39, |sum w| < 2^22). The
  // first half then runs while m0 is still being computed, which leaves one
  // multiply between m0 and the refined mean on the decoder's critical path.
  struct Partial {
    int64_t wp;
    int32_t wsum;
  };
  Partial Begin(int K, const int32_t* p) const {
    const int32_t* w = w_[K];
    Partial r{0, 0};
    for (int j = 0; j < kInputs; ++j) r.wp += int64_t(w[j]) * p[j], r.wsum += w[j];
    return r;
  }
  static int32_t End(const Partial& a, int32_t m0, int32_t max8) {
    return Finish(a.wp - int64_t(m0) * a.wsum, m0, max8);
  }

  // err: 8 * value - the refined mean.
  //
  // Branch-free (a zero error is a coin flip to the branch predictor):
  // a zero sign masks the step to 0, and clamping weights already in range
  // leaves them unchanged. The step round(sign(err) * d * 2^16 / 2^sh),
  // sh >= 13, is one rounded right shift by t = sh - 13 of sd * 8 (|sd| <=
  // 2^21, so sd * 8 fits): for t <= 3 it is the exact left shift by 3 - t
  // (the added half, 2^t >> 1, is below 2^t and drops out), for t > 3 it
  // is (sd + 2^(t-4)) >> (t - 3), the same floor. One loop shape for every
  // t lets the compiler vectorise it.
  void Update(int K, int32_t err, const int32_t* d) {
    uint32_t l1 = kL1Floor;
    for (int j = 0; j < kInputs; ++j) l1 += uint32_t(std::abs(d[j]));
    const int sh = (32 - __builtin_clz(l1)) + kRateShift + std::min(kWarmSteps, n_[K] >> kWarmLog);
    Count(K);
    const int t = sh - (kWeightShift - 3);
    const int32_t half = (1 << t) >> 1;
    const int32_t neg = err > 0 ? 0 : -1;     // all ones: negate by (d ^ neg) - neg
    const int32_t keep = err == 0 ? 0 : -1;   // no step for a zero sign
    int32_t* w = w_[K];
    for (int j = 0; j < kInputs; ++j) {
      const int32_t sd = (d[j] ^ neg) - neg;
      const int32_t step = ((int32_t(uint32_t(sd) << 3) + half) >> t) & keep;
      w[j] = std::clamp(w[j] + step, -kWeightMax, kWeightMax);
    }
  }

  // Position K's weights (1/2^16), for tests.
  const int32_t* weights(int K) const { return w_[K]; }

 private:
  static int32_t Finish(int64_t acc, int32_t m0, int32_t max8) {
    const int32_t m = m0 + int32_t((acc + (int64_t(1) << (kWeightShift - 1))) >> kWeightShift);
    return std::clamp(m, 0, max8);
  }
  void Count(int K) {
    if (n_[K] < (kWarmSteps << kWarmLog)) ++n_[K];
  }
  int32_t w_[4][kInputs] = {};
  int32_t n_[4] = {};
};

}  // namespace nlic
