// The blend weight lookup (keyed by float bits) against the spec's formula
// (spec/model.md, section 3.5) over every error sum the predictor can form.
#include <gtest/gtest.h>

#include <cstdint>

#include "predictor/classical.h"

namespace nlic {
namespace {

uint32_t SpecWeight(uint32_t e) {
  const uint32_t v = e + 1;
  int bucket = int(v);
  if (v >= 16) {
    int len = 32 - __builtin_clz(v);
    bucket = 8 * (len - 4) + int(v >> (len - 4));
  }
  const uint64_t bv = classical_internal::BucketValue(bucket);
  const uint64_t q = (uint64_t(1) << 30) / (bv * bv);
  return uint32_t(q ? q : 1);
}

TEST(BlendWeight, MatchesSpecForEveryErrorSum) {
  for (uint32_t e = 0; e < 6 * 65535 + 1; ++e) ASSERT_EQ(classical_internal::BlendWeight(e), SpecWeight(e)) << e;
}

}  // namespace
}  // namespace nlic
