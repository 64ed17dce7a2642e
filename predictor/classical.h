// The classical causal predictor: a blend of simple neighbour predictors,
// each weighted by how well it did on the neighbouring samples (error
// feedback), followed by a context bias correction. The first channel blends
// 8 spatial shapes; channels with a reference channel blend 4 shapes of the
// difference to it instead (an adaptive colour decorrelation). Standing
// alone (efforts 2..4) its mean is then refined by an online LMS stacker
// (lms_refiner.h) over the same shapes; under the neural predictor it is
// not, as the network was trained on the unrefined mean. Integer only.
//
// Predict() and Update() are templates on the coding position, its reference
// position and whether the row is a stripe's top, so that the per-sample code
// carries no tests on them; the coding loop (stripe_codec.h) supplies all
// three as constants.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "codec/log_bucket.h"
#include "codec/zeroed_array.h"
#include "predictor/channel_order.h"
#include "predictor/lms_refiner.h"
#include "predictor/prediction.h"

namespace nlic {

namespace classical_internal {

inline constexpr int kBiasContexts = 432;
inline constexpr int kBiasCountLimit = 64;

// Blend weight for an error sum e: about 2^30 / (e+1)^2, tabulated on a log
// scale (exact below 16, then 8 steps per octave, bucket values below) so
// that no division is needed per sub-predictor.
constexpr uint64_t BucketValue(int i) {
  if (i < 16) return i ? uint64_t(i) : 1;
  int len = (i - 16) / 8 + 5, frac = (i - 16) % 8;
  return (uint64_t(16 + 2 * frac + 1) << (len - 5));  // middle of the bucket
}

// Bucket of v = e + 1 (codec/log_bucket.h).
constexpr int Bucket(uint32_t v) { return int(LogBucket8(v)); }

// The weights keyed by the bits of float(v) from bit 20 up: floor(log2 v)
// and the three mantissa bits below the leading one, which is the bucket's
// resolution (v < 2^19 converts exactly, whatever the rounding mode). A
// conversion and a shift replace a bit scan and a shift by a variable count.
struct WeightTable {
  static constexpr int kFloatBias = 127 * 8;  // key of v = 1
  static constexpr int kKeys = 8 * 20;        // v < 2^20
  uint32_t w[kKeys];
  constexpr WeightTable() : w() {
    for (int k = 0; k < kKeys; ++k) {
      const uint32_t lead = uint32_t(8 + k % 8) << (k / 8);
      if (lead % 8) continue;  // no integer v below 8 has these bits
      const uint64_t v = BucketValue(Bucket(lead / 8));
      const uint64_t q = (uint64_t(1) << 30) / (v * v);
      w[k] = uint32_t(q ? q : 1);  // never zero: the blend divides by the sum
    }
  }
};
inline constexpr WeightTable kWeights;

// Blend weight of an error sum e < 2^19 (sums of six 16-bit errors).
inline uint32_t BlendWeight(uint32_t e) {
  const uint32_t key = std::bit_cast<uint32_t>(float(int32_t(e + 1))) >> 20;
  return kWeights.w[key - WeightTable::kFloatBias];
}

// BlendWeight(eu[j] + 2 * ec[j]) for j < 4 into w[j]: the sums and the
// float conversions in one 4-lane vector each (SSE2 or NEON), only the
// table loads per lane; the scalar conversions were the blend's largest
// cost. The same keys: int32 to float is the same exact conversion in a
// vector lane (every sum is below 2^19), and the key is the same bits.
// tests/blend_weight_test.cc checks it against BlendWeight() on every sum.
inline void BlendWeights4(const uint32_t* eu, const uint16_t* ec, uint32_t* w) {
  using V4u = uint32_t __attribute__((vector_size(16)));
  using V4i = int32_t __attribute__((vector_size(16)));
  using V4f = float __attribute__((vector_size(16)));
  using V4u16 = uint16_t __attribute__((vector_size(8)));
  V4u a;
  V4u16 b;
  std::memcpy(&a, eu, sizeof(a));
  std::memcpy(&b, ec, sizeof(b));
  const V4u e = a + 2 * __builtin_convertvector(b, V4u) + 1;
  const V4f f = __builtin_convertvector(V4i(e), V4f);
  const V4u key = (V4u(f) >> 20) - uint32_t(WeightTable::kFloatBias);
  for (int j = 0; j < 4; ++j) w[j] = kWeights.w[key[j]];
}

// min(a[j], 65535) into out[j], j < 4, for 0 <= a[j] < 2^31. SSE2 has no
// unsigned pack: biased by -32768, the signed saturating pack to 16 bits
// clips exactly at a = 65535 (a - 32768 >= -32768, so the low side never
// clips), and flipping the top bit takes the bias back off. Three
// instructions where compare, select and narrowing took about ten.
// tests/blend_weight_test.cc checks it on every a up to 2^22.
inline void StoreSaturated16(int32_t __attribute__((vector_size(16))) a, uint16_t* out) {
#if defined(__SSE2__)
  const __m128i b = _mm_sub_epi32(__m128i(a), _mm_set1_epi32(32768));
  const __m128i p = _mm_xor_si128(_mm_packs_epi32(b, b), _mm_set1_epi16(int16_t(0x8000)));
  _mm_storel_epi64(reinterpret_cast<__m128i*>(out), p);
#else
  using V4 = int32_t __attribute__((vector_size(16)));
  using V4u16 = uint16_t __attribute__((vector_size(8)));
  const V4 big = a > 65535;
  a = (a & ~big) | (65535 & big);
  const V4u16 a16 = __builtin_convertvector(a, V4u16);
  std::memcpy(out, &a16, sizeof(a16));
#endif
}

struct BiasRecip {
  int32_t r[kBiasCountLimit + 1];
  constexpr BiasRecip() : r() {
    for (int i = 1; i <= kBiasCountLimit; ++i) r[i] = (1 << 16) / i;
  }
};
inline constexpr BiasRecip kBiasRecip;

// Activity level of a scale s, by floor(log2(s | 1)): the number of the
// thresholds 16, 64 and 256 that s reaches (powers of two, so its bit length
// decides).
struct ActivityTable {
  uint8_t a[32];
  constexpr ActivityTable() : a() {
    for (int b = 0; b < 32; ++b) a[b] = uint8_t((b >= 4) + (b >= 6) + (b >= 8));
  }
};
inline constexpr ActivityTable kActivity;

// 0, 1, 2 for negative, zero, positive; branch-free.
// Sign bits instead of comparisons: callers pass differences of samples and
// means (|v| < 2^30), so -v does not overflow.
inline uint32_t Sign3(int32_t v) { return 1 + ((0u - uint32_t(v)) >> 31) - (uint32_t(v) >> 31); }

}  // namespace classical_internal

class ClassicalPredictor {
 public:
  // Identifiers written to the container; bump when predictions change.
  // kModelId refines the mean with the LMS refiner; kUnrefinedModelId does
  // not, which costs about 1.7% in size on photos for about 10% less time
  // (effort 2's trade).
  static constexpr uint64_t kModelId = 1;
  static constexpr uint64_t kUnrefinedModelId = 2;
  static bool KnownModelId(uint64_t id) { return id == kModelId || id == kUnrefinedModelId; }
  static constexpr int kSub = 8;     // sub-predictors blended, first channel
  static constexpr int kSubRef = 4;  // the same for channels with a reference

