// 32-bit binary arithmetic coder (carry-less range coder in the style of the
// PAQ family) with 16-bit probabilities. Encoder and decoder split the range
// with the same expression, Split(), so they cannot drift apart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "codec/payload_bytes.h"

namespace nlic {

// Probability that the bit is 1, in (0, 65536). Callers clamp to
// [kProbMin, kProbMax] so that both sub-ranges are never empty.
using Prob16 = uint32_t;
inline constexpr Prob16 kProbMin = 32;
inline constexpr Prob16 kProbMax = 65536 - 32;

// One unsigned test in the common in-range case.
inline Prob16 ClampProb(Prob16 p) {
  if (p - kProbMin > kProbMax - kProbMin) p = p < kProbMin ? kProbMin : kProbMax;
  return p;
}

inline uint32_t SplitRange(uint32_t lo, uint32_t hi, Prob16 p1) {
  return lo + uint32_t((uint64_t(hi - lo) * p1) >> 16);
}

// A valid payload never makes the decoder read more than 4 bytes past its
// end (the encoder flushes one byte, the decoder preloads four). Stopping at
// this many turns a forged header with a tiny payload into an immediate error
// instead of a full-size decode of zeros.
inline constexpr size_t kMaxDecoderOverrun = 8;

class ArithEncoder {
 public:
  static constexpr bool kDecoding = false;
  explicit ArithEncoder(std::vector<uint8_t>* out) : out_(out) {}

  // Codes `bit`; returns it so encoder and decoder share one modelling path.
  int Code(int bit, Prob16 p1) {
    uint32_t mid = SplitRange(lo_, hi_, p1);
    if (bit) hi_ = mid; else lo_ = mid + 1;
    while (((lo_ ^ hi_) & 0xff000000u) == 0) {
      out_->push_back(uint8_t(hi_ >> 24));
      lo_ <<= 8;
      hi_ = (hi_ << 8) | 255;
    }
    return bit;
  }
  // Bits with probability 1/2 (e.g. mantissa bits of rare large residuals).
  int CodeRaw(int bit) { return Code(bit, 32768); }

  // Takes over `other`'s bytes and state, as if this coder had coded what
  // it did: exact only while this one has coded nothing (the coder has no
  // carry, so the bytes it has emitted are final). The match trial codes a
  // stripe two ways and keeps one (codec/stripe_codec.h).
  void Adopt(const ArithEncoder& other) {
    out_->insert(out_->end(), other.out_->begin(), other.out_->end());
    lo_ = other.lo_;
    hi_ = other.hi_;
  }

  // One byte suffices: the decoder pads with zeros, and (top byte of lo)+1
  // followed by zeros lies in [lo, hi] because lo and hi differ in that byte.
  void Finish() {
    if (lo_ & 0x00ffffffu) out_->push_back(uint8_t((lo_ >> 24) + 1));
    else out_->push_back(uint8_t(lo_ >> 24));
  }

 private:
  std::vector<uint8_t>* out_;
  uint32_t lo_ = 0, hi_ = 0xffffffffu;
};

class ArithDecoder {
 public:
  static constexpr bool kDecoding = true;
  ArithDecoder(const uint8_t* data, size_t size) : in_(data, size) {
    for (int i = 0; i < 4; ++i) x_ = (x_ << 8) | in_.Next();
  }

  int Code(int /*unused*/, Prob16 p1) {
    uint32_t mid = SplitRange(lo_, hi_, p1);
    int bit = x_ <= mid;
    if (bit) hi_ = mid; else lo_ = mid + 1;
    while (((lo_ ^ hi_) & 0xff000000u) == 0) {
      lo_ <<= 8;
      hi_ = (hi_ << 8) | 255;
      x_ = (x_ << 8) | in_.Next();
    }
    return bit;
  }
  int CodeRaw(int bit) { return Code(bit, 32768); }

  // Bytes consumed beyond the payload (zero padding). More than a few means
  // the payload was cut short; the pixel checksum then fails anyway.
  size_t overrun() const { return in_.overrun(); }

 private:
  PayloadBytes in_;
  uint32_t lo_ = 0, hi_ = 0xffffffffu, x_ = 0;
};

}  // namespace nlic
