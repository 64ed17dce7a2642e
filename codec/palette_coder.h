// Profile 0 coding of palette images (colour type 3): indices are labels,
// not brightnesses, so instead of predicting a value the coder guesses which
// neighbour the pixel repeats. Encoder and decoder run this one templated
// function, so they cannot disagree. spec/palette.md is the byte-exact text.
//
// Per index v, with neighbours W, N, NE, NW (edge rules in the spec):
//   1. candidates: W, N, NE, NW in that order, each only if it differs from
//      the ones before; for each a mixed decision "v == candidate?" until one
//      hits. A decision whose answer is forced (the candidate is the only
//      value left) is not coded.
//   2. escape (no candidate hit): the bits of v MSB first down a binary
//      tree; a bit is coded only when both halves still hold a possible
//      value (below the palette size and not a rejected candidate).
// Candidate decisions mix counters keyed by the neighbours' equality
// pattern, by which neighbour each of W, N and NE itself repeated, and by the
// candidate's index; tree bits mix counters keyed by the node alone, by W's
// index and by N's index. Every sample costs at most 4 + bit_depth decisions.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "codec/header.h"
#include "codec/zeroed_array.h"

#include "codec/apm.h"
#include "codec/arith_coder.h"
#include "codec/bit_counter.h"
#include "codec/logistic.h"
#include "codec/mixer.h"

namespace nlic {

// What the palette coder codes for a palette image or a colour-indexed one
// (codec/color_index.h): index bits (the escape tree's depth) and entries.
struct PaletteShape {
  int bits;
  uint32_t entries;
};
inline PaletteShape PaletteShapeOf(const Header& h) {
  if (h.color_type == ColorType::kPalette) return {h.bit_depth, uint32_t(h.palette.size() / 3)};
  const uint32_t entries = uint32_t(h.color_table.size() / size_t(h.channels()));
  int bits = 1;  // the fewest that number every entry
  while ((1u << bits) < entries) ++bits;
  return {bits, entries};
}

class PaletteCoder {
 public:
  // Hit kinds: which candidate the pixel repeated (0 W, 1 N, 2 NE, 3 NW) or
  // 4 for an escape.
  static constexpr int kKinds = 5;
  static constexpr int kMixerRate = 2, kApmRate = 7, kLimit = 255;

  PaletteCoder(uint32_t width, int bit_depth, uint32_t entries)
      : width_(width),
        bits_(bit_depth),
        values_(1u << bit_depth),
        entries_(entries < values_ ? entries : values_),
        eq_(4 * 64),
        hist_(4 * kKinds * kKinds * kKinds),
        cval_(4 * size_t(values_)),
        node0_(values_),
        nodew_(size_t(values_) * values_),
        noden_(size_t(values_) * values_),
        cmix_(4 * kKinds),
        tmix_(bit_depth),
        capm_(4 * 64),
        tapm_(int(values_)),
        kind_{ZeroedArray<uint8_t>(size_t(width) + 2), ZeroedArray<uint8_t>(size_t(width) + 2)} {}

  // Codes rows [0, row_count) of one stripe, `width` indices per row.
  // Coder::kDecoding: decoded indices are written into `rows`, and false
  // means the decoder ran past its payload (damaged stream).
  template <class Coder>
  bool CodeStripe(Coder& coder, uint16_t* rows, uint32_t row_count);

 private:
  template <class Coder>
  static int Decide(Coder& coder, int bit, BitCounter& a, BitCounter& b, BitCounter& c, int32_t* w, uint16_t* apm) {
    const int x[3] = {Stretch(a.p12()), Stretch(b.p12()), Stretch(c.p12())};
    const int logit = Mixer<3>::Dot(w, x);
    const int p12 = Squash(logit);
    uint32_t bin;
    int bin_p;
    const uint32_t pr = Apm::Refine(apm, logit, &bin, &bin_p);
    const uint32_t p16 = ClampProb((uint32_t(p12) * 16 + pr * 3) >> 2);
    bit = coder.Code(bit, p16);
    a.Update(bit, kLimit);
    b.Update(bit, kLimit);
    c.Update(bit, kLimit);
    Mixer<3>::Train(w, x, ((bit << 12) - p12) * kMixerRate);
    apm[bin] = Apm::Trained(bin_p, bit, kApmRate);
    return bit;
  }

  template <class Coder>
  uint32_t CodeIndex(Coder& coder, uint32_t v, const uint32_t nb[4], uint32_t eq, uint32_t hist, uint8_t* kind);

