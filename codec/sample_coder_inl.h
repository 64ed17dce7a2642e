// Template bodies of SampleCoder; included from sample_coder.h only.
#pragma once

#include <cstdlib>

namespace nlic {

namespace sample_coder_internal {
// Half-octave log bucket: 0, 1, 2..3 split in two, and so on.
inline uint32_t ScaleBucket(uint32_t s) {
  if (s < 2) return s;
  int len = 32 - __builtin_clz(s);
  uint32_t b = uint32_t(2 * len - 2) + ((s >> (len - 2)) & 1);
  return b > 31 ? 31 : b;
}

// Five levels of a signed residual against a typical magnitude t >= 1.
// Branch-free: 2, plus one for r > 0 and one more for r > t, minus the same
// on the negative side (t >= 1, so r > t implies r > 0).
// Written with sign bits of differences rather than comparisons: |r| <= 2^16
// and t < 2^28, so none of the differences overflows.
inline uint32_t Level5(int32_t r, int32_t t) {
  const uint32_t ur = uint32_t(r), ut = uint32_t(t);
  return 2 + ((0u - ur) >> 31) + ((ut - ur) >> 31) - (ur >> 31) - ((ur + ut) >> 31);
}

// Bit length of a (0 for 0) without a branch: 2a + 1 has one more bit than a.
inline int MagnitudeClass(int32_t a) { return int(31 ^ __builtin_clz(2 * uint32_t(a) + 1)); }

// Nine levels: 4 for r = 0, else 4 +- m where m (1..4) counts the bounds
// t/2, t, 2t that |r| exceeds, plus one. Branch-free: (a > k) is the sign bit
// of k - a (a <= 2^16, k < 2^29, no overflow), and a = 0 exceeds nothing.
inline uint32_t Level9(int32_t r, int32_t t) {
  const uint32_t a = uint32_t(std::abs(r)), ut = uint32_t(t);
  const uint32_t m = ((0u - a) >> 31) + (((ut >> 1) - a) >> 31) + ((ut - a) >> 31) + ((2 * ut - a) >> 31);
  const uint32_t neg = 0u - (uint32_t(r) >> 31);  // all ones for r < 0
  return 4 + ((m ^ neg) - neg);
}

// Tells a coder that wants to know (tools/slot_prior, which measures the
// decisions' base rates) which slot a decision was; the arithmetic coders
// have no such member and this compiles to nothing for them.
template <class Coder>
[[gnu::always_inline]] inline void ObserveDecision(Coder& coder, int slot, int bit) {
  if constexpr (requires { coder.Observe(slot, bit); }) coder.Observe(slot, bit);
}

}  // namespace sample_coder_internal

// Inlined: called from four places per sample, and a call would spill the
// context addresses. Static, with every table reached through `c`: nothing
// it needs between samples lives in members the compiler would reload.
// The plain model mixes two counters at kMixerRate, the rich model four at
// kRichMixerRate (slower: measured better for four inputs); both the same
// APM and blend (codec/mixed_decision.h).
template <bool kRich, bool kMatch>
template <class Coder>
[[gnu::always_inline]] inline int SampleCoderT<kRich, kMatch>::Decide(Coder& coder, int bit, const Ctx& c, int slot,
                                                                      int expected, int kind) {
  uint16_t* apm = c.apm + Apm::kBins * slot;
  int extra[kExtra] = {c.dist[slot]};
  int32_t* mix = c.mix;
  if constexpr (kMatch) {
    extra[1] = MatchModel::Input(*c.match, kind, expected);
    if (c.match->alive) mix = c.mix_match;
  }
  if constexpr (kRich) {
    BitCounter* const counters[kCounters] = {c.tex + slot, c.cross + slot, c.energy + slot, c.fine + slot};
    bit = MixedDecision<kCounters, kExtra>(coder, bit, counters, extra, 255, mix + kInputs * slot, kRichMixerRate,
                                           apm, kApmRate);
  } else {
    BitCounter* const counters[kCounters] = {c.tex + slot, c.cross + slot};
    bit = MixedDecision<kCounters, kExtra>(coder, bit, counters, extra, 255, mix + kInputs * slot, kMixerRate, apm,
                                           kApmRate);
  }
  if constexpr (kMatch) MatchModel::Learn(*c.match, kind, expected, bit);
  sample_coder_internal::ObserveDecision(coder, slot, bit);
  return bit;
}

template <bool kRich, bool kMatch>
[[gnu::always_inline]] inline void SampleCoderT<kRich, kMatch>::PrefetchSlot(const Ctx& c, int slot) {
  __builtin_prefetch(c.tex + slot);
  __builtin_prefetch(c.cross + slot);
  __builtin_prefetch(c.mix + kInputs * slot);
  __builtin_prefetch(c.apm + Apm::kBins * slot);
  __builtin_prefetch(c.apm + Apm::kBins * slot + Apm::kBins - 1);
}

// Not inlined into the coding loop: one function per coding position gives
// the register allocator a small body (the four inlined Decide() copies);
// inlining it next to the predictor measured ~3% more instructions.
template <bool kRich, bool kMatch>
template <int K, class Coder>
[[gnu::noinline]] int SampleCoderT<kRich, kMatch>::Code(Coder& coder, uint32_t x, const Prediction& p, int value,
                                        int32_t& ref_resid) {
  using namespace sample_coder_internal;
  const int32_t base = (p.mean + (1 << (kMeanShift - 1))) >> kMeanShift;
  const int32_t* up = up_[K] + x;      // [0]=NW [1]=N [2]=NE
  int32_t* left = left_[K] + x;        // [0]=W
  // ~ scale/24: the typical |r|. 64-bit product: 16-bit images reach scales
  // whose 32-bit product would wrap.
  const int32_t t = int32_t((uint64_t(p.scale) * 2731) >> 16) + 1;

  constexpr uint32_t kk = uint32_t(K);
  const uint32_t sb = ScaleBucket(p.scale);
  const uint32_t tex = Level5(left[0], t) * 5 + Level5(up[1], t);
  uint32_t cross;
  if constexpr (K == 0) cross = Level5(up[0], t) * 5 + Level5(up[2], t);
  else cross = Level9(ref_resid, t);
  const uint32_t frac = uint32_t(p.mean - (base << kMeanShift) + 4) & 7;
  Ctx c;
  c.apm = apm_.row(int((kk * kScaleBuckets + sb) * kSlots));
  c.tex = t1_.data() + ((kk * 8 + (sb >> 2)) * 25 + tex) * kSlots;
  c.cross = t2_.data() + ((kk * 8 + frac) * 32 + cross) * kSlots;
  c.mix = mixer_.weight_set(int((kk * 4 + (sb >> 3)) * kSlots));
  c.dist = DistRow(p.scale, frac);
  // The walk's first decisions (down and up from c0) are known now; their
  // counters, weights and APM rows are fetched while the match is looked up
  // (the tables exceed L1, and each decision's slot depends on the last bit).
  const int32_t amax = base > maxval_ - base ? base : maxval_ - base;
  const int cmax = MagnitudeClass(amax);
  int c0 = MagnitudeClass(t - 1);
  if (c0 > cmax) c0 = cmax;
  PrefetchSlot(c, kSlotDown + c0);
  PrefetchSlot(c, kSlotUp + c0);
  MatchModel::State ms;
  if constexpr (kMatch) {
    ms = match_->Find(K, base);
    c.match = &ms;
    // The trust levels' weight sets follow the plain ones, a stride apart.
    // The trust is fixed for the sample (only `alive` changes), so the set
    // is chosen here, not in every decision.
    const size_t stride = size_t(channels_) * kSlots * 4 * kInputs;
    c.mix_match = c.mix + size_t(1 + ms.trust) * stride;
  }
  if constexpr (kRich) {
    // Neighbourhood residual energy against the typical |r|, in octaves.
    const int32_t energy = std::abs(left[0]) + std::abs(up[1]) + ((std::abs(up[0]) + std::abs(up[2])) >> 1);
    int eq = 0;
    if (energy != 0) {
      eq = MagnitudeClass(energy) - MagnitudeClass(t) + 6;
      eq = eq < 1 ? 1 : eq > kEnergyLevels - 1 ? kEnergyLevels - 1 : eq;
    }
    uint32_t fine;
    if constexpr (K == 0) fine = Level9(left[0], t) * 9 + Level9(up[1], t);
    else if constexpr (K == 1) fine = Level9(ref_resid, t) * 9 + Level9(left[0], t);
    else fine = Level9(left_[K - 1][x + 1], t) * 9 + Level9(ref_resid, t);
    const uint32_t ueq = uint32_t(eq);
    c.energy = t3_.data() + ((kk * 16 + (sb >> 1)) * kEnergyLevels + ueq) * kSlots;
    c.fine = t4_.data() + ((kk * 4 + (sb >> 3)) * kFine + fine) * kSlots;
  }

  // Magnitude class: 0 for a zero residual, else 1 + floor(log2 |r|). The
  // walk starts at the class the scale predicts, so a well-predicted sample
  // costs about two decisions whatever its size.
  const int32_t r = value - base;
  const int32_t a = std::abs(r);
  const int cls = MagnitudeClass(a);
  // Down from c0 while the class is smaller; only if not even one step down
  // was taken, up from c0 while it is larger.
  int j = c0;
  while (j > 0 && Decide(coder, cls < j, c, kSlotDown + j, ms.cls < j, MatchModel::kKindWalk)) --j;
  if (j == c0)
    while (j < cmax && Decide(coder, cls > j, c, kSlotUp + j, ms.cls > j, MatchModel::kKindWalk)) ++j;
  if constexpr (kMatch) ms.alive = ms.alive && ms.cls == j;
  int32_t out = base;
  if (j > 0) {
    int32_t v = 1;
    // Bits below the leading one are close to uniform: plain counters,
    // no mixing, keeps the common case cheap.
    // The rich model also keys them by where the class landed against the
    // walk's start (below, at, above c0): within a class the residual's
    // distribution is skewed towards zero the more the class exceeds the
    // predicted one. Finer distances measured 0.02% smaller on photos but
    // cost tiny images more than that.
    // The plain model keys only the top bit (the most skewed) that way, from
    // a leaning start (mant_top_), and lets all its mantissa counters settle
    // (limit 1023, was 60): 0.28% smaller at effort 5 and 0.18% on 32x64
    // patches, where keying every bit cost 0.3% (diluted, slow to learn).
    const uint32_t side = uint32_t(j < c0 ? 0 : j == c0 ? 1 : 2);
    uint32_t mant_ctx = kk * 17 + uint32_t(j);
    if constexpr (kRich) mant_ctx = mant_ctx * 3 + side;
    BitCounter* mant = mant_.data() + mant_ctx * 16;
    const auto code_bit = [&](BitCounter& bc, int i) {
      uint32_t p16 = bc.p16();
      int expected = 0;
      if constexpr (kMatch) {
        // A live match names the bit; its hit rate prices it.
        if (ms.alive) {
          expected = (ms.mag >> i) & 1;
          const uint32_t q = ms.ctr[MatchModel::kKindMantissa].p16();
          p16 = expected ? q : 65536 - q;
        }
      }
      const int bit = coder.Code((a >> i) & 1, ClampProb(p16));
      bc.Update(bit, kRich ? 255 : 1023);
      if constexpr (kMatch) MatchModel::Learn(ms, MatchModel::kKindMantissa, expected, bit);
      v = 2 * v + bit;
    };
    int i = j - 2;
    // Peeled off the loop: no per-bit test for which table to use.
    if constexpr (!kRich)
      if (i >= 0) code_bit(mant_top_[mant_ctx * 3 + side], i--);
    for (; i >= 0; --i) code_bit(mant[i], i);
    if (v > amax) v = amax;  // only reachable on a damaged stream
    int neg;
    if (v > base) neg = 0;
    else if (v > maxval_ - base) neg = 1;
    else neg = Decide(coder, r < 0, c, kSlotSign + (j < 3 ? j - 1 : 2), ms.resid < 0, MatchModel::kKindSign);
    out = neg ? base - v : base + v;
  }
  const int32_t res = out - base;
  left[1] = res;
  if constexpr (kMatch) match_->Record(K, x, out);
  if constexpr (K == 0) ref_resid = res;
  return out;
}

}  // namespace nlic
