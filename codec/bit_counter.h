// Adaptive probability of a binary event. It starts fast (rate 1/(n+1.5)
// after n observations) and settles at 1/(limit+1.5), so rare contexts learn
// quickly and busy ones become precise. 22-bit probability, 10-bit count.
#pragma once

#include <cstdint>

namespace nlic {

struct CounterRates {
  uint32_t recip[1024];  // 2^17 / (2n + 3), i.e. 2^16 / (n + 1.5)
  constexpr CounterRates() : recip() {
    for (uint32_t n = 0; n < 1024; ++n) recip[n] = (1u << 17) / (2 * n + 3);
  }
};
inline constexpr CounterRates kCounterRates;

class BitCounter {
 public:
  BitCounter() = default;
  // A counter that starts at P(1) = p22 / 2^22 as if it had seen n bits.
  BitCounter(uint32_t p22, uint32_t n) : v_((p22 << 10) | n) {}
  uint32_t p16() const { return v_ >> 16; }  // P(bit = 1) in 1/65536
  int p12() const { return int(v_ >> 20); }
  uint32_t p22() const { return v_ >> 10; }
  uint32_t count() const { return v_ & 1023; }

  // p += (target - p) * recip[n] / 2^16 (rounded down), n += (n < limit).
  // The step never carries p out of [0, 2^22) (recip < 2^16 and it moves
  // towards a target inside that range), so it can be added to the packed
  // word directly instead of unpacking and repacking p and n.
  void Update(int bit, uint32_t limit) {
    const uint32_t n = v_ & 1023;
    const int64_t p = v_ >> 10;
    const int64_t target = bit ? (1 << 22) - 1 : 0;
    const int64_t step = ((target - p) * kCounterRates.recip[n]) >> 16;
    // (n - limit) >> 31 is n < limit (both below 2^31), without a setcc.
    v_ += (uint32_t(step) << 10) + ((n - limit) >> 31);
  }

 private:
  uint32_t v_ = 1u << 31;  // p = 1/2, n = 0
};

}  // namespace nlic
