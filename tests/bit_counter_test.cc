// The adaptive bit probability: properties only (the rates are tuning, and
// may change), namely it starts at 1/2, never leaves its range, learns a
// fixed frequency, and follows a change of it.
#include <gtest/gtest.h>

#include <random>

#include "codec/bit_counter.h"

namespace nlic {
namespace {

TEST(BitCounter, StartsAtOneHalf) {
  BitCounter c;
  EXPECT_EQ(c.p16(), 32768u);
  EXPECT_EQ(c.p12(), 2048);
}

TEST(BitCounter, StartsWhereItIsToldAsIfItHadSeenNBits) {
  BitCounter c(3u << 20, 4);  // P(1) = 3/4
  EXPECT_EQ(c.p16(), 49152u);
  c.Update(0, 255);           // rate 1/(4 + 1.5), not 1/1.5
  EXPECT_GT(c.p16(), 49152u * 3 / 4);
  EXPECT_LT(c.p16(), 49152u);
}

TEST(BitCounter, StaysInRangeUnderLongRuns) {
  for (uint32_t limit : {1u, 60u, 255u, 1023u}) {
    BitCounter c;
    for (int i = 0; i < 100000; ++i) c.Update(1, limit);
    EXPECT_LT(c.p16(), 65536u);
    EXPECT_GT(c.p16(), 65000u) << limit;
    EXPECT_LT(c.p12(), 4096);
    for (int i = 0; i < 100000; ++i) c.Update(0, limit);
    EXPECT_LT(c.p16(), 536u) << limit;
  }
}

TEST(BitCounter, LearnsAFrequencyAndFollowsAChange) {
  std::mt19937 rng(1);
  for (double f : {0.05, 0.3, 0.5, 0.9}) {
    BitCounter c;
    for (int i = 0; i < 20000; ++i) c.Update(rng() % 10000 < f * 10000, 255);
    EXPECT_NEAR(c.p16() / 65536.0, f, 0.08) << f;
    for (int i = 0; i < 20000; ++i) c.Update(rng() % 10000 < (1 - f) * 10000, 255);
    EXPECT_NEAR(c.p16() / 65536.0, 1 - f, 0.08) << f;
  }
}

// A fresh counter learns fast: one observation moves it most of the way.
TEST(BitCounter, FirstObservationsCountMost) {
  BitCounter c;
  c.Update(1, 255);
  EXPECT_GT(c.p16(), 49152u);  // > 3/4
  BitCounter slow;
  for (int i = 0; i < 1000; ++i) slow.Update(i % 2, 255);
  const uint32_t before = slow.p16();
  slow.Update(1, 255);
  EXPECT_LT(slow.p16() - before, 1024u);  // a settled counter moves little
}

}  // namespace
}  // namespace nlic
