// AVX-512 version of AboveBlockScalar (neural_features.h): the shifts and
// above inputs of 16 interior columns at a time, one vector lane per
// column, then transposed into the per-column layout the row layer reads.
// The same integers as the scalar code: (d << 8) >> k with a per-lane
// arithmetic shift is Feature()'s (d * 8 * 32) >> k, and vplzcntd gives
// NormShift's bit length. Columns near the edges (clamped neighbours) and
// a block's tail go through the scalar AboveColumn. Used only as part of
// the VNNI kernels (neural_net_vnni.cc), after the start-up self-check.
#include "predictor/neural_features.h"

#if defined(__x86_64__)
#include "predictor/avx512_intrinsics.h"

namespace nlic {
namespace neural {
namespace {

#define NLIC_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512cd")))

NLIC_AVX512 inline __m512i Load(const int32_t* p) { return _mm512_loadu_si512(p); }
NLIC_AVX512 inline __m512i Load(const uint32_t* p) { return _mm512_loadu_si512(p); }

// Feature() of 16 differences given in whole samples (d8 = 8 * d): clamp((d << 8) >> k, -127, 127).
[[gnu::always_inline]] NLIC_AVX512 inline __m128i Clamp8(__m512i v, __m512i k) {
  v = _mm512_srav_epi32(v, k);
  v = _mm512_max_epi32(v, _mm512_set1_epi32(-127));
  return _mm512_cvtsepi32_epi8(v);  // saturates at 127
}
[[gnu::always_inline]] NLIC_AVX512 inline __m128i SampleDiff(__m512i a, __m512i n, __m512i k) {
  return Clamp8(_mm512_slli_epi32(_mm512_sub_epi32(a, n), 8), k);
}
[[gnu::always_inline]] NLIC_AVX512 inline __m128i Residual(const int32_t* p, __m512i k) {
  return Clamp8(_mm512_slli_epi32(Load(p), 5), k);
}

// Row i of r (input i of 16 columns) to column c's 16 bytes at out + 16 c.
[[gnu::always_inline]] NLIC_AVX512 inline void Transpose16(const __m128i r[16], int8_t* out) {
  __m128i t[16], u[16], v[16];
  for (int i = 0; i < 8; ++i) {  // t[8h + i]: rows 2i, 2i+1 of columns 8h..8h+7
    t[i] = _mm_unpacklo_epi8(r[2 * i], r[2 * i + 1]);
    t[8 + i] = _mm_unpackhi_epi8(r[2 * i], r[2 * i + 1]);
  }
  for (int h = 0; h < 2; ++h)
    for (int m = 0; m < 4; ++m) {  // u[4g + m]: rows 4m..4m+3 of columns 4g..4g+3
      u[8 * h + m] = _mm_unpacklo_epi16(t[8 * h + 2 * m], t[8 * h + 2 * m + 1]);
      u[8 * h + 4 + m] = _mm_unpackhi_epi16(t[8 * h + 2 * m], t[8 * h + 2 * m + 1]);
    }
  for (int g = 0; g < 4; ++g)
    for (int s = 0; s < 2; ++s) {  // v[4g + 2s + c]: rows 8s..8s+7 of columns 4g+2c, 4g+2c+1
      v[4 * g + 2 * s] = _mm_unpacklo_epi32(u[4 * g + 2 * s], u[4 * g + 2 * s + 1]);
      v[4 * g + 2 * s + 1] = _mm_unpackhi_epi32(u[4 * g + 2 * s], u[4 * g + 2 * s + 1]);
    }
  for (int g = 0; g < 4; ++g)
    for (int c = 0; c < 2; ++c) {
      const int col = 4 * g + 2 * c;
      _mm_store_si128(reinterpret_cast<__m128i*>(out + 16 * col), _mm_unpacklo_epi64(v[4 * g + c], v[4 * g + 2 + c]));
      _mm_store_si128(reinterpret_cast<__m128i*>(out + 16 * (col + 1)), _mm_unpackhi_epi64(v[4 * g + c], v[4 * g + 2 + c]));
    }
}

// Columns x .. x + 15, all at least 2 from either edge.
template <int kSet>
NLIC_AVX512 void Above16(const FeatureRows& f, uint32_t x, int8_t* k_out, int8_t* out) {
  const ClassicalPredictor::PlaneView& p = f.p;
  const __m512i N = Load(p.up + x + 1), NW = Load(p.up + x), NE = Load(p.up + x + 2);
  // NormShift.
  const uint32_t* e = p.err_up + x;
  __m512i act = _mm512_srli_epi32(_mm512_add_epi32(_mm512_add_epi32(Load(e), Load(e + 2)), _mm512_slli_epi32(Load(e + 1), 1)), 2);
  const __m512i grad = _mm512_add_epi32(_mm512_abs_epi32(_mm512_sub_epi32(N, NW)), _mm512_abs_epi32(_mm512_sub_epi32(NE, N)));
  act = _mm512_add_epi32(_mm512_add_epi32(act, _mm512_slli_epi32(grad, 2)), _mm512_set1_epi32(8));
  const __m512i k = _mm512_sub_epi32(_mm512_set1_epi32(32), _mm512_lzcnt_epi32(act));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(k_out), _mm512_cvtepi32_epi8(k));
  __m128i r[16];
  r[0] = SampleDiff(NW, N, k);
  r[1] = SampleDiff(NE, N, k);
  r[2] = SampleDiff(Load(p.up2 + x + 1), N, k);
  r[3] = SampleDiff(Load(p.up2 + x), N, k);
  r[4] = SampleDiff(Load(p.up2 + x + 2), N, k);
  r[5] = SampleDiff(Load(p.up + x - 1), N, k);
  r[6] = SampleDiff(Load(p.up + x + 3), N, k);
  r[7] = Residual(f.res_up + x, k);
  r[8] = Residual(f.res_up + x + 1, k);
  r[9] = Residual(f.res_up + x + 2, k);
  if constexpr (kSet == 0) {
    r[10] = f.res1_up ? Residual(f.res1_up + x + 1, k) : _mm_setzero_si128();
    r[11] = f.res2_up ? Residual(f.res2_up + x + 1, k) : _mm_setzero_si128();
    r[12] = _mm_setzero_si128();
  } else {
    const ClassicalPredictor::PlaneView& q = *f.r;
    const __m512i rN = Load(q.up + x + 1);
    r[10] = SampleDiff(Load(q.up + x), rN, k);
    r[11] = SampleDiff(Load(q.up + x + 2), rN, k);
    r[12] = SampleDiff(Load(q.up2 + x + 1), rN, k);
  }
  r[13] = r[14] = r[15] = _mm_setzero_si128();
  Transpose16(r, out);
}

template <int kSet>
NLIC_AVX512 void AboveBlockOf(const FeatureRows& f, uint32_t x0, uint32_t count, uint32_t w, int8_t* k, int8_t* feats) {
  uint32_t j = 0;
  for (; j < count && x0 + j < 2; ++j) AboveColumn(f, kSet, x0 + j, w, k + j, feats + size_t(j) * kAboveStride);
  for (; j + 16 <= count && x0 + j + 17 < w; j += 16) Above16<kSet>(f, x0 + j, k + j, feats + size_t(j) * kAboveStride);
  for (; j < count; ++j) AboveColumn(f, kSet, x0 + j, w, k + j, feats + size_t(j) * kAboveStride);
}

}  // namespace

NLIC_AVX512 void AboveBlockAvx512(const FeatureRows& f, int set, uint32_t x0, uint32_t count, uint32_t w, int8_t* k,
                                  int8_t* feats) {
  switch (set) {
    case 0: return AboveBlockOf<0>(f, x0, count, w, k, feats);
    case 1: return AboveBlockOf<1>(f, x0, count, w, k, feats);
    default: return AboveBlockOf<2>(f, x0, count, w, k, feats);
  }
}

}  // namespace neural
}  // namespace nlic

#endif
