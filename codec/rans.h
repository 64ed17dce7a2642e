// Profile 1's entropy coder: byte-wise rANS (after ryg_rans) with static
// frequency tables, one per context, sent ahead of the stripe's payload.
// Static tables make decoding a table lookup and a multiply per symbol, with
// no division and no model update: that, not adaptivity, is what profile 1
// is for. Each sample's residual code u is split into a token (coded with
// its context's table) and raw bits below the token's leading bits (coded
// as uniform rANS symbols, so everything lives in one stream).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "codec/payload_bytes.h"

namespace nlic {

inline constexpr int kRansProbBits = 12;
inline constexpr uint32_t kRansTotal = uint32_t(1) << kRansProbBits;
// Lower bound of the normalised state: the state lives in [2^23, 2^31).
inline constexpr uint32_t kRansLow = uint32_t(1) << 23;

// Token of u < 2^16: u itself below 16, else 16 + 2(n-4) + the bit below
// the leading one, n = floor(log2 u); the n-1 bits below those are raw.
// Small codes (most of a photo's) cost no raw bits; large ones keep one
// modelled bit of mantissa, which still carries some skew.
inline constexpr uint32_t kDirectTokens = 16;
inline constexpr int kMaxTokens = 16 + 2 * 12;  // u < 2^16

inline uint32_t TokenOf(uint32_t u, uint32_t* raw_bits, uint32_t* raw) {
  if (u < kDirectTokens) {
    *raw_bits = 0;
    *raw = 0;
    return u;
  }
  const uint32_t n = uint32_t(31 ^ __builtin_clz(u));
  *raw_bits = n - 1;
  *raw = u & ((uint32_t(1) << (n - 1)) - 1);
  return kDirectTokens + 2 * (n - 4) + ((u >> (n - 1)) & 1);
}

// The inverse of TokenOf() for tokens >= kDirectTokens: the bits above the
// raw ones, and how many raw bits follow.
inline uint32_t TokenRawBits(uint32_t token) { return token < kDirectTokens ? 0 : (token - kDirectTokens) / 2 + 3; }
inline uint32_t TokenHigh(uint32_t token) { return (2 + ((token - kDirectTokens) & 1)) << TokenRawBits(token); }

// Tokens needed for codes below 2^bit_depth.
inline int TokenCount(int bit_depth) {
  uint32_t bits, raw;
  return int(TokenOf((uint32_t(1) << bit_depth) - 1, &bits, &raw)) + 1;
}

// Writes symbols last to first (rANS is a stack); Finish() returns the
// bytes in the order the decoder reads them.
class RansWriter {
 public:
  // A token with frequency `freq` and cumulative frequency `cum`.
  void Put(uint32_t freq, uint32_t cum) {
    const uint32_t x_max = ((kRansLow >> kRansProbBits) << 8) * freq;
    while (x_ >= x_max) Emit();
    x_ = ((x_ / freq) << kRansProbBits) + x_ % freq + cum;
  }
  // `bits` (1..23) uniform raw bits: a symbol of frequency 1 in 2^bits.
  void PutRaw(uint32_t value, uint32_t bits) {
    const uint32_t x_max = uint32_t(1) << (31 - bits);
    while (x_ >= x_max) Emit();
    x_ = (x_ << bits) | value;
  }
  void Finish(std::vector<uint8_t>* out) {
    for (int i = 0; i < 4; ++i) Emit();
    out->insert(out->end(), bytes_.rbegin(), bytes_.rend());
  }

 private:
  void Emit() {
    bytes_.push_back(uint8_t(x_));
    x_ >>= 8;
  }
  uint32_t x_ = kRansLow;
  std::vector<uint8_t> bytes_;
};

class RansReader {
 public:
  RansReader(const uint8_t* data, size_t size) : in_(data, size) {
    for (int i = 0; i < 4; ++i) x_ = (x_ << 8) | in_.Next();
  }
  // The slot of the next token: its table maps this to the token.
  uint32_t Slot() const { return x_ & (kRansTotal - 1); }
  void Advance(uint32_t freq, uint32_t cum) {
    x_ = freq * (x_ >> kRansProbBits) + Slot() - cum;
    Refill();
  }
  uint32_t GetRaw(uint32_t bits) {
    const uint32_t v = x_ & ((uint32_t(1) << bits) - 1);
    x_ >>= bits;
    Refill();
    return v;
  }
  // Bytes read past the payload (as zeros). A valid stream reads none.
  size_t overrun() const { return in_.overrun(); }
  // A valid stream ends with every byte read and the encoder's initial state.
  bool AtValidEnd() const { return in_.AtEnd() && x_ == kRansLow; }

 private:
  // A valid state is never 0 here, so three bytes always suffice; a forged
  // stream can drive it to 0, where an unbounded loop would read zeros
  // forever instead of reaching the caller's overrun check.
  void Refill() {
    for (int i = 0; i < 3 && x_ < kRansLow; ++i) x_ = (x_ << 8) | in_.Next();
  }
  PayloadBytes in_;
  uint32_t x_ = 0;
};

}  // namespace nlic
