// Initial probabilities of the sample model's T1 and T2 counters of
// coding position 0, one per context and decision slot: SLOT_PRIOR knows
// only a decision's base rate, these also know how the neighbours' residual
// pattern (T1) and the sub-integer mean with the diagonal residuals (T2)
// move it, which a tiny image would otherwise spend its first samples
// learning.
//
// Generated, not tuned by hand: `nlic-counter-prior ../shared/corpus/train`
// (tools/counter_prior/) prints counter_prior_table.inc from effort 5's
// coding of every 32x64 gray patch of the training corpus. Never regenerate
// it from kodak/ or eval/. The table file is part of the format (spec/model.md
// section 5.2 names it; spec/reference_decoder.py reads it).
#pragma once

#include <cstddef>
#include <cstdint>

namespace nlic {

// T1 (8 coarse scales x 25 patterns x 37 slots), then T2 (8 sub-integer
// means x 32 patterns x 37 slots), of coding position 0.
inline constexpr size_t kCounterPriorT1 = 8 * 25 * 37, kCounterPriorT2 = 8 * 32 * 37;
// The confidence they start with, as a count of bits already seen.
inline constexpr uint32_t kCounterPriorCount = 8;

// P(bit = 1) x 2^22.
inline constexpr uint32_t kCounterPrior[kCounterPriorT1 + kCounterPriorT2] = {
#include "codec/counter_prior_table.inc"
};

}  // namespace nlic
