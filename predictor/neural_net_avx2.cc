// AVX2 versions of the network kernels (neural_net.h). Same integers as the
// scalar reference: 16-bit products summed in 32 bits (vpmaddwd) cannot
// overflow here (|w| <= 63, inputs <= 127, at most 32 terms), and the
// requantisation is exact in 32 bits after a saturation clamp (Activation8). Used only when the start-up
// self-check (neural_kernels.cc) finds them equal to the reference.
#include "predictor/neural_net.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

namespace nlic {
namespace neural {

#if defined(__SSE2__)
// neural_features_sse2.cc: the above inputs in SSE2 (AVX-512 CPUs take the
// VNNI set and its own).
void AboveBlockSse2(const FeatureRows& f, int set, uint32_t x0, uint32_t count, uint32_t w, int8_t* k, int8_t* feats);
#define NLIC_AVX2_ABOVE AboveBlockSse2
#else
#define NLIC_AVX2_ABOVE AboveBlockScalar
#endif

namespace {

#define NLIC_AVX2 __attribute__((target("avx2")))

// acc[0..kRows) += sum over input pairs of packed weights * (x[2p], x[2p+1]).
template <int kRows, int kCols>
[[gnu::always_inline]] NLIC_AVX2 inline void MatVec(const PairedWeights<kRows, kCols>& w, const int16_t* x, int pairs,
                                                    __m256i* acc) {
  for (int p = 0; p < pairs; ++p) {
    int32_t both;
    __builtin_memcpy(&both, x + 2 * p, 4);
    const __m256i xv = _mm256_set1_epi32(both);
    for (int r = 0; r < kRows / 8; ++r)
      acc[r] = _mm256_add_epi32(acc[r], _mm256_madd_epi16(_mm256_load_si256(reinterpret_cast<const __m256i*>(w.w[p]) + r), xv));
  }
}

// clamp((acc * mul + 2^15) >> 16, 0, 127) for 8 lanes. mul >= 0, so a
// negative accumulator gives a result <= 0, and from `sat` on the result is
// at least 127: clamping acc to [0, sat] first changes nothing and keeps the
// product below 2^31 (NetSet::sat1), so 32-bit multiplies are exact.
[[gnu::always_inline]] NLIC_AVX2 inline __m256i Activation8(__m256i acc, __m256i mul, __m256i sat) {
  acc = _mm256_min_epi32(_mm256_max_epi32(acc, _mm256_setzero_si256()), sat);
  const __m256i p = _mm256_srli_epi32(_mm256_add_epi32(_mm256_mullo_epi32(acc, mul), _mm256_set1_epi32(1 << 15)), 16);
  return _mm256_min_epi32(p, _mm256_set1_epi32(kActMax));
}

NLIC_AVX2 inline __m256i Load8(const int32_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }

// The input counts are template arguments so that every loop unrolls.
template <int kSet>
NLIC_AVX2 void RowLayer1Of(const NetSet& n, const int8_t* feats, uint32_t count, int32_t* acc) {
  constexpr int in = kAboveInputs[kSet], pairs = (in + 1) / 2;
  __m256i bias[kHidden1 / 8];
  for (int r = 0; r < kHidden1 / 8; ++r) bias[r] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(n.b1) + r);
  for (uint32_t x = 0; x < count; ++x) {
    int16_t f[kMaxInputs + 1] = {};
    for (int i = 0; i < in; ++i) f[i] = feats[size_t(x) * kAboveStride + i];
    __m256i a[kHidden1 / 8];
    for (int r = 0; r < kHidden1 / 8; ++r) a[r] = bias[r];
    MatVec(n.w1_above, f, pairs, a);
    for (int r = 0; r < kHidden1 / 8; ++r) _mm256_storeu_si256(reinterpret_cast<__m256i*>(acc + size_t(x) * kHidden1) + r, a[r]);
  }
}

template <int kSet>
NLIC_AVX2 void HeadOf(const NetSet& n, const int32_t* acc1, const int8_t* left, int32_t out[kOutputs]) {
  constexpr int in = kLeftInputs[kSet];
  int16_t f[kMaxInputs + 1] = {};
  for (int i = 0; i < in; ++i) f[i] = left[i];
  __m256i a[kHidden1 / 8];
  for (int r = 0; r < kHidden1 / 8; ++r) a[r] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(acc1) + r);
  MatVec(n.w1_left, f, (in + 1) / 2, a);
  // Activations are in [0, 127]: packing to 16 bits saturates nothing.
  // packs works within 128-bit lanes, so the pairs come out permuted; the
  // permute puts them back in order.
  alignas(32) int16_t h1s[kHidden1];
  for (int r = 0; r < kHidden1 / 16; ++r) {
    const __m256i lo = Activation8(a[2 * r], Load8(n.m1 + 16 * r), Load8(n.sat1 + 16 * r));
    const __m256i hi = Activation8(a[2 * r + 1], Load8(n.m1 + 16 * r + 8), Load8(n.sat1 + 16 * r + 8));
    _mm256_store_si256(reinterpret_cast<__m256i*>(h1s) + r,
                       _mm256_permute4x64_epi64(_mm256_packs_epi32(lo, hi), 0xD8));
  }
  __m256i b[kHidden2 / 8];
  for (int r = 0; r < kHidden2 / 8; ++r) b[r] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(n.b2) + r);
  MatVec(n.w2_paired, h1s, kHidden1 / 2, b);
  const __m256i h2lo = Activation8(b[0], Load8(n.m2), Load8(n.sat2));
  const __m256i h2hi = Activation8(b[1], Load8(n.m2 + 8), Load8(n.sat2 + 8));
  const __m256i h2 = _mm256_permute4x64_epi64(_mm256_packs_epi32(h2lo, h2hi), 0xD8);  // 16 x int16
  for (int j = 0; j < kOutputs; ++j) {
    // One multiply-add over the 16 units and a horizontal sum.
    const __m256i prod = _mm256_madd_epi16(h2, _mm256_load_si256(reinterpret_cast<const __m256i*>(n.w3_wide[j])));
    __m128i sum = _mm_add_epi32(_mm256_castsi256_si128(prod), _mm256_extracti128_si256(prod, 1));
    sum = _mm_add_epi32(sum, _mm_shuffle_epi32(sum, 0x4E));
    sum = _mm_add_epi32(sum, _mm_shuffle_epi32(sum, 0xB1));
    out[j] = Requant(int64_t(n.b3[j]) + _mm_cvtsi128_si32(sum), n.m3[j]);
  }
}

