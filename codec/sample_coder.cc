#include "codec/sample_coder.h"

#include <algorithm>

#include "codec/apm_prior.h"
#include "codec/counter_prior.h"
#include "codec/mixer_prior.h"

namespace nlic {

template <bool kRich, bool kMatch>
SampleCoderT<kRich, kMatch>::SampleCoderT(uint32_t width, int channels, int bit_depth)
    : channels_(channels),
      maxval_(int32_t((1u << bit_depth) - 1)),
      t1_(size_t(channels) * kSlots * 8 * 25),
      t2_(size_t(channels) * kSlots * 8 * 32),
      mant_(size_t(channels) * 17 * (kRich ? 3 : 1) * 16),
      mant_top_(kRich ? 0 : size_t(channels) * 17 * 3),
      mixer_(channels * kSlots * 4 * (kMatch ? 1 + MatchModel::kTrust : 1), InitialWeightArray()),
      apm_(channels * kSlots * kScaleBuckets),
      t3_(kRich ? size_t(channels) * kSlots * 16 * kEnergyLevels : 0),
      t4_(kRich ? size_t(channels) * kSlots * 4 * kFine : 0) {
  if constexpr (kMatch) match_ = std::make_unique<MatchModel>(width, channels);
  for (int k = 0; k < channels; ++k)
    for (int r = 0; r < 2; ++r) resid_[k][r] = ZeroedArray<int32_t>(size_t(width) + 2);
  // Mixed decisions' counters start from their slot's base rate (the slot
  // is the innermost index); mantissa counters from one half.
  for (std::vector<BitCounter>* t : {&t1_, &t2_, &t3_, &t4_})
    for (size_t i = 0; i < t->size(); ++i) (*t)[i] = BitCounter(kSlotPrior[i % kSlots], kSlotPriorCount);
  // Position 0 (the first kCounterPriorT1 and T2 counters) starts from its
  // contexts' own rates (codec/counter_prior.h), in the rich model too: the
  // rates are the decisions', whatever mixes them (without it effort 7 came
  // out larger than effort 6 on a 192x128 photo).
  for (size_t i = 0; i < kCounterPriorT1; ++i) t1_[i] = BitCounter(kCounterPrior[i], kCounterPriorCount);
  for (size_t i = 0; i < kCounterPriorT2; ++i)
    t2_[i] = BitCounter(kCounterPrior[kCounterPriorT1 + i], kCounterPriorCount);
  // The plain model's top mantissa bits start leaning to 0, the more so the
  // further the class lies above the walk's start (a decreasing density
  // within the class): P(1) = 0.48, 0.45, 0.38 below, at, above c0.
  static constexpr uint32_t kTopPrior[3] = {2013266, 1887437, 1593835};
  for (size_t i = 0; i < mant_top_.size(); ++i) mant_top_[i] = BitCounter(kTopPrior[i % 3], 4);
  // The plain model's APM rows of coding position 0 start trained
  // (codec/apm_prior.h): rows (k * 32 + sb) * 37 + slot, k = 0 first.
  if constexpr (!kRich)
    std::copy_n(kApmPrior, size_t(kApmPriorRows) * Apm::kBins, apm_.row(0));
  // The plain model's weight sets of coding position 0 start where training
  // patches (gray, so position 0 only) left them, by coarse scale and slot
  // (codec/mixer_prior.h); the other positions, whose T2 context is the
  // reference residual, and a match input keep the constant start. Set i is
  // ((block * channels + k) * 4 + scale) * 37 + slot.
  if constexpr (!kRich) {
    const int sets = channels * kSlots * 4 * (kMatch ? 1 + MatchModel::kTrust : 1);
    for (int i = 0; i < sets; ++i)
      if ((i / (kSlots * 4)) % channels == 0)
        std::copy_n(kMixerPrior[(i / kSlots) % 4][i % kSlots], kMixerPriorInputs, mixer_.weight_set(i));
  }
}

template <bool kRich, bool kMatch>
void SampleCoderT<kRich, kMatch>::StartRow(bool top) {
  cur_ ^= 1;
  if constexpr (kMatch) match_->StartRow();
  // A stripe starts with a new coder, whose residual rows are still zero
  // (see ZeroedArray), so the top row needs no clearing.
  (void)top;
  for (int k = 0; k < channels_; ++k) {
    left_[k] = resid_[k][cur_].data();
    up_[k] = resid_[k][cur_ ^ 1].data();
  }
}

template class SampleCoderT<false>;
template class SampleCoderT<true>;
template class SampleCoderT<false, true>;
template class SampleCoderT<true, true>;

}  // namespace nlic