  uint32_t width_;
  int bits_;
  uint32_t values_, entries_;
  std::vector<BitCounter> eq_, hist_, cval_, node0_, nodew_, noden_;
  Mixer<3> cmix_, tmix_;
  Apm capm_, tapm_;
  // Hit kind per column (offset by one), this row and the last, stored as
  // kKinds - 1 - kind so that zeroed memory (codec/zeroed_array.h) reads as
  // "escape" without being written: a forged, very wide row costs nothing
  // until its payload decodes that far.
  ZeroedArray<uint8_t> kind_[2];
};

template <class Coder>
uint32_t PaletteCoder::CodeIndex(Coder& coder, uint32_t v, const uint32_t nb[4], uint32_t eq, uint32_t hist,
                                 uint8_t* kind) {
  // Candidate decisions.
  uint32_t rejected[4];
  int nrej = 0;
  uint32_t left = entries_;  // values still possible
  for (int j = 0; j < 4; ++j) {
    const uint32_t c = nb[j];
    bool seen = false;
    for (int i = 0; i < j; ++i) seen |= nb[i] == c;
    if (seen) continue;
    int hit;
    if (left == 1) {
      hit = 1;
    } else {
      const uint32_t jj = uint32_t(j);
      hit = Decide(coder, v == c, eq_[jj * 64 + eq], hist_[jj * 125 + hist], cval_[jj * values_ + c],
                   cmix_.weight_set(int(jj * kKinds + hist / 25)), capm_.row(int(jj * 64 + eq)));
    }
    if (hit) {
      *kind = uint8_t(j);
      return c;
    }
    rejected[nrej++] = c;
    --left;
  }
  // Escape: MSB-first tree over [0, values_), skipping halves with nothing
  // possible in them.
  *kind = kKinds - 1;
  const uint32_t w = nb[0], n = nb[1];
  uint32_t node = 1;
  for (int d = bits_ - 1; d >= 0; --d) {
    // Possible values in the half where the bit is 1: [lo, lo + 2^d).
    const uint32_t lo = ((node << 1 | 1) << d) - values_;
    const uint32_t size = 1u << d;
    uint32_t hi_count = lo >= entries_ ? 0 : (entries_ - lo < size ? entries_ - lo : size);
    uint32_t lo_count = lo - size >= entries_ ? 0 : (entries_ - (lo - size) < size ? entries_ - (lo - size) : size);
    for (int i = 0; i < nrej; ++i) {
      hi_count -= rejected[i] - lo < size;
      lo_count -= rejected[i] - (lo - size) < size;
    }
    int bit;
    if (hi_count == 0) bit = 0;
    else if (lo_count == 0) bit = 1;
    else
      bit = Decide(coder, int((v >> d) & 1), node0_[node], nodew_[w * values_ + node], noden_[n * values_ + node],
                   tmix_.weight_set(bits_ - 1 - d), tapm_.row(int(node)));
    node = node << 1 | uint32_t(bit);
  }
  return node - values_;
}

template <class Coder>
bool PaletteCoder::CodeStripe(Coder& coder, uint16_t* rows, uint32_t row_count) {
  for (uint32_t y = 0; y < row_count; ++y) {
    if constexpr (Coder::kDecoding) {
      if (coder.overrun() > kMaxDecoderOverrun) return false;
    }
    uint16_t* row = rows + size_t(y) * width_;
    const uint16_t* up = y ? row - width_ : nullptr;
    uint8_t* kcur = kind_[y & 1].data();
    const uint8_t* kup = kind_[(y & 1) ^ 1].data();
    constexpr uint32_t kEscape = kKinds - 1;  // stored kinds are kEscape - kind
    kcur[0] = 0;
    for (uint32_t x = 0; x < width_; ++x) {
      if constexpr (Coder::kDecoding) {
        // Also within a row: rows may be 2^24 pixels wide.
        if (x % 4096 == 0 && coder.overrun() > kMaxDecoderOverrun) return false;
      }
      uint32_t W, N, NE, NW, WW;
      if (up) {
        N = up[x];
        W = x ? row[x - 1] : N;
        NW = x ? up[x - 1] : N;
        NE = x + 1 < width_ ? up[x + 1] : N;
      } else {
        W = x ? row[x - 1] : 0;
        N = NE = NW = W;
      }
      WW = x > 1 ? row[x - 2] : W;
      const uint32_t eq = uint32_t(W == N) | uint32_t(W == NW) << 1 | uint32_t(N == NW) << 2 |
                          uint32_t(N == NE) << 3 | uint32_t(W == WW) << 4 | uint32_t(W == NE) << 5;
      // Kinds of W, N, NE (columns offset by one; outside the row: escape).
      const uint32_t hist =
          ((kEscape - kcur[x]) * kKinds + (kEscape - kup[x + 1])) * kKinds + (kEscape - kup[x + 2]);
      const uint32_t nb[4] = {W, N, NE, NW};
      uint8_t kind;
      const uint32_t v = CodeIndex(coder, Coder::kDecoding ? 0 : row[x], nb, eq, hist, &kind);
      kcur[x + 1] = uint8_t(kEscape - kind);
      if constexpr (Coder::kDecoding) row[x] = uint16_t(v);
    }
    kcur[width_ + 1] = 0;
  }
  if constexpr (Coder::kDecoding) return coder.overrun() <= kMaxDecoderOverrun;
  return true;
}

}  // namespace nlic
