// AVX2 versions of the network kernels (neural_net.h). Same integers as the
// scalar reference: 16-bit products summed in 32 bits (vpmaddwd) cannot
// overflow here (|w| <= 63, inputs <= 127, at most 32 terms), and the
// requantisation is exact 64-bit arithmetic. Used only when the start-up
// self-check (neural_kernels.cc) finds them equal to the reference.
#include "predictor/neural_net.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

namespace nlic {
namespace neural {
namespace {

#define NLIC_AVX2 __attribute__((target("avx2")))

// acc[0..kRows) += sum over input pairs of packed weights * (x[2p], x[2p+1]).
template <int kRows, int kCols>
NLIC_AVX2 inline void MatVec(const PairedWeights<kRows, kCols>& w, const int16_t* x, int pairs, __m256i* acc) {
  for (int p = 0; p < pairs; ++p) {
    int32_t both;
    __builtin_memcpy(&both, x + 2 * p, 4);
    const __m256i xv = _mm256_set1_epi32(both);
    for (int r = 0; r < kRows / 8; ++r)
      acc[r] = _mm256_add_epi32(acc[r], _mm256_madd_epi16(_mm256_load_si256(reinterpret_cast<const __m256i*>(w.w[p]) + r), xv));
  }
}

// clamp((acc * mul + 2^15) >> 16, 0, 127) for 8 lanes. mul >= 0, so a
// negative accumulator gives a result <= 0: clamping it to 0 first keeps the
// 64-bit products unsigned.
NLIC_AVX2 inline __m256i Activation8(__m256i acc, __m256i mul) {
  acc = _mm256_max_epi32(acc, _mm256_setzero_si256());
  const __m256i round = _mm256_set1_epi64x(1 << 15);
  const __m256i even = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epu32(acc, mul), round), 16);
  const __m256i odd = _mm256_srli_epi64(
      _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(acc, 32), _mm256_srli_epi64(mul, 32)), round), 16);
  // Clamp in 64 bits before recombining: both halves then fit 32 bits.
  const __m256i cap = _mm256_set1_epi64x(kActMax);
  const __m256i e = _mm256_blendv_epi8(even, cap, _mm256_cmpgt_epi64(even, cap));
  const __m256i o = _mm256_blendv_epi8(odd, cap, _mm256_cmpgt_epi64(odd, cap));
  return _mm256_or_si256(e, _mm256_slli_epi64(o, 32));
}

NLIC_AVX2 void RowLayer1Avx2(const NetSet& n, int set, const int8_t* feats, uint32_t count, int32_t* acc) {
  const int in = kAboveInputs[set], pairs = (in + 1) / 2;
  __m256i bias[kHidden1 / 8];
  for (int r = 0; r < kHidden1 / 8; ++r) bias[r] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(n.b1) + r);
  for (uint32_t x = 0; x < count; ++x) {
    int16_t f[kMaxInputs + 1] = {};
    for (int i = 0; i < in; ++i) f[i] = feats[size_t(x) * in + i];
    __m256i a[kHidden1 / 8];
    for (int r = 0; r < kHidden1 / 8; ++r) a[r] = bias[r];
    MatVec(n.w1_above, f, pairs, a);
    for (int r = 0; r < kHidden1 / 8; ++r) _mm256_storeu_si256(reinterpret_cast<__m256i*>(acc + size_t(x) * kHidden1) + r, a[r]);
  }
}

NLIC_AVX2 void HeadAvx2(const NetSet& n, int set, const int32_t* acc1, const int8_t* left, int32_t out[kOutputs]) {
  const int in = kLeftInputs[set];
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
    const __m256i lo = Activation8(a[2 * r], _mm256_loadu_si256(reinterpret_cast<const __m256i*>(n.m1) + 2 * r));
    const __m256i hi = Activation8(a[2 * r + 1], _mm256_loadu_si256(reinterpret_cast<const __m256i*>(n.m1) + 2 * r + 1));
    _mm256_store_si256(reinterpret_cast<__m256i*>(h1s) + r,
                       _mm256_permute4x64_epi64(_mm256_packs_epi32(lo, hi), 0xD8));
  }
  __m256i b[kHidden2 / 8];
  for (int r = 0; r < kHidden2 / 8; ++r) b[r] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(n.b2) + r);
  MatVec(n.w2_paired, h1s, kHidden1 / 2, b);
  const __m256i h2lo = Activation8(b[0], _mm256_loadu_si256(reinterpret_cast<const __m256i*>(n.m2)));
  const __m256i h2hi = Activation8(b[1], _mm256_loadu_si256(reinterpret_cast<const __m256i*>(n.m2) + 1));
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

}  // namespace

const Kernels* Avx2Kernels(bool* cpu_supports) {
  static const Kernels k{"avx2", RowLayer1Avx2, HeadAvx2};
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
