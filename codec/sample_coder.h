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
// residual) in a 2-input logistic mixer, then refines the mixer's logit with
// an APM keyed by the scale bucket. A third counter keyed by the scale bucket
// alone and a constant bias input were measured redundant with the APM.
#pragma once

#include <cstdint>
#include <vector>

#include "codec/apm.h"
#include "codec/arith_coder.h"
#include "codec/bit_counter.h"
#include "codec/mixer.h"
#include "predictor/prediction.h"

namespace nlic {

class SampleCoder {
 public:
  SampleCoder(uint32_t width, int channels, int bit_depth);

  // Call at each row start; `top` is true on the first row of a stripe.
  void StartRow(bool top);

  // Encoder: codes `value` and returns it. Decoder: ignores `value` and
  // returns the decoded sample (always within [0, maxval]).
  template <class Coder>
  int Code(Coder& coder, uint32_t x, int k, const Prediction& p, int value);

 private:
  // Decision kinds: "class > j" (up), "class < j" (down), and the sign (by
  // class 1, 2, 3+).
  static constexpr int kSlotUp = 0, kSlotDown = 17, kSlotSign = 34;
  static constexpr int kSlots = 37;
  static constexpr int kScaleBuckets = 32;

  // Table offsets of one sample's contexts. The decision slot is the
  // innermost index of every table, so the decisions of one sample touch
  // neighbouring entries (cache lines) and each costs one add per table.
  struct Ctx {
    uint32_t scale;  // (k, scale bucket): apm_
    uint32_t tex;    // (k, coarse scale, left/above residual pattern): t1_
    uint32_t cross;  // (k, sub-integer mean, diagonal or reference residual): t2_
    uint32_t mix;    // (k, coarse scale): mixer weight set
  };

  template <class Coder>
  int Decide(Coder& coder, int bit, const Ctx& c, int slot);

  uint32_t width_;
  int channels_;
  int32_t maxval_;
  int cur_ = 0;
  // Signed residuals per coding position, two rows, offset by one column.
  std::vector<int32_t> resid_[4][2];
  int32_t ref_resid_ = 0;

  std::vector<BitCounter> t1_, t2_, mant_;
  Mixer<2> mixer_;
  Apm apm_;
};

}  // namespace nlic

#include "codec/sample_coder_inl.h"
