// The blend weight lookup (keyed by float bits) against the spec's formula
// (spec/model.md, section 3.5) over every error sum the predictor can form.
#include <gtest/gtest.h>

#include <algorithm>
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

TEST(BlendWeight, FourLaneVersionMatchesForEveryErrorSum) {
  // Every sum e = eu + 2 ec the predictor forms (eu up to 4 x 65535), in
  // every lane, split between eu and ec in several ways.
  for (uint32_t e = 0; e < 6 * 65535 + 1; ++e) {
    const uint16_t ec_hi = uint16_t(std::min<uint32_t>(e / 2, 65535));
    const uint16_t ec_mid = uint16_t(std::min<uint32_t>(e / 5, 65535));
    const uint32_t eu[4] = {e - 2 * ec_hi, e, e - 2 * ec_mid, e - 2 * ec_hi};
    const uint16_t ec[4] = {ec_hi, 0, ec_mid, ec_hi};
    uint32_t w[4];
    classical_internal::BlendWeights4(eu, ec, w);
    const uint32_t want = classical_internal::BlendWeight(e);
    for (int j = 0; j < 4; ++j) ASSERT_EQ(w[j], want) << e << " lane " << j;
  }
}

TEST(SubErrors, SaturatedStoreEqualsMinOnEveryReachableValue) {
  // Update() stores |8 value - P| < 2^21; checked well beyond.
  for (int32_t a0 = 0; a0 < (1 << 22); a0 += 4) {
    const int32_t __attribute__((vector_size(16))) a = {a0, a0 + 1, a0 + 2, a0 + 3};
    uint16_t out[4];
    classical_internal::StoreSaturated16(a, out);
    for (int j = 0; j < 4; ++j) ASSERT_EQ(out[j], std::min(a[j], 65535)) << a[j];
  }
}

}  // namespace
}  // namespace nlic
