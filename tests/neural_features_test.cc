// The vectorised left inputs (predictor/neural_features.h) equal the scalar
// reference on random rows with the extremes of every range mixed in, for
// every set, both edges and every normalising shift the codec can reach.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "predictor/neural_features.h"

namespace nlic {
namespace {

TEST(NeuralLeftFeatures, FastPathEqualsTheScalarReference) {
  std::mt19937_64 g(7);
  auto pick = [&](int32_t lo, int32_t hi) {
    const int r = int(g() % 4);
    if (r == 0) return lo;
    if (r == 1) return hi;
    return lo + int32_t(g() % uint64_t(int64_t(hi) - lo + 1));
  };
  long checked = 0;
  for (int round = 0; round < 20000; ++round) {
    const int32_t maxv = round % 2 ? 255 : 65535;
    const uint32_t w = 1 + uint32_t(g() % 8);
    auto row = [&](int32_t lo, int32_t hi) {
      std::vector<int32_t> v(w + 2);
      for (auto& e : v) e = pick(lo, hi);
      return v;
    };
    const std::vector<int32_t> cur = row(0, maxv), up = row(0, maxv), rcur = row(0, maxv), rup = row(0, maxv),
                               qcur = row(0, maxv), qup = row(0, maxv), res = row(-8 * maxv, 8 * maxv),
                               res1 = row(-8 * maxv, 8 * maxv), res2 = row(-8 * maxv, 8 * maxv);
    std::vector<uint32_t> err(w + 2, 0);
    const ClassicalPredictor::PlaneView p{cur.data(), up.data(), up.data(), err.data()};
    const ClassicalPredictor::PlaneView r{rcur.data(), rup.data(), rup.data(), err.data()};
    const ClassicalPredictor::PlaneView q{qcur.data(), qup.data(), qup.data(), err.data()};
    const int set = round % 3;
    const bool rgb = (round / 3) % 2;
    const neural::FeatureRows f{p,
                                set ? &r : nullptr,
                                set == 2 ? &q : nullptr,
                                res.data(),
                                res.data(),
                                set == 0 && rgb ? res1.data() : nullptr,
                                set == 0 && rgb ? res1.data() : nullptr,
                                set == 0 && rgb ? res2.data() : nullptr,
                                set == 0 && rgb ? res2.data() : nullptr};
    const uint32_t x = uint32_t(g() % w);
    const int32_t mean8 = pick(0, 8 * maxv), ref_resid = pick(-8 * maxv, 8 * maxv),
                  q_resid = pick(-8 * maxv, 8 * maxv);
    // NormShift() is the bit length of a sum of at least 8: 4 and up.
    for (int k = 4; k < 32; ++k) {
      alignas(16) int8_t a[neural::kLeftBytes], b[neural::kLeftBytes];
      std::memset(a, 0x55, sizeof(a));
      std::memset(b, 0x2A, sizeof(b));
      neural::LeftFeaturesScalar(f, set, x, mean8, ref_resid, q_resid, k, a);
      neural::LeftFeatures(f, set, x, mean8, ref_resid, q_resid, k, b);
      ASSERT_EQ(std::memcmp(a, b, sizeof(a)), 0) << "set " << set << " x " << x << " k " << k;
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
}

}  // namespace
}  // namespace nlic
