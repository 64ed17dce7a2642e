// The neural predictor's inputs, defined once for the codec and the trainer.
//
// Every input is a difference in 1/8 sample units, normalised by a power of
// two 2^k taken from the rows above (so that a whole row's above-inputs can
// be computed before the row is coded), then clamped to s8:
// f(d) = clamp((d * 32) >> k, -127, 127). One unit of the network's float
// domain is therefore 2^k eighths of a sample, whatever the bit depth or the
// local activity, which is what lets one small network serve flat and busy
// areas, 8-bit and 16-bit images alike.
//
// Residuals fed back as inputs are the classical predictor's (value minus
// its bias-corrected mean), not the network's own: that keeps the inputs
// independent of the network, so the trainer can compute them once.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "predictor/classical.h"
#include "predictor/neural_model.h"

namespace nlic {
namespace neural {

// |d8| < 2^20 (differences of 16-bit samples, in eighths), so d8 * 32 fits
// 32 bits.
inline int8_t Feature(int32_t d8, int k) { return int8_t(std::clamp((d8 * 32) >> k, -127, 127)); }

// Normalising shift at column x: the bit length of the activity above (in
// eighths), at least 4, so that in flat areas a one-step difference is
// still an input of 16.
inline int NormShift(const ClassicalPredictor::PlaneView& p, uint32_t x) {
  const int32_t N = p.up[x + 1], NW = p.up[x], NE = p.up[x + 2];
  const uint32_t* e = p.err_up + x;  // NW, N, NE
  const uint32_t act = ((e[0] + 2 * e[1] + e[2]) >> 2) + 4 * uint32_t(std::abs(N - NW) + std::abs(NE - N)) + 8;
  return 32 - __builtin_clz(act);
}

// Column x + d clamped into the row [0, w), as an index of a padded row
// (w < 2^24, so the int arithmetic cannot overflow).
inline uint32_t Col(uint32_t x, int d, uint32_t w) { return uint32_t(std::clamp(int(x) + d, 0, int(w) - 1)) + 1; }

// What the inputs of one coding position are computed from. Residual rows
// are the classical residuals (value*8 - mean), padded like the sample rows.
struct FeatureRows {
  ClassicalPredictor::PlaneView p;        // the position's own samples
  const ClassicalPredictor::PlaneView* r;  // its reference (green), or null
  const ClassicalPredictor::PlaneView* q;  // set 2: red, coded before blue; else null
  const int32_t *res_up, *res_cur;        // own residuals, row above and this row
  // Set 0 of an RGB(A) pixel: red's and blue's residuals (null otherwise).
  const int32_t *res1_up, *res1_cur, *res2_up, *res2_cur;
};

// Inputs from finished rows: kAboveInputs[set] of them. kInterior: x is at
// least 2 columns from either edge, so no column needs clamping (the same
// values, computed faster).
template <bool kInterior = false>
inline void AboveFeatures(const FeatureRows& f, int set, uint32_t x, uint32_t w, int k, int8_t* out) {
  const ClassicalPredictor::PlaneView& p = f.p;
  const int32_t N = p.up[x + 1];
  auto col = [&](int d) { return kInterior ? x + 1 + d : Col(x, d, w); };
  auto up = [&](int d) { return 8 * (p.up[col(d)] - N); };
  auto up2 = [&](int d) { return 8 * (p.up2[col(d)] - N); };
  out[0] = Feature(up(-1), k);
  out[1] = Feature(up(1), k);
  out[2] = Feature(up2(0), k);
  out[3] = Feature(up2(-1), k);
  out[4] = Feature(up2(1), k);
  out[5] = Feature(up(-2), k);
  out[6] = Feature(up(2), k);
  out[7] = Feature(f.res_up[x], k);
  out[8] = Feature(f.res_up[x + 1], k);
  out[9] = Feature(f.res_up[x + 2], k);
  if (set == 0) {
    out[10] = f.res1_up ? Feature(f.res1_up[x + 1], k) : 0;
    out[11] = f.res2_up ? Feature(f.res2_up[x + 1], k) : 0;
  } else {
    const ClassicalPredictor::PlaneView& r = *f.r;
    const int32_t rN = r.up[x + 1];
    out[10] = Feature(8 * (r.up[col(-1)] - rN), k);
    out[11] = Feature(8 * (r.up[col(1)] - rN), k);
    out[12] = Feature(8 * (r.up2[x + 1] - rN), k);
  }
}

// Column x's normalising shift into *k and its above inputs into out.
inline void AboveColumn(const FeatureRows& f, int set, uint32_t x, uint32_t w, int8_t* k, int8_t* out) {
  const int shift = NormShift(f.p, x);
  *k = int8_t(shift);
  if (x >= 2 && x + 2 < w) {
    switch (set) {
      case 0: return AboveFeatures<true>(f, 0, x, w, shift, out);
      case 1: return AboveFeatures<true>(f, 1, x, w, shift, out);
      default: return AboveFeatures<true>(f, 2, x, w, shift, out);
    }
  }
  AboveFeatures(f, set, x, w, shift, out);
}

// AboveColumn for columns x0 .. x0 + count - 1 (x0 + count <= w): shifts
// into k[j], inputs into feats[j * kAboveStride]. The reference; fast paths
// are in neural_net.h's Kernels.
void AboveBlockScalar(const FeatureRows& f, int set, uint32_t x0, uint32_t count, uint32_t w, int8_t* k, int8_t* feats);

// Left inputs are stored four to a 32-bit word (input 4q+e is byte e of
// word q; the last word zero-padded), each word in one store: a kernel that
// loads a whole word then finds it whole in the store buffer, where single
// byte stores would make it wait for them to retire. This many bytes:
inline constexpr int kLeftBytes = 12;

inline void StoreQuad(int8_t* out, int8_t a, int8_t b, int8_t c, int8_t d) {
  if constexpr (std::endian::native == std::endian::little) {
    const uint32_t w = uint32_t(uint8_t(a)) | uint32_t(uint8_t(b)) << 8 | uint32_t(uint8_t(c)) << 16 |
                       uint32_t(uint8_t(d)) << 24;
    std::memcpy(out, &w, 4);
  } else {
    out[0] = a, out[1] = b, out[2] = c, out[3] = d;
  }
}

// Inputs from the current row and pixel: kLeftInputs[set] of them, into
// out[0, kLeftBytes). The reference; LeftFeatures() below is what the codec
// calls. `mean8` is the classical mean (1/8 units),
// `ref_resid` green's classical residual at this pixel, `q_resid` red's
// (set 2).
inline void LeftFeaturesScalar(const FeatureRows& f, int set, uint32_t x, int32_t mean8, int32_t ref_resid,
                         int32_t q_resid, int k, int8_t* out) {
  const ClassicalPredictor::PlaneView& p = f.p;
  const int32_t N = p.up[x + 1];
  const int8_t w = Feature(8 * (p.cur[x] - N), k);                    // W (the padding at x = 0)
  const int8_t ww = Feature(8 * (p.cur[x == 0 ? 0 : x - 1] - N), k);  // WW
  StoreQuad(out, w, ww, Feature(mean8 - 8 * N, k), Feature(f.res_cur[x], k));
  if (set == 0) {
    StoreQuad(out + 4, f.res1_cur ? Feature(f.res1_cur[x], k) : 0, f.res2_cur ? Feature(f.res2_cur[x], k) : 0, 0, 0);
    StoreQuad(out + 8, 0, 0, 0, 0);
    return;
  }
  const ClassicalPredictor::PlaneView& r = *f.r;
  const int32_t rN = r.up[x + 1];
  const int8_t r0 = Feature(8 * (r.cur[x + 1] - rN), k), r1 = Feature(8 * (r.cur[x] - rN), k);
  const int8_t r2 = Feature(ref_resid, k);
  if (set == 1) {
    StoreQuad(out + 4, r0, r1, r2, 0);
    StoreQuad(out + 8, 0, 0, 0, 0);
    return;
  }
  const ClassicalPredictor::PlaneView& q = *f.q;
  StoreQuad(out + 4, r0, r1, r2, Feature(8 * (q.cur[x + 1] - q.up[x + 1]), k));
  StoreQuad(out + 8, Feature(q_resid, k), 0, 0, 0);
}


#if defined(__SSE2__)
// LeftFeaturesScalar() with the twelve Feature() calls and the byte packing
// in SSE2 (baseline on x86-64): per sample they cost about 90 scalar
// instructions, a tenth of the network's share. Exact: (d * 32) >> k is the
// same arithmetic shift in every lane (|d| < 2^20, so d * 32 fits), and
// clamping to [-127, 127] after the saturating pack to 16 bits gives the
// same result as clamping the 32-bit value, because saturation keeps the
// order and leaves [-127, 127] alone; the final pack to bytes then
// saturates nothing. Padding lanes are 0 and give 0. Stored a 32-bit word
// at a time, like StoreQuad. tests/neural_features_test.cc compares it
// with the reference.
inline void LeftFeaturesSse2(const FeatureRows& f, int set, uint32_t x, int32_t mean8, int32_t ref_resid,
                             int32_t q_resid, int k, int8_t* out) {
  // The lanes are built from registers, not stored and reloaded: four
  // scalar stores cannot forward to one vector load, and this sits on the
  // decoder's serial path just before the network.
  const ClassicalPredictor::PlaneView& p = f.p;
  const int32_t N = p.up[x + 1];
  const __m128i count = _mm_cvtsi32_si128(k);
  auto features = [&](__m128i d) { return _mm_sra_epi32(_mm_slli_epi32(d, 5), count); };
  const __m128i v0 = features(
      _mm_setr_epi32(8 * (p.cur[x] - N), 8 * (p.cur[x == 0 ? 0 : x - 1] - N), mean8 - 8 * N, f.res_cur[x]));
  __m128i v1, v2 = _mm_setzero_si128();
  if (set == 0) {
    v1 = features(_mm_setr_epi32(f.res1_cur ? f.res1_cur[x] : 0, f.res2_cur ? f.res2_cur[x] : 0, 0, 0));
  } else {
    const ClassicalPredictor::PlaneView& r = *f.r;
    const int32_t rN = r.up[x + 1];
    int32_t q = 0;
    if (set == 2) {
      q = 8 * (f.q->cur[x + 1] - f.q->up[x + 1]);
      v2 = features(_mm_cvtsi32_si128(q_resid));
    }
    v1 = features(_mm_setr_epi32(8 * (r.cur[x + 1] - rN), 8 * (r.cur[x] - rN), ref_resid, q));
  }
  const __m128i lo = _mm_set1_epi16(-127), hi = _mm_set1_epi16(127);
  const __m128i a = _mm_min_epi16(_mm_max_epi16(_mm_packs_epi32(v0, v1), lo), hi);
  const __m128i b = _mm_min_epi16(_mm_max_epi16(_mm_packs_epi32(v2, v2), lo), hi);
  const __m128i bytes = _mm_packs_epi16(a, b);
  const int32_t w0 = _mm_cvtsi128_si32(bytes), w1 = _mm_cvtsi128_si32(_mm_srli_si128(bytes, 4)),
                w2 = _mm_cvtsi128_si32(_mm_srli_si128(bytes, 8));
  std::memcpy(out, &w0, 4);
  std::memcpy(out + 4, &w1, 4);
  std::memcpy(out + 8, &w2, 4);
}
#endif

// The left inputs as the codec computes them: the SSE2 version where the
// target has SSE2 (equal to the reference, see above), else the reference.
inline void LeftFeatures(const FeatureRows& f, int set, uint32_t x, int32_t mean8, int32_t ref_resid,
                         int32_t q_resid, int k, int8_t* out) {
#if defined(__SSE2__)
  LeftFeaturesSse2(f, set, x, mean8, ref_resid, q_resid, k, out);
#else
  LeftFeaturesScalar(f, set, x, mean8, ref_resid, q_resid, k, out);
#endif
}

}  // namespace neural
}  // namespace nlic
