// Profile 1's model, shared by its encoder and decoder (templated on the
// coder, like stripe_codec.h): a blend of four neighbour predictors weighted
// by their recent errors, a colour transform that predicts R and B as G plus
// a prediction of R-G and B-G, residuals wrapped to the bit depth, and one
// context per sample: the coding position and a log bucket of the residual
// magnitudes around it. Everything is a few integer operations per sample so
// that decoding runs at PNG-like speed; see spec/format.md section 9.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <vector>

#include "codec/zeroed_array.h"

#include "codec/header.h"
#include "predictor/channel_order.h"

namespace nlic {
namespace fast_internal {

inline constexpr int kActivityBuckets = 24;
inline constexpr int kSub = 4;

inline int ContextCount(int channels) { return channels * kActivityBuckets; }

// Half-octave log bucket of an activity sum a: two buckets per octave of
// a + 2 (0 for a = 0, 1 for 1, 2 for 2..3, 3 for 4..5, 4 for 6..9, ...).
// Offset by 2 so that no branch is needed for small sums.
inline uint32_t ActivityBucket(uint32_t a) {
  const uint32_t t = a + 2;
  const uint32_t len = uint32_t(32 - __builtin_clz(t));
  const uint32_t b = 2 * len - 4 + ((t >> (len - 2)) & 1);
  return b < kActivityBuckets - 1 ? b : kActivityBuckets - 1;
}

// floor(2^24 / q) for q < 512: the blend divides by its weight sum through
// this table (the sum's top nine bits) instead of a 64-bit division, which
// was a fifth of the decoding time.
struct Reciprocals {
  uint32_t r[512];
  constexpr Reciprocals() : r() {
    for (uint32_t q = 1; q < 512; ++q) r[q] = (uint32_t(1) << 24) / q;
  }
};
inline constexpr Reciprocals kRecip;

// Blend weight of an error sum e (in units of 2^(bit_depth - 8) for deeper
// images): floor(2^24 / (e + 1)^2), one lookup instead of a log-scale
// bucket. Sums past the table get its last weight: there every
// sub-predictor is poor and equal weights lose nothing.
inline constexpr int kWeightTableSize = 2048;
struct WeightTable {
  uint32_t w[kWeightTableSize];
  constexpr WeightTable() : w() {
    for (uint32_t e = 0; e < kWeightTableSize; ++e) w[e] = (uint32_t(1) << 24) / ((e + 1) * (e + 1)) + 1;
  }
};
inline constexpr WeightTable kWeight;

// What a sample leaves for its neighbours: its plane value (the sample, or
// its difference to G), the four sub-predictors' absolute errors and the
// absolute residual. The row being coded holds these per sample; the row
// above holds, instead of errors, the sums its neighbours need (NW + 2N + NE
// of each error, N + (NW + NE) / 2 of the residuals), folded once per row
// by StartRow(). All positions of a pixel share a column of cells, so the
// coding loop needs two pointers, not six per position.
struct Cell {
  int32_t val;
  uint32_t err[kSub];
  uint32_t mag;
  uint32_t pad[2];
};

struct Depth {
  int32_t mask, half;
  int err_shift;
};

class FastModel {
 public:
  FastModel(uint32_t width, int channels, int bit_depth)
      : width_(width), channels_(channels),
        depth_{(int32_t(1) << bit_depth) - 1, int32_t(1) << (bit_depth - 1), bit_depth > 8 ? bit_depth - 8 : 0},
        cur_(size_t(width + 2) * channels), up_(size_t(width + 2) * channels) {}

  // Folds the row just coded into the row above and pads it: NW of the
  // first pixel and NE of the last are N, and so is W of the first. The
  // padding cells' errors and residuals stay 0.
  // Not called for a stripe's first row: everything is still zero then, and
  // folding zeros would only touch the whole width.
  void StartRow() {
    const size_t C = size_t(channels_), w = width_;
    for (size_t i = C; i < (w + 1) * C; ++i) {
      const Cell &l = cur_[i - C], &c = cur_[i], &r = cur_[i + C];
      Cell& u = up_[i];
      u.val = c.val;
      for (int j = 0; j < kSub; ++j) u.err[j] = 2 * c.err[j] + l.err[j] + r.err[j];
      u.mag = c.mag + ((l.mag + r.mag) >> 1);
    }
    for (size_t k = 0; k < C; ++k) {
      up_[k].val = up_[C + k].val;
      up_[(w + 1) * C + k].val = up_[w * C + k].val;
      cur_[k].val = up_[C + k].val;
    }
  }

  // Cells of column 0 (column -1 is padding).
  Cell* cur() { return cur_.data() + channels_; }
  const Cell* up() const { return up_.data() + channels_; }
  const Depth& depth() const { return depth_; }

