// Profile 0 coding of palette images (colour type 3): indices are labels,
// not brightnesses, so instead of predicting a value the coder guesses which
// neighbour the pixel repeats. Encoder and decoder run this one templated
// function, so they cannot disagree. spec/palette.md is the byte-exact text.
//
// Per index v, with neighbours W, N, NE, NW (edge rules in the spec):
//   1. candidates: W, N, NE, NW, then the indices last coded after the same
//      hashed neighbourhood of 5, 3 and 8 pixels, in that order, each only
//      if it differs from the ones before; for each a mixed decision "v ==
//      candidate?" until one hits. A decision whose answer is forced (the
//      candidate is the only value left) is not coded.
//   2. escape (no candidate hit): the bits of v MSB first down a binary
//      tree; a bit is coded only when both halves still hold a possible
//      value (below the palette size and not a rejected candidate).
// Candidate decisions mix counters keyed by the neighbours' equality
// pattern, by which neighbour each of W, N and NE itself repeated, and by the
// candidate's index; tree bits mix counters keyed by the node alone, by W's
// index and by N's index. Every sample costs at most 7 + bit_depth decisions.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "codec/header.h"
#include "codec/zeroed_array.h"

#include "codec/apm.h"
#include "codec/arith_coder.h"
#include "codec/bit_counter.h"
#include "codec/mixed_decision.h"
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
  // Hit kinds: which candidate the pixel repeated (0 W, 1 N, 2 NE, 3 NW,
  // 4, 5, 6 the index last coded after the same neighbourhood of five,
  // three and eight pixels) or 7 for an escape.
  static constexpr int kCandidates = 7, kKinds = kCandidates + 1;
  static constexpr int kHist = kKinds * kKinds * kKinds;
  // Slots of each neighbourhood table: 2^SeenBits(pixels of the stripe),
  // about four per pixel, from 2^12 to 2^20.
  static int SeenBits(uint64_t pixels) {
    int bits = 2;
    while (bits < 20 && (uint64_t(1) << (bits - 2)) < pixels) ++bits;
    return bits < 12 ? 12 : bits;
  }
  static constexpr int kMixerRate = 2, kApmRate = 7, kLimit = 255;

  PaletteCoder(uint32_t width, uint32_t rows, int bit_depth, uint32_t entries)
      : width_(width),
        bits_(bit_depth),
        values_(1u << bit_depth),
        entries_(entries < values_ ? entries : values_),
        eq_(kCandidates * 64),
        hist_(kCandidates * kHist),
        cval_(kCandidates * size_t(values_)),
        node0_(values_),
        nodew_(size_t(values_) * values_),
        noden_(size_t(values_) * values_),
        cmix_(kCandidates * kKinds),
        tmix_(bit_depth),
        capm_(kCandidates * 64),
        tapm_(int(values_)),
        seen_bits_(SeenBits(uint64_t(width) * rows)),
        seen_{ZeroedArray<uint16_t>(size_t(1) << seen_bits_), ZeroedArray<uint16_t>(size_t(1) << seen_bits_),
              ZeroedArray<uint16_t>(size_t(1) << seen_bits_)},
        kind_{ZeroedArray<uint8_t>(size_t(width) + 2), ZeroedArray<uint8_t>(size_t(width) + 2)} {}

  // Codes rows [0, row_count) of one stripe, `width` indices per row.
  // Coder::kDecoding: decoded indices are written into `rows`, and false
  // means the decoder ran past its payload (damaged stream).
  template <class Coder>
  bool CodeStripe(Coder& coder, uint16_t* rows, uint32_t row_count);

 private:
  // Three counters mixed, as the sample coder mixes its own (codec/mixed_decision.h).
  template <class Coder>
  static int Decide(Coder& coder, int bit, BitCounter& a, BitCounter& b, BitCounter& c, int32_t* w, uint16_t* apm) {
    BitCounter* const counters[3] = {&a, &b, &c};
    return MixedDecision(coder, bit, counters, kLimit, w, kMixerRate, apm, kApmRate);
  }

  template <class Coder>
  uint32_t CodeIndex(Coder& coder, uint32_t v, const uint32_t nb[kCandidates], const uint32_t eq[kCandidates],
                     uint32_t hist, uint8_t* kind);

  uint32_t width_;
  int bits_;
  uint32_t values_, entries_;
  std::vector<BitCounter> eq_, hist_, cval_, node0_, nodew_, noden_;
  Mixer<3> cmix_, tmix_;
  Apm capm_, tapm_;
  static uint32_t Mix(uint32_t h) { return (h ^ (h >> 15)) * 0x2C1B3C6Du; }
  // A neighbourhood slot holds the index last coded there plus one (bits
  // 0-8; 0 = none yet) and its streak: how many times in a row, up to 3, it
  // was right (bits 9-10).
  static uint16_t Seen(uint16_t slot, uint32_t v) {
    const uint32_t streak = slot >> 9;
    return uint16_t((slot & 511u) == v + 1 ? (streak < 3 ? streak + 1 : 3) << 9 | (v + 1) : v + 1);
  }
  static uint32_t SeenIndex(uint16_t slot, uint32_t none) { return slot ? (slot & 511u) - 1 : none; }
  static uint32_t SeenContext(uint16_t slot, uint32_t eq) { return uint32_t(slot >> 9) << 4 | (eq & 15); }
  // The three neighbourhood tables (see CodeStripe), 2^seen_bits_ slots each.
  int seen_bits_;
  ZeroedArray<uint16_t> seen_[3];
  // Hit kind per column (offset by one), this row and the last, stored as
  // kKinds - 1 - kind so that zeroed memory (codec/zeroed_array.h) reads as
  // "escape" without being written: a forged, very wide row costs nothing
  // until its payload decodes that far.
  ZeroedArray<uint8_t> kind_[2];
};

