// The above inputs (AboveBlockScalar, neural_features.h) in SSE2, for the
// AVX2 kernel set: CPUs without AVX-512 computed them one Feature() at a
// time, about 200 instructions a sample, as much as the network itself.
// Here a column's thirteen differences go into four 4-lane vectors, are
// shifted in every lane at once, and are clamped and narrowed by
// saturating packs into one 16-byte store (the column's whole stride).
// Exact for the reason LeftFeaturesSse2() is (neural_features.h): the same
// shift per lane, and clamping after the 16-bit saturation equals clamping
// the 32-bit value. The stride's bytes past kAboveInputs[set] are written
// 0, which is what they hold for the reference (it never writes them, and
// the buffers start zeroed). The start-up self-check and
// tests/neural_test.cc compare the AVX2 set, this included, with the
// scalar reference.
#include "predictor/neural_features.h"

#if defined(__SSE2__)
#include <emmintrin.h>

namespace nlic {
namespace neural {

namespace {

template <int kSet, bool kInterior>
void Column(const FeatureRows& f, uint32_t x, uint32_t w, int8_t* k, int8_t* out) {
  const ClassicalPredictor::PlaneView& p = f.p;
  const int shift = NormShift(p, x);
  *k = int8_t(shift);
  const int32_t N = p.up[x + 1];
  auto col = [&](int d) { return kInterior ? x + 1 + d : Col(x, d, w); };
  auto up = [&](int d) { return 8 * (p.up[col(d)] - N); };
  auto up2 = [&](int d) { return 8 * (p.up2[col(d)] - N); };
  const __m128i d0 = _mm_setr_epi32(up(-1), up(1), up2(0), up2(-1));
  const __m128i d1 = _mm_setr_epi32(up2(1), up(-2), up(2), f.res_up[x]);
  __m128i d2, d3 = _mm_setzero_si128();
  if constexpr (kSet == 0) {
    d2 = _mm_setr_epi32(f.res_up[x + 1], f.res_up[x + 2], f.res1_up ? f.res1_up[x + 1] : 0,
                        f.res2_up ? f.res2_up[x + 1] : 0);
  } else {
    const ClassicalPredictor::PlaneView& r = *f.r;
    const int32_t rN = r.up[x + 1];
    d2 = _mm_setr_epi32(f.res_up[x + 1], f.res_up[x + 2], 8 * (r.up[col(-1)] - rN), 8 * (r.up[col(1)] - rN));
    d3 = _mm_cvtsi32_si128(8 * (r.up2[x + 1] - rN));
  }
  const __m128i count = _mm_cvtsi32_si128(shift);
  auto features = [&](__m128i d) { return _mm_sra_epi32(_mm_slli_epi32(d, 5), count); };
  const __m128i lo = _mm_set1_epi16(-127), hi = _mm_set1_epi16(127);
  const __m128i a = _mm_min_epi16(_mm_max_epi16(_mm_packs_epi32(features(d0), features(d1)), lo), hi);
  const __m128i b = _mm_min_epi16(_mm_max_epi16(_mm_packs_epi32(features(d2), features(d3)), lo), hi);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_packs_epi16(a, b));
}

template <int kSet>
void Block(const FeatureRows& f, uint32_t x0, uint32_t count, uint32_t w, int8_t* k, int8_t* feats) {
  for (uint32_t j = 0; j < count; ++j) {
    const uint32_t x = x0 + j;
    int8_t* out = feats + size_t(j) * kAboveStride;
    if (x >= 2 && x + 2 < w) Column<kSet, true>(f, x, w, k + j, out);
    else Column<kSet, false>(f, x, w, k + j, out);
  }
}

}  // namespace

static_assert(kAboveStride == 16, "one 16-byte store per column");

void AboveBlockSse2(const FeatureRows& f, int set, uint32_t x0, uint32_t count, uint32_t w, int8_t* k, int8_t* feats) {
  switch (set) {
    case 0: return Block<0>(f, x0, count, w, k, feats);
    case 1: return Block<1>(f, x0, count, w, k, feats);
    default: return Block<2>(f, x0, count, w, k, feats);
  }
}

}  // namespace neural
}  // namespace nlic

#endif
