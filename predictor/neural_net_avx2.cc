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
  alignas(32) int32_t h1[kHidden1];
  for (int r = 0; r < kHidden1 / 8; ++r)
    _mm256_store_si256(reinterpret_cast<__m256i*>(h1) + r,
                       Activation8(a[r], _mm256_loadu_si256(reinterpret_cast<const __m256i*>(n.m1) + r)));
  alignas(32) int16_t h1s[kHidden1];
  for (int i = 0; i < kHidden1; ++i) h1s[i] = int16_t(h1[i]);
  __m256i b[kHidden2 / 8];
  for (int r = 0; r < kHidden2 / 8; ++r) b[r] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(n.b2) + r);
  MatVec(n.w2_paired, h1s, kHidden1 / 2, b);
  alignas(32) int32_t h2[kHidden2];
  for (int r = 0; r < kHidden2 / 8; ++r)
    _mm256_store_si256(reinterpret_cast<__m256i*>(h2) + r,
                       Activation8(b[r], _mm256_loadu_si256(reinterpret_cast<const __m256i*>(n.m2) + r)));
  for (int j = 0; j < kOutputs; ++j) {
    int32_t s = n.b3[j];
    for (int i = 0; i < kHidden2; ++i) s += int32_t(n.w3[j][i]) * h2[i];
    out[j] = Requant(s, n.m3[j]);
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
