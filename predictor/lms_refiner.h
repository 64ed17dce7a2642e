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
#include <cstring>

#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

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

  // The inputs as the coding loop keeps them: padded with zeros to three
  // vectors of four, so Update() runs in 4-lane vectors with no scalar
  // tail. A zero input adds nothing to the dot product or the L1
  // norm, and its step is 0 (half < 2^t), so the padding weights stay 0
  // and results are those of the nine inputs.
  static constexpr int kPadded = 12;
  using V4 = int32_t __attribute__((vector_size(16)));
  struct alignas(16) Inputs {
    int32_t v[kPadded] = {};  // v[kInputs..] stay 0
  };

  // The nine predictions both predictors refine with (1/8 units): a first
  // channel's eight classical shapes, or a referenced channel's four
  // colour-difference shapes and its own W, N, NW, NE; then the classical
  // mean. Refine() sees them as differences to the mean it corrects.
  template <bool kReferenced>
  static void Gather(const int32_t* shapes, int32_t W, int32_t N, int32_t NW, int32_t NE, int32_t classical_mean,
                     Inputs* in) {
    int32_t* d = in->v;
    if constexpr (!kReferenced) {
      for (int j = 0; j < 8; ++j) d[j] = shapes[j];
    } else {
      for (int j = 0; j < 4; ++j) d[j] = shapes[j];
      d[4] = 8 * W, d[5] = 8 * N, d[6] = 8 * NW, d[7] = 8 * NE;
    }
    d[8] = classical_mean;
  }

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
  Partial Begin(int K, const Inputs& p) const {
    const int32_t* w = w_[K];
    Partial r{0, 0};
    for (int j = 0; j < kInputs; ++j) r.wp += int64_t(w[j]) * p.v[j], r.wsum += w[j];
    return r;
  }
  static int32_t End(const Partial& a, int32_t m0, int32_t max8) {
    return Finish(a.wp - int64_t(m0) * a.wsum, m0, max8);
  }

  // err: 8 * value - the refined mean.
  //
  // The step round(sign(err) * d * 2^16 / 2^sh), sh >= 13, is one rounded
  // right shift by t = sh - 13 of sd * 8 (|sd| <= 2^21, so sd * 8 fits): for t <= 3 it is the exact left shift by 3 - t
  // (the added half, 2^t >> 1, is below 2^t and drops out), for t > 3 it
  // is (sd + 2^(t-4)) >> (t - 3), the same floor. One shape for every t
  // lets all twelve steps run as three vectors.
  void Update(int K, int32_t err, const int32_t* d) {
    Inputs in;
    std::copy_n(d, kInputs, in.v);
    Update(K, err, in);
  }
  void Update(int K, int32_t err, const Inputs& in) {
    if (err == 0) {
      Count(K);
      return;  // a zero sign moves no weight
    }
    // Generic vectors (GCC and Clang, any target): SSE2 on baseline x86-64,
    // NEON on ARM. Written out because the compiler unrolled the L1 loop
    // to scalar code and clamped with a long compare-and-select sequence.
    V4 d[3], a = {};
    for (int i = 0; i < 3; ++i) {
      std::memcpy(&d[i], in.v + 4 * i, sizeof(V4));
      const V4 m = d[i] >> 31;
      a += (d[i] ^ m) - m;  // |d| <= 2^21: the sum of twelve fits
    }
    const uint32_t l1 = kL1Floor + uint32_t(a[0] + a[1] + a[2] + a[3]);
    const int sh = (32 - __builtin_clz(l1)) + kRateShift + std::min(kWarmSteps, n_[K] >> kWarmLog);
    Count(K);
    const int t = sh - (kWeightShift - 3);
    const int32_t half = (1 << t) >> 1;
    const int32_t neg = err > 0 ? 0 : -1;    // all ones: negate by (d ^ neg) - neg
    int32_t* w = w_[K];
    V4 nw[3];
    for (int i = 0; i < 3; ++i) {
      const V4 sd = (d[i] ^ neg) - neg;
      V4 v;
      std::memcpy(&v, w + 4 * i, sizeof(V4));
      v += ((sd << 3) + half) >> t;
      nw[i] = ClampWeights(v);
    }
    std::memcpy(w, nw, sizeof(nw));
  }

  // Position K's weights (1/2^16), for tests.
  const int32_t* weights(int K) const { return w_[K]; }

  // Each lane clamped to [-kWeightMax, kWeightMax]. Not a branch: one
  // mispredicts on images whose weights sit at the bound (measured:
  // kodim20). In single floats, where min and max are one instruction each
  // on SSE2 and NEON (SSE2 has no 32-bit integer min/max; compare-and-mask
  // took eight per vector): exact, because Update() only passes |v| <= kWeightMax +
  // 2^10 (the weight and one step: |d| < l1, so |8d| >> t < 2^10), far
  // below 2^24, where every integer converts to float and back unchanged.
  // tests/lms_refiner_test.cc checks it against std::clamp on every value
  // up to 2^20.
  static V4 ClampWeights(V4 v) {
    using V4f = float __attribute__((vector_size(16)));
    const V4f f = __builtin_convertvector(v, V4f);
    const V4f hi = {float(kWeightMax), float(kWeightMax), float(kWeightMax), float(kWeightMax)};
    const V4f lo = -hi;
#if defined(__SSE2__)
    // minps/maxps are exactly the selects below; GCC will not emit them
    // for a select (it keeps NaN and signed-zero order, irrelevant here).
    const V4f a = V4f(_mm_max_ps(_mm_min_ps(__m128(f), __m128(hi)), __m128(lo)));
#else
    const V4f m = f < hi ? f : hi;
    const V4f a = m > lo ? m : lo;
#endif
    return __builtin_convertvector(a, V4);
  }

 private:
  static int32_t Finish(int64_t acc, int32_t m0, int32_t max8) {
    const int32_t m = m0 + int32_t((acc + (int64_t(1) << (kWeightShift - 1))) >> kWeightShift);
    return std::clamp(m, 0, max8);
  }
  void Count(int K) {
    if (n_[K] < (kWarmSteps << kWarmLog)) ++n_[K];
  }
  alignas(16) int32_t w_[4][kPadded] = {};
  int32_t n_[4] = {};
};

}  // namespace nlic