template <class Coder>
uint32_t PaletteCoder::CodeIndex(Coder& coder, uint32_t v, const uint32_t nb[kCandidates],
                                 const uint32_t eq[kCandidates], uint32_t hist, uint8_t* kind) {
  // Candidate decisions.
  uint32_t rejected[kCandidates];
  int nrej = 0;
  uint32_t left = entries_;  // values still possible
  for (int j = 0; j < kCandidates; ++j) {
    const uint32_t c = nb[j];
    bool seen = false;
    for (int i = 0; i < j; ++i) seen |= nb[i] == c;
    if (seen) continue;
    int hit;
    if (left == 1) {
      hit = 1;
    } else {
      const uint32_t jj = uint32_t(j);
      hit = Decide(coder, v == c, eq_[jj * 64 + eq[j]], hist_[jj * kHist + hist], cval_[jj * values_ + c],
                   cmix_.weight_set(int(jj * kKinds + hist / (kKinds * kKinds))), capm_.row(int(jj * 64 + eq[j])));
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
      // Neighbourhood tables: the index last coded after the same hashed
      // neighbourhood, in three sizes. They find what text and icons repeat
      // beyond the four neighbours: a glyph's anti-aliased edge, a dither.
      const uint32_t NN = y > 1 ? (up - width_)[x] : N;
      const uint32_t NWW = y > 0 && x > 1 ? up[x - 2] : NW;
      const uint32_t NNE = y > 1 && x + 1 < width_ ? (up - width_)[x + 1] : NE;
      const uint32_t h5 = Mix(W * 0x9E3779B1u ^ N * 0x85EBCA77u ^ NW * 0xC2B2AE3Du ^ NE * 0x27D4EB2Fu ^ WW * 0x165667B1u);
      const uint32_t h3 = Mix(W * 0x9E3779B1u ^ N * 0x85EBCA77u ^ NE * 0x27D4EB2Fu);
      const uint32_t h8 = Mix(h5 ^ NN * 0x7FEB352Du ^ NWW * 0x846CA68Bu ^ NNE * 0x6C8E9CF5u);
      const int shift = 32 - seen_bits_;
      uint16_t* seen[3] = {&seen_[0][h5 >> shift], &seen_[1][h3 >> shift], &seen_[2][h8 >> shift]};
      // An empty slot offers W again, which the candidate loop skips.
      const uint32_t nb[kCandidates] = {W, N, NE, NW, SeenIndex(*seen[0], W), SeenIndex(*seen[1], W),
                                        SeenIndex(*seen[2], W)};
      // The table candidates' eq context: its streak instead of eq's top bits.
      const uint32_t eqs[kCandidates] = {eq, eq, eq, eq, SeenContext(*seen[0], eq), SeenContext(*seen[1], eq),
                                         SeenContext(*seen[2], eq)};
      uint8_t kind;
      const uint32_t v = CodeIndex(coder, Coder::kDecoding ? 0 : row[x], nb, eqs, hist, &kind);
      for (uint16_t* slot : seen) *slot = Seen(*slot, v);
      kcur[x + 1] = uint8_t(kEscape - kind);
      if constexpr (Coder::kDecoding) row[x] = uint16_t(v);
    }
    kcur[width_ + 1] = 0;
  }
  if constexpr (Coder::kDecoding) return coder.overrun() <= kMaxDecoderOverrun;
  return true;
}

}  // namespace nlic