  // What Predict() hands on to Update() of the same sample, and position 0
  // to the later positions of the same pixel. The coding loop keeps it as a
  // local, so the compiler can hold it in registers rather than reloading
  // members after every store the models make.
  struct State {
    int32_t sub_pred[kSub];
    int32_t raw_mean = 0, mean = 0;
    uint32_t bias_ctx = 0;
    int32_t ref_residual = 0;  // of coding position 0 at the current pixel, 1/8 units
    // The LMS refiner's inputs and the mean it gave; -1 when the sample was
    // not refined (not standing alone, or a stripe's top row).
    LmsRefiner::Inputs lms_in;
    int32_t lms_mean = -1;
    // The neural predictor's mean before its refiner (when lms_mean >= 0).
    int32_t net_mean = 0;
  };

  // refine: apply the LMS refiner (standing alone); false under the
  // neural predictor.
  ClassicalPredictor(uint32_t width, const ChannelOrder& order, int bit_depth, bool refine = true);

  void StartRow(const RowWindow& rows);

  // K: coding position; kRef: its reference position (order.reference[K]);
  // kTop: the row is a stripe's first (StartRow was given no row above).
  template <int K, int kRef, bool kTop>
  Prediction Predict(uint32_t x, State& s) const;
  template <int K, int kRef>
  void Update(uint32_t x, int value, State& s);

