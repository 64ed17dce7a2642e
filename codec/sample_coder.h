// Codes one sample given its Prediction: the binarization of the residual and
// the context mixing that prices each binary decision. Encoder and decoder run
// this very code (templated on the coder), so they cannot disagree.
//
// Binarization of r = value - base, base = round(mean), bounded by the sample
// range so that no decision is ever spent on an impossible value: the
// magnitude class of |r| (0, or 1 + floor(log2|r|)) by a walk that starts at
// the class the predicted scale expects, then the mantissa bits below the
// leading one, then the sign unless the range already implies it.
//
// Each magnitude or sign decision mixes two adaptive counters (contexts:
// neighbour residual pattern; sub-integer mean with diagonal or reference
// residual) and the decision's probability under the predicted distribution
// (codec/dist_prior.h: a fixed logit, 0.27% smaller at effort 5 and 0.76%
// on 32x64 patches, ~3% more instructions) in a 3-input logistic
// mixer, then refines the mixer's logit with an APM keyed by the scale
// bucket. With that input, a second distribution input of twice the spread,
// eight weight sets by scale instead of four, and mixer rate 3 all measured
// no gain on train/ (within +-0.05%, or worse on patches). A third counter keyed by the scale bucket
// alone and a constant bias input were measured redundant with the APM.
//
// The rich model (kRich, profile 2, efforts 7..9) mixes two more counters:
// the neighbourhood's residual energy against the scale, and finer residual
// levels (W and N, or the other channels' residuals at this pixel), with a
// slower-learning mixer, and keys the mantissa counters by the class's
// side of the walk's start. It is about 0.5% smaller and ~20% slower, so the
// default effort keeps the plain model. A bias input, weight sets by a finer
// scale, a second mixer and a second APM were measured and did not pay.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "codec/apm.h"
#include "codec/arith_coder.h"
#include "codec/bit_counter.h"
#include "codec/dist_prior.h"
#include "codec/match_model.h"
#include "codec/mixed_decision.h"
#include "codec/mixer.h"
#include "codec/slot_prior.h"
#include "codec/zeroed_array.h"
#include "predictor/prediction.h"

namespace nlic {

// kMatch adds the match model (codec/match_model.h), one more mixer input.
template <bool kRich, bool kMatch = false>
class SampleCoderT {
 public:
  SampleCoderT(uint32_t width, int channels, int bit_depth);

  // Call at each row start; `top` is true on the first row of a stripe.
  void StartRow(bool top);

  // Starts loading what the sample of coding position K at column x will
  // need from memory (the match model's table entries). The coding loop
  // calls it before the predictor runs, whose work then hides the load;
  // Code<K>() of the same sample must follow.
  template <int K>
  void Locate(uint32_t x) {
    if constexpr (kMatch) match_->Locate(K, x);
  }

  // Codes the sample of coding position K (after Locate<K>(x)). Encoder: codes `value` and
  // returns it. Decoder: ignores `value` and returns the decoded sample
  // (always within [0, maxval]). `ref_resid` carries position 0's residual
  // to the later positions of the same pixel; the coding loop keeps it in a
  // local so that it stays in a register.
  template <int K, class Coder>
  int Code(Coder& coder, uint32_t x, const Prediction& p, int value, int32_t& ref_resid);

  // Weight set `set` of the mixer, and the T1 (table 0) or T2 (table 1)
  // counters (tools/mixer_prior and tools/counter_prior measure them).
  int32_t* mixer_weights(int set) { return mixer_.weight_set(set); }
  BitCounter* context_counters(int table) { return table == 0 ? t1_.data() : t2_.data(); }
  uint16_t* apm_row(int context) { return apm_.row(context); }