 private:
  uint32_t width_;
  int channels_;
  Depth depth_;
  // Zeroed lazily (codec/zeroed_array.h): a forged 2^24-pixel-wide stripe
  // costs memory only as far as its payload really decodes.
  ZeroedArray<Cell> cur_, up_;
};

// `cur` and `up` point at the pixel's cells (C per column).
// kDeep: bit depth above 8, where error sums are scaled down to the table.
template <int C, int K, bool kTop, bool kDeep, class Coder>
[[gnu::always_inline]] inline void CodeFastSample(Coder& coder, Cell* cur, const Cell* up, const Depth& d,
                                                  uint16_t* px, bool first, int32_t& g, uint32_t& gmag) {
  constexpr ChannelOrder kOrder = OrderForCount(C);
  constexpr bool kRef = kOrder.reference[K] >= 0;
  const Cell& cw = cur[K - C];
  const Cell& cn = up[K];
  int32_t W, N, NW, NE;
  if constexpr (kTop) {
    W = first ? (kRef ? 0 : d.half) : cw.val;
    N = NW = NE = W;
  } else {
    W = cw.val;
    N = cn.val;
    NW = up[K - C].val;
    NE = up[K + C].val;
  }
  const int32_t sub[kSub] = {N + W - NW, N, W, W + NE - N};
  // The blend as a correction to N (sub-predictor 1), so that the
  // approximate division errs on a small number.
  int64_t num = 0;
  uint64_t den = 0;
  for (int j = 0; j < kSub; ++j) {
    uint32_t e = cn.err[j] + 2 * cw.err[j];
    if constexpr (kDeep) e >>= d.err_shift;
    e = e < kWeightTableSize - 1 ? e : kWeightTableSize - 1;
    const int64_t w = kWeight.w[e];
    num += w * (sub[j] - N);
    den += uint64_t(w);
  }
  const int sh = den < 512 ? 0 : 55 - __builtin_clzll(den);  // den >> sh in [256, 512)
  const int32_t pred = N + int32_t(((num >> sh) * kRecip.r[den >> sh] + (1 << 23)) >> 24);
  int32_t full = kRef ? pred + g : pred;
  full = full < 0 ? 0 : full > d.mask ? d.mask : full;

  uint32_t activity = cw.mag + cn.mag;
  if constexpr (kRef) activity += gmag;
  const uint32_t ctx = uint32_t(K * kActivityBuckets) + ActivityBucket(activity);

  // The residual modulo 2^bit_depth, centred, then folded to a code u >= 0.
  constexpr int c = kOrder.channel[K];
  const int32_t r_in = ((int32_t(px[c]) - full + d.half) & d.mask) - d.half;
  const uint32_t u_in = (uint32_t(r_in) << 1) ^ uint32_t(r_in >> 31);
  const uint32_t u = coder.Code(ctx, u_in);
  const int32_t r = int32_t((u >> 1) ^ (0u - (u & 1)));
  const int32_t v = (full + r) & d.mask;
  if constexpr (Coder::kDecoding) px[c] = uint16_t(v);

  Cell& out = cur[K];
  const int32_t p = kRef ? v - g : v;
  out.val = p;
  for (int j = 0; j < kSub; ++j) {
    const int32_t dj = p - sub[j], neg = dj >> 31;
    out.err[j] = uint32_t((dj ^ neg) - neg);
  }
  const uint32_t m = (u + 1) >> 1;  // |r|
  out.mag = m;
  if constexpr (K == 0) {
    g = v;
    gmag = m;
  }
}

// Not inlined: one call per row costs nothing, and inlined into the stripe
// loop it trips GCC 12's -Wfree-nonheap-object on the model's vectors.
// Returns false when the decoder has run past its payload, checked every
// kFastOverrunCheckPixels so that a forged, very wide row stops early.
inline constexpr uint32_t kFastOverrunCheckPixels = 4096;

template <int C, bool kTop, bool kDeep, class Coder>
[[gnu::noinline]] bool CodeFastRow(Coder& coder_state, FastModel& model, uint16_t* row, uint32_t width) {
  Coder coder = coder_state;
  const Depth d = model.depth();
  Cell* cur = model.cur();
  const Cell* up = model.up();
  for (uint32_t x = 0; x < width; ++x, cur += C, up += C) {
    if constexpr (Coder::kDecoding) {
      if (x % kFastOverrunCheckPixels == 0 && coder.overrun() > 8) {
        coder_state = coder;
        return false;
      }
    }
    uint16_t* px = row + size_t(x) * C;
    int32_t g = 0;
    uint32_t gmag = 0;
    CodeFastSample<C, 0, kTop, kDeep>(coder, cur, up, d, px, x == 0, g, gmag);
    if constexpr (C > 1) CodeFastSample<C, 1, kTop, kDeep>(coder, cur, up, d, px, x == 0, g, gmag);
    if constexpr (C > 2) CodeFastSample<C, 2, kTop, kDeep>(coder, cur, up, d, px, x == 0, g, gmag);
    if constexpr (C > 3) CodeFastSample<C, 3, kTop, kDeep>(coder, cur, up, d, px, x == 0, g, gmag);
  }
  coder_state = coder;
  return true;
}

// Returns false when the decoder ran past its payload.
template <int C, class Coder>
bool CodeFastStripeOf(Coder& coder, const Header& h, uint16_t* rows, uint32_t row_count) {
  const size_t stride = size_t(h.width) * C;
  FastModel model(h.width, C, h.bit_depth);
  for (uint32_t y = 0; y < row_count; ++y) {
    if constexpr (Coder::kDecoding) {
      if (coder.overrun() > 8) return false;
    }
    if (y > 0) model.StartRow();
    uint16_t* row = rows + y * stride;
    // Only the rows after the first are worth a copy per depth class.
    bool ok;
    if (y == 0) ok = CodeFastRow<C, true, true>(coder, model, row, h.width);
    else if (h.bit_depth > 8) ok = CodeFastRow<C, false, true>(coder, model, row, h.width);
    else ok = CodeFastRow<C, false, false>(coder, model, row, h.width);
    if (!ok) return false;
  }
  return true;
}

}  // namespace fast_internal

template <class Coder>
bool CodeFastStripe(Coder& coder, const Header& h, uint16_t* rows, uint32_t row_count) {
  switch (h.channels()) {
    case 1: return fast_internal::CodeFastStripeOf<1>(coder, h, rows, row_count);
    case 2: return fast_internal::CodeFastStripeOf<2>(coder, h, rows, row_count);
    case 3: return fast_internal::CodeFastStripeOf<3>(coder, h, rows, row_count);
    default: return fast_internal::CodeFastStripeOf<4>(coder, h, rows, row_count);
  }
}

}  // namespace nlic