  // Read-only view of coding position K's rows for a predictor built on top
  // of this one (the neural predictor's features). Padded by one column:
  // column x sits at index x + 1; `up2` is `up` on a stripe's second row.
  struct PlaneView {
    const int32_t *cur, *up, *up2;
    const uint32_t* err_up;  // blend |error| of the row above, 1/8 units
  };
  PlaneView View(int k) const {
    const Plane& p = planes_[k];
    return PlaneView{p.cur, p.up, p.up2, p.err_up};
  }

 private:
  struct Bias {
    int32_t sum, count;
  };

  struct Plane {
    int sub;  // sub-predictors blended: kSub or kSubRef
    // Samples of this coding position for the rows y, y-1, y-2, padded by
    // one column each side (column x lives at x+1). The padding holds the
    // edge replacements, so the inner loop loads neighbours without tests.
    ZeroedArray<int32_t> row[3];
    // Per column (offset by 1 so x-1 and x+1 stay in bounds): each
    // sub-predictor's |error| and the blend's |error|, for this row and the last.
    ZeroedArray<uint16_t> sub_err[2];
    ZeroedArray<uint32_t> err[2];
    // Row-above part of each sub-predictor's error sum (NW + 2N + NE),
    // computed once per row in a loop the compiler vectorises.
    ZeroedArray<uint32_t> up_err;
    std::vector<Bias> bias;
    // This row's views of the buffers above, set by StartRow().
    int32_t* cur;
    const int32_t *up, *up2;
    uint16_t* sub_err_cur;
    uint32_t *err_cur, *err_up;
  };

