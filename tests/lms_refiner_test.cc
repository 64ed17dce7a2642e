// The LMS refiner (predictor/lms_refiner.h) against spec/neural.md section
// 7.1 written out with 64-bit arithmetic, over the whole input range of
// 16-bit images; and that it learns what it should.
#include "predictor/lms_refiner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>

namespace nlic {
namespace {

// spec/neural.md section 7.1, literally.
struct SpecRefiner {
  int64_t w[LmsRefiner::kInputs] = {};
  int64_t n = 0;
  int32_t Refine(int32_t m0, const int32_t* d, int32_t max8) const {
    int64_t acc = 0;
    for (int j = 0; j < LmsRefiner::kInputs; ++j) acc += w[j] * d[j];
    return int32_t(std::clamp<int64_t>(m0 + ((acc + (1 << 15)) >> 16), 0, max8));
  }
  void Update(int32_t e, const int32_t* d) {
    if (e != 0) {
      int64_t l1 = 64;
      for (int j = 0; j < LmsRefiner::kInputs; ++j) l1 += d[j] < 0 ? -int64_t(d[j]) : d[j];
      const int sh = (64 - __builtin_clzll(uint64_t(l1))) + 6 + int(std::min<int64_t>(3, n >> 12));
      const int64_t g = e > 0 ? 1 : -1;
      for (int j = 0; j < LmsRefiner::kInputs; ++j)
        w[j] = std::clamp<int64_t>(w[j] + ((g * d[j] * 65536 + (int64_t(1) << (sh - 1))) >> sh), -(1 << 18), 1 << 18);
    }
    n = std::min<int64_t>(n + 1, 12288);
  }
};

TEST(LmsRefiner, StartsNeutral) {
  LmsRefiner r;
  const int32_t d[LmsRefiner::kInputs] = {100, -5, 7, 0, 2040, -2040, 3, 1, -9};
  EXPECT_EQ(r.Refine(0, 1000, d, 2040), 1000);
  EXPECT_EQ(r.Refine(0, 0, d, 2040), 0);
  EXPECT_EQ(r.Refine(0, 2040, d, 2040), 2040);
}

TEST(LmsRefiner, MatchesSpecOverTheWholeRange) {
  std::mt19937 rng(12345);
  for (int bits : {8, 16}) {
    const int32_t max8 = ((1 << bits) - 1) * 8;
    LmsRefiner r;
    SpecRefiner s[2];
    for (int i = 0; i < 40000; ++i) {
      const int K = int(rng() & 1);
      const int32_t m0 = int32_t(rng() % uint32_t(max8 + 1));
      int32_t d[LmsRefiner::kInputs];
      // Small differences mostly (the step's left-shift path), full range
      // sometimes (the right-shift path and the weight clamp).
      const bool wide = rng() % 4 == 0;
      for (int& v : d) v = wide ? int32_t(rng() % uint32_t(max8 + 1)) - m0 : int32_t(rng() % 33) - 16;
      const int32_t got = r.Refine(K, m0, d, max8);
      ASSERT_EQ(got, s[K].Refine(m0, d, max8)) << "sample " << i;
      // A biased target, so the weights drift far and reach the clamp.
      const int32_t v8 = std::clamp<int32_t>(m0 + 3 * d[2] + int32_t(rng() % 9) - 4, 0, max8);
      r.Update(K, v8 - got, d);
      s[K].Update(v8 - got, d);
      for (int j = 0; j < LmsRefiner::kInputs; ++j) ASSERT_EQ(r.weights(K)[j], s[K].w[j]) << "sample " << i;
    }
  }
}

TEST(LmsRefiner, WeightClampEqualsIntegerClampOverTheReachableRange) {
  // Update() passes at most kWeightMax + 2^10 in magnitude; check far beyond.
  for (int32_t v0 = -(1 << 20); v0 <= (1 << 20); v0 += 4) {
    const LmsRefiner::V4 v = {v0, v0 + 1, v0 + 2, v0 + 3};
    const LmsRefiner::V4 c = LmsRefiner::ClampWeights(v);
    for (int i = 0; i < 4; ++i)
      ASSERT_EQ(c[i], std::clamp(v[i], -LmsRefiner::kWeightMax, LmsRefiner::kWeightMax)) << v[i];
  }
}

TEST(LmsRefiner, LearnsALinearRelation) {
  // The value is m0 + (d[3] + d[5]) / 2 with noise: the refined error must
  // end far below the unrefined one.
  std::mt19937 rng(7);
  LmsRefiner r;
  int64_t before = 0, after = 0;
  for (int i = 0; i < 30000; ++i) {
    const int32_t m0 = 1000;
    int32_t d[LmsRefiner::kInputs];
    for (int& v : d) v = int32_t(rng() % 201) - 100;
    const int32_t v8 = m0 + (d[3] + d[5]) / 2 + int32_t(rng() % 5) - 2;
    const int32_t m = r.Refine(0, m0, d, 2040);
    if (i >= 25000) before += std::abs(v8 - m0), after += std::abs(v8 - m);
    r.Update(0, v8 - m, d);
  }
  EXPECT_LT(after * 5, before);
}

}  // namespace
}  // namespace nlic