NLIC_AVX2 void RowLayer1Avx2(const NetSet& n, int set, const int8_t* feats, uint32_t count, int32_t* acc) {
  switch (set) {
    case 0: return RowLayer1Of<0>(n, feats, count, acc);
    case 1: return RowLayer1Of<1>(n, feats, count, acc);
    default: return RowLayer1Of<2>(n, feats, count, acc);
  }
}

NLIC_AVX2 void HeadAvx2(const NetSet& n, int set, const int32_t* acc1, const int8_t* left, int32_t out[kOutputs]) {
  switch (set) {
    case 0: return HeadOf<0>(n, acc1, left, out);
    case 1: return HeadOf<1>(n, acc1, left, out);
    default: return HeadOf<2>(n, acc1, left, out);
  }
}

}  // namespace

const Kernels* Avx2Kernels(bool* cpu_supports) {
  static const Kernels k{"avx2", RowLayer1Avx2, HeadAvx2, NLIC_AVX2_ABOVE};
  *cpu_supports = __builtin_cpu_supports("avx2");
  return &k;
}

}  // namespace neural
}  // namespace nlic

#else

namespace nlic {
namespace neural {
const Kernels* Avx2Kernels(bool* cpu_supports) {
  *cpu_supports = false;
  return nullptr;
}
}  // namespace neural
}  // namespace nlic

#endif