  uint32_t width_;
  int channels_;
  int32_t max8_;
  int32_t mid_;
  int cur_ = 0;  // which of the two error rows is the current one
  int row_ = 0;  // which of the three sample rows is the current one
  Plane planes_[4];
  bool refine_;
  LmsRefiner refiner_;
};

template <int K, int kRef, bool kTop>
[[gnu::always_inline]] inline Prediction ClassicalPredictor::Predict(uint32_t x, State& s) const {
  using namespace classical_internal;
  constexpr int N = kRef >= 0 ? kSubRef : kSub;
  const Plane& pl = planes_[K];
  // Padded rows: column x sits at index x + 1, so W is cur[x].
  const int32_t* cur = pl.cur + x;
  const int32_t* u1 = pl.up + x;
  int32_t W, Nn, NW, NE, NN;
  if constexpr (kTop) {
    W = Nn = NW = NE = NN = cur[0];
  } else {
    W = cur[0], Nn = u1[1], NW = u1[0], NE = u1[2], NN = pl.up2[x + 1];
  }
  int32_t* P = s.sub_pred;
  if constexpr (kRef >= 0) {
    // Shapes on the difference to the reference channel, which is already
    // known at this pixel: an adaptive colour decorrelation. The plain
    // shapes of the first channel are left out here: they cost time and,
    // measured on Kodak, lose a little compression.
    const Plane& rp = planes_[kRef];
    const int32_t* rcur = rp.cur + x;
    const int32_t* ru1 = rp.up + x;
    const int32_t R = rcur[1];
    int32_t dN, dW, dNW, dNE;
    if constexpr (kTop) {
      dN = dW = dNW = dNE = W - rcur[0];
    } else {
      dN = Nn - ru1[1], dW = W - rcur[0], dNW = NW - ru1[0], dNE = NE - ru1[2];
    }
    P[0] = (R + dN + dW - dNW) * 8;
    P[1] = (R + dW + dNE - dN) * 8;
    P[2] = (R + dN) * 8;
    P[3] = (R + dW) * 8;
  } else {
    P[0] = (Nn + W - NW) * 8;
    P[1] = (W + NE - Nn) * 8;
    P[2] = Nn * 8;
    P[3] = W * 8;
    P[4] = (W + NE) * 4 + (Nn - NN) * 2;  // diagonal average nudged by the vertical slope
    P[5] = NE * 8;
    P[6] = (Nn + W) * 4;
    P[7] = NW * 8;
  }
  // Blend: each sub-predictor weighted by its errors at W (twice), NW, N (twice)
  // and NE.
  const uint32_t* eu = pl.up_err.data() + size_t(x) * N;  // NW + 2N + NE
  const uint16_t* ec = pl.sub_err_cur + size_t(x) * N;    // W (offset by one column)
  uint32_t wt[N];
  for (int j = 0; j < N; j += 4) BlendWeights4(eu + j, ec + j, wt + j);
  int64_t num = 0, den = 0;
  for (int j = 0; j < N; ++j) {
    const int64_t w = wt[j];
    num += w * P[j];
    den += w;
  }
  int32_t mean = int32_t((num + den / 2) / den);

  // Context bias correction: which neighbours sit above or below the blend,
  // and how busy the area is.
  const uint32_t* fu = pl.err_up + x;  // NW, N, NE
  const uint32_t* fc = pl.err_cur + x;  // W
  uint32_t scale = fu[1] + fc[0] + ((fu[0] + fu[2]) >> 1);
  if constexpr (kRef >= 0) scale += uint32_t(std::abs(s.ref_residual)) * 3 / 2;
  const uint32_t act = kActivity.a[31 ^ __builtin_clz(scale | 1)];
  uint32_t ctx = Sign3(Nn * 8 - mean) + 3 * Sign3(W * 8 - mean);
  ctx = ctx * 2 + (NW * 8 > mean);
  ctx = ctx * 2 + (NE * 8 > mean);
  ctx = ctx * 4 + act;
  if constexpr (kRef >= 0) ctx = ctx * 3 + Sign3(s.ref_residual);
  s.bias_ctx = ctx;  // < 9*2*2*4*3 = 432
  s.raw_mean = mean;
  // Standing alone, the refiner's inputs: as the neural predictor's
  // refiner has them (neural.h), with the raw blend in place of the
  // classical mean. Its dot product is begun here, before the bias
  // correction gives the mean it refines (LmsRefiner::Begin).
  int32_t* d = s.lms_in.v;
  LmsRefiner::Partial lms{};
  if constexpr (!kTop) {
    if (refine_) {
      LmsRefiner::Gather<(kRef >= 0)>(P, W, Nn, NW, NE, mean, &s.lms_in);
      lms = refiner_.Begin(K, s.lms_in);
    }
  }
  const Bias b = pl.bias[ctx];
  // r[0] is 0, so an unused context adds nothing without a branch.
  mean += int32_t((int64_t(b.sum) * kBiasRecip.r[b.count]) >> 16);
  if (uint32_t(mean) > uint32_t(max8_)) mean = mean < 0 ? 0 : max8_;  // clamp to [0, max8_]
  s.mean = mean;
  s.lms_mean = -1;
  if constexpr (!kTop) {
    if (refine_) {
      // The update's inputs are the differences to the mean refined.
      for (int j = 0; j < LmsRefiner::kInputs; ++j) d[j] -= mean;
      s.lms_mean = LmsRefiner::End(lms, mean, max8_);
      return Prediction{s.lms_mean, scale};
    }
  }
  return Prediction{s.mean, scale};
}

template <int K, int kRef>
[[gnu::always_inline]] inline void ClassicalPredictor::Update(uint32_t x, int value, State& s) {
  using namespace classical_internal;
  constexpr int N = kRef >= 0 ? kSubRef : kSub;
  Plane& pl = planes_[K];
  pl.cur[x + 1] = value;
  const int32_t v8 = value * 8;
  uint16_t* e = pl.sub_err_cur + size_t(x + 1) * N;
  // Generic 4-lane vectors (SSE2 or NEON): the compiler left this loop
  // scalar.
  using V4 = int32_t __attribute__((vector_size(16)));
  for (int j = 0; j < N; j += 4) {
    V4 p;
    std::memcpy(&p, s.sub_pred + j, sizeof(p));
    V4 a = v8 - p;
    const V4 m = a >> 31;
    a = (a ^ m) - m;  // |v8 - P| < 2^21
    StoreSaturated16(a, e + j);
  }
  pl.err_cur[x + 1] = uint32_t(std::abs(v8 - s.mean));
  Bias& b = pl.bias[s.bias_ctx];
  b.sum += v8 - s.raw_mean;
  if (++b.count > kBiasCountLimit) {
    b.sum /= 2;
    b.count = kBiasCountLimit / 2 + 1;
  }
  if constexpr (K == 0) s.ref_residual = v8 - s.mean;
  // refine_ too: under the neural predictor lms_mean is that predictor's
  // refiner's (NeuralPredictor::State shares these fields).
  if (refine_ && s.lms_mean >= 0) refiner_.Update(K, v8 - s.lms_mean, s.lms_in);
}

}  // namespace nlic
