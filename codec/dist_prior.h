// The probability that the prediction's own distribution gives each mixed
// decision of the sample coder, as a fixed mixer input next to the adaptive
// counters. Counters only know what they have seen; this input knows, from
// the first sample on, how a decision's odds move with the predicted spread
// (finer than any counter context: 8 buckets per octave) and with the
// sub-integer mean (which side of base the sign leans to). The mixer learns
// how far to trust it.
//
// The table is generated offline (tools/dist_prior/gen_dist_prior.py,
// floats there only) and committed as integers, so every platform reads the
// same logits.
#pragma once

#include <cstdint>

#include "codec/dist_prior_table.h"
#include "codec/log_bucket.h"

namespace nlic {

// The row of 37 slot logits for a prediction: bucket of u = 8 x the typical
// |r| (the sample coder's t - 1 is u >> 3, so the walk's start class is
// constant within a bucket), exact below 16, then 8 buckets per octave.
inline const int16_t* DistRow(uint32_t scale, uint32_t frac) {
  const uint64_t u64 = (uint64_t(scale) * 2731) >> 13;
  const uint32_t u = u64 > 0xFFFFFFFFu ? 0xFFFFFFFFu : uint32_t(u64);
  uint32_t b = LogBucket8(u);
  if (b > uint32_t(kDistBuckets - 1)) b = kDistBuckets - 1;
  return kDistLogit + (b * 8 + frac) * 37;
}

}  // namespace nlic
