// AVX-512 VNNI versions of the network kernels (neural_net.h; the above
// inputs they pair with are in neural_features_avx512.cc). vpdpbusd
// adds four u8 x s8 products to each 32-bit lane in one instruction, which
// replaces the AVX2 kernels' widening to 16 bits and their separate adds.
// Same integers as the scalar reference: the activations are u7 and go in
// as they are; the s8 inputs go in as x + 128, and 128 * (the row's weight
// sum) is taken back off (NetSet::b1_offset, left_offset). No sum can
// overflow (|w| <= 63, at most 22 inputs), and the requantisation is the
// AVX2 kernels' exact 32-bit one (clamp to NetSet::sat first). Used only
// when the CPU has AVX-512 F/BW/VL/CD/VNNI/VBMI and the start-up self-check
// (neural_kernels.cc) finds them equal to the reference.
#include "predictor/neural_net.h"

#if defined(__x86_64__)
#include "predictor/avx512_intrinsics.h"

namespace nlic {
namespace neural {

// neural_features_avx512.cc
void AboveBlockAvx512(const FeatureRows& f, int set, uint32_t x0, uint32_t count, uint32_t w, int8_t* k, int8_t* feats);

namespace {

#define NLIC_VNNI __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni,avx512vbmi")))

NLIC_VNNI inline __m512i Load16(const int32_t* p) { return _mm512_loadu_si512(p); }

// The first `kCount` s8 inputs at p as u8 (x + 128); a masked load, so
// nothing past them is read. Lanes past kCount hold 128 but meet weight 0.
template <int kCount>
[[gnu::always_inline]] NLIC_VNNI inline __m512i BiasedInputs(const int8_t* p) {
  static_assert(kCount <= 16);
  const __m128i v = _mm_maskz_loadu_epi8(__mmask16((1u << kCount) - 1), p);
  return _mm512_zextsi128_si512(_mm_xor_si128(v, _mm_set1_epi8(char(0x80))));
}

// 32-bit lane q of x in every lane: input quad q for vpdpbusd.
[[gnu::always_inline]] NLIC_VNNI inline __m512i Quad(int q, __m512i x) {
  return _mm512_permutexvar_epi32(_mm512_set1_epi32(q), x);
}

// acc[0..32) += w * x over the first kQuads quads of inputs (32 rows).
template <int kQuads, int kRows, int kCols>
[[gnu::always_inline]] NLIC_VNNI inline void MatVec32(const QuadWeights<kRows, kCols>& w, __m512i x, __m512i& a0,
                                                      __m512i& a1) {
#pragma GCC unroll 8
  for (int q = 0; q < kQuads; ++q) {
    const __m512i xq = Quad(q, x);
    a0 = _mm512_dpbusd_epi32(a0, xq, _mm512_load_si512(w.w[q]));
    a1 = _mm512_dpbusd_epi32(a1, xq, _mm512_load_si512(w.w[q] + 64));
  }
}

// clamp((acc * mul + 2^15) >> 16, 0, 127) for 16 lanes, exact in 32 bits
// after clamping acc to [0, sat] (see neural_net_avx2.cc, Activation8).
[[gnu::always_inline]] NLIC_VNNI inline __m512i Activation16(__m512i acc, const int32_t* mul, const int32_t* sat) {
  acc = _mm512_min_epi32(_mm512_max_epi32(acc, _mm512_setzero_si512()), Load16(sat));
  const __m512i p = _mm512_srli_epi32(_mm512_add_epi32(_mm512_mullo_epi32(acc, Load16(mul)), _mm512_set1_epi32(1 << 15)), 16);
  return _mm512_min_epi32(p, _mm512_set1_epi32(kActMax));
}

template <int kSet>
NLIC_VNNI void RowLayer1Of(const NetSet& n, const int8_t* feats, uint32_t count, int32_t* acc) {
  constexpr int in = kAboveInputs[kSet];
  const __m512i b0 = Load16(n.b1_offset), b1 = Load16(n.b1_offset + 16);
  for (uint32_t x = 0; x < count; ++x) {
    const __m512i f = BiasedInputs<in>(feats + size_t(x) * kAboveStride);
    __m512i a0 = b0, a1 = b1;
    MatVec32<(in + 3) / 4>(n.w1_above_quad, f, a0, a1);
    _mm512_storeu_si512(acc + size_t(x) * kHidden1, a0);
    _mm512_storeu_si512(acc + size_t(x) * kHidden1 + 16, a1);
  }
}

template <int kSet>
NLIC_VNNI void HeadOf(const NetSet& n, const int32_t* acc1, const int8_t* left, int32_t out[kOutputs]) {
  constexpr int in = kLeftInputs[kSet];
  // This runs once per sample on the decoder's serial path (its inputs
  // depend on the sample just decoded), so it is written for latency: sums
  // split across independent accumulators, and vpermb picking each layer's
  // input bytes straight out of the activations' 32-bit lanes.
  constexpr int kLeftQuads = (in + 3) / 4;
  __m512i a0[kLeftQuads], a1[kLeftQuads];
  a0[0] = _mm512_sub_epi32(Load16(acc1), Load16(n.left_offset));
  a1[0] = _mm512_sub_epi32(Load16(acc1 + 16), Load16(n.left_offset + 16));
  // The left inputs were just stored a 32-bit word at a time (neural_features.h,
  // StoreQuad): broadcasting each word straight from memory lets the loads
  // forward from those stores.
#pragma GCC unroll 4
  for (int q = 0; q < kLeftQuads; ++q) {
    int32_t word;
    __builtin_memcpy(&word, left + 4 * q, 4);
    const __m512i xq = _mm512_xor_si512(_mm512_set1_epi32(word), _mm512_set1_epi32(int32_t(0x80808080u)));
    if (q) a0[q] = a1[q] = _mm512_setzero_si512();
    a0[q] = _mm512_dpbusd_epi32(a0[q], xq, _mm512_load_si512(n.w1_left_quad.w[q]));
    a1[q] = _mm512_dpbusd_epi32(a1[q], xq, _mm512_load_si512(n.w1_left_quad.w[q] + 64));
  }
#pragma GCC unroll 4
  for (int q = 1; q < kLeftQuads; ++q) a0[0] = _mm512_add_epi32(a0[0], a0[q]), a1[0] = _mm512_add_epi32(a1[0], a1[q]);
  // Hidden units 0..15 and 16..31, one per 32-bit lane, in [0, 127].
  const __m512i h[2] = {Activation16(a0[0], n.m1, n.sat1), Activation16(a1[0], n.m1 + 16, n.sat1 + 16)};
  // Layer 2 on four accumulators. Quad q of the hidden units is the low
  // bytes of lanes 4q..4q+3 (q mod 4, in half q / 4), in every lane.
  __m512i b[4];
#pragma GCC unroll 8
  for (int q = 0; q < kHidden1 / 4; ++q) {
    const int l = 16 * (q % 4);
    const __m512i pick = _mm512_set1_epi32(l | (l + 4) << 8 | (l + 8) << 16 | (l + 12) << 24);
    const __m512i x = _mm512_permutexvar_epi8(pick, h[q / 4]);
    const __m512i w = _mm512_load_si512(n.w2_quad.w[q]);
    b[q % 4] = _mm512_dpbusd_epi32(q == 0 ? Load16(n.b2) : q < 4 ? _mm512_setzero_si512() : b[q % 4], x, w);
  }
  const __m512i h2 = Activation16(_mm512_add_epi32(_mm512_add_epi32(b[0], b[1]), _mm512_add_epi32(b[2], b[3])), n.m2, n.sat2);
  // Layer 3: the 16 units' low bytes in each 128-bit lane; output 0 sums
  // the low lane, output 1 the next, each across its four 32-bit lanes.
  const __m512i pick16 = _mm512_set_epi8(60, 56, 52, 48, 44, 40, 36, 32, 28, 24, 20, 16, 12, 8, 4, 0,  //
                                         60, 56, 52, 48, 44, 40, 36, 32, 28, 24, 20, 16, 12, 8, 4, 0,  //
                                         60, 56, 52, 48, 44, 40, 36, 32, 28, 24, 20, 16, 12, 8, 4, 0,  //
                                         60, 56, 52, 48, 44, 40, 36, 32, 28, 24, 20, 16, 12, 8, 4, 0);
  __m256i s = _mm256_dpbusd_epi32(_mm256_setzero_si256(), _mm512_castsi512_si256(_mm512_permutexvar_epi8(pick16, h2)),
                                  _mm256_load_si256(reinterpret_cast<const __m256i*>(n.w3_bytes)));
  s = _mm256_add_epi32(s, _mm256_shuffle_epi32(s, 0x4E));
  s = _mm256_add_epi32(s, _mm256_shuffle_epi32(s, 0xB1));
  out[0] = Requant(int64_t(n.b3[0]) + _mm256_extract_epi32(s, 0), n.m3[0]);
  out[1] = Requant(int64_t(n.b3[1]) + _mm256_extract_epi32(s, 4), n.m3[1]);
}
static_assert(kOutputs == 2 && kHidden1 == 32 && kHidden2 == 16, "the VNNI kernels assume these widths");

NLIC_VNNI void RowLayer1Vnni(const NetSet& n, int set, const int8_t* feats, uint32_t count, int32_t* acc) {
  switch (set) {
    case 0: return RowLayer1Of<0>(n, feats, count, acc);
    case 1: return RowLayer1Of<1>(n, feats, count, acc);
    default: return RowLayer1Of<2>(n, feats, count, acc);
  }
}

NLIC_VNNI void HeadVnni(const NetSet& n, int set, const int32_t* acc1, const int8_t* left, int32_t out[kOutputs]) {
  switch (set) {
    case 0: return HeadOf<0>(n, acc1, left, out);
    case 1: return HeadOf<1>(n, acc1, left, out);
    default: return HeadOf<2>(n, acc1, left, out);
  }
}

}  // namespace

const Kernels* VnniKernels(bool* cpu_supports) {
  static const Kernels k{"avx512vnni", RowLayer1Vnni, HeadVnni, AboveBlockAvx512};
  *cpu_supports = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                  __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni") &&
                  __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512vbmi");
  return &k;
}

}  // namespace neural
}  // namespace nlic

#else

namespace nlic {
namespace neural {
const Kernels* VnniKernels(bool* cpu_supports) {
  *cpu_supports = false;
  return nullptr;
}
}  // namespace neural
}  // namespace nlic

#endif