 private:
  // Decision kinds: "class > j" (up), "class < j" (down), and the sign (by
  // class 1, 2, 3+).
  static constexpr int kSlotUp = 0, kSlotDown = 17, kSlotSign = 34;
  static constexpr int kSlots = 37;
  static constexpr int kScaleBuckets = 32;
  // Mixer rate and initial weights (16.16) of the plain model: measured on
  // train/ full images and 32x64 patches, where a slower mixer starting
  // from weights summing below one beat rate 6 from 1.0 each (the latter
  // cost tiny images ~1.6%).
  static constexpr int kMixerRate = 2, kApmRate = 7;
  // Rich model: energy levels, fine residual patterns, mixer inputs, the
  // mixer's rate. Initial weights: 0.375 each (plain; its coding position 0
  // starts from codec/mixer_prior.h instead), 0.25 each (rich).
  static constexpr int kEnergyLevels = 12, kFine = 81;
  static constexpr int kCounters = kRich ? 4 : 2;
  static constexpr int kExtra = kMatch ? 2 : 1;  // the distribution's logit (and the match's)
  static constexpr int kInputs = kCounters + kExtra;
  static constexpr int kRichMixerRate = 1;
  static constexpr int32_t kInitialWeight = kRich ? 1 << 14 : 3 << 13;
  // The distribution's logit starts at weight 0.25 (measured against 0.5 on
  // train/ patches, where 0.5 cost 0.2%).
  static constexpr int32_t kDistInitialWeight = 1 << 14;
  static constexpr int32_t kMatchInitialWeight = 1 << 16;
  static constexpr std::array<int32_t, kInputs> InitialWeightArray() {
    std::array<int32_t, kInputs> w{};
    for (int i = 0; i < kCounters; ++i) w[size_t(i)] = kInitialWeight;
    w[kCounters] = kDistInitialWeight;
    if constexpr (kMatch) w[kCounters + 1] = kMatchInitialWeight;
    return w;
  }

  // One sample's contexts, resolved to the addresses of its slot 0 in each
  // table. The decision slot is the innermost index of every table, so the
  // decisions of one sample touch neighbouring entries (cache lines), and
  // each decision adds a constant multiple of its slot to these.
  struct Ctx {
    BitCounter* tex;    // t1_ at (k, coarse scale, left/above residual pattern)
    BitCounter* cross;  // t2_ at (k, sub-integer mean, diagonal or reference residual)
    int32_t* mix;       // mixer weight set at (k, coarse scale)
    uint16_t* apm;      // APM row at (k, scale bucket)
    BitCounter* energy;  // rich: t3_ at (k, scale bucket / 2, energy level)
    BitCounter* fine;    // rich: t4_ at (k, coarse scale, fine residual pattern)
    const int16_t* dist;  // kDistLogit row at (fine scale, sub-integer mean)
    int32_t* mix_match;   // kMatch: the weight set used while the match lives (at its trust)
    MatchModel::State* match;
  };

  // Starts loading what decision `slot` of the sample reads.
  static void PrefetchSlot(const Ctx& c, int slot);
  template <class Coder>
  static int Decide(Coder& coder, int bit, const Ctx& c, int slot, int expected = 0, int kind = 0);

  int channels_;
  int32_t maxval_;
  int cur_ = 0;
  // Signed residuals per coding position, two rows, offset by one column;
  // StartRow() points left_/up_ at this row's and the last row's.
  ZeroedArray<int32_t> resid_[4][2];
  int32_t* left_[4] = {};
  const int32_t* up_[4] = {};

  std::vector<BitCounter> t1_, t2_, mant_, mant_top_;
  Mixer<kInputs> mixer_;
  Apm apm_;
  // Rich model only (empty otherwise).
  std::vector<BitCounter> t3_, t4_;
  std::unique_ptr<MatchModel> match_;  // kMatch only
};

// Profile 0 (the plain model) and profile 2 (the rich one).
using SampleCoder = SampleCoderT<false>;
using RichSampleCoder = SampleCoderT<true>;
using MatchSampleCoder = SampleCoderT<false, true>;
using RichMatchSampleCoder = SampleCoderT<true, true>;

}  // namespace nlic

#include "codec/sample_coder_inl.h"
