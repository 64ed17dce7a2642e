// rANS coder: round trips, and forged streams that must stay bounded.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "codec/rans.h"

namespace nlic {
namespace {

TEST(Rans, RoundTripsRandomSymbolsAndRawBits) {
  std::mt19937 rng(7);
  struct Op {
    bool raw;
    uint32_t a, b;  // raw: value, bits; symbol: freq, cum
    uint32_t slot;  // symbol: a slot inside [cum, cum + freq)
  };
  std::vector<Op> ops;
  for (int i = 0; i < 20000; ++i) {
    if (rng() % 4 == 0) {
      const uint32_t bits = 1 + rng() % 23;
      ops.push_back({true, uint32_t(rng()) & ((1u << bits) - 1), bits, 0});
    } else {
      const uint32_t freq = 1 + rng() % kRansTotal;
      const uint32_t cum = rng() % (kRansTotal - freq + 1);
      ops.push_back({false, freq, cum, 0});
    }
  }
  RansWriter w;
  for (size_t i = ops.size(); i-- > 0;) {
    if (ops[i].raw) w.PutRaw(ops[i].a, ops[i].b);
    else w.Put(ops[i].a, ops[i].b);
  }
  std::vector<uint8_t> bytes;
  w.Finish(&bytes);
  RansReader r(bytes.data(), bytes.size());
  for (const Op& op : ops) {
    if (op.raw) {
      ASSERT_EQ(r.GetRaw(op.b), op.a);
    } else {
      const uint32_t slot = r.Slot();
      ASSERT_GE(slot, op.b);
      ASSERT_LT(slot, op.b + op.a);
      r.Advance(op.a, op.b);
    }
  }
  EXPECT_EQ(r.overrun(), 0u);
  EXPECT_TRUE(r.AtValidEnd());
}

// A state driven to zero once made the refill loop read zeros forever (a
// fuzzer timeout); now every call returns and the overrun shows.
TEST(Rans, ZeroStateFromForgedStreamTerminates) {
  const std::vector<uint8_t> zeros(4, 0);
  RansReader r(zeros.data(), zeros.size());
  for (int i = 0; i < 1000; ++i) r.Advance(1, 0);
  EXPECT_GT(r.overrun(), 8u);
  EXPECT_FALSE(r.AtValidEnd());
  RansReader raw(zeros.data(), zeros.size());
  for (int i = 0; i < 1000; ++i) (void)raw.GetRaw(23);
  EXPECT_GT(raw.overrun(), 8u);
}

}  // namespace
}  // namespace nlic
