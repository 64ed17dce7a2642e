// The per-context token frequencies of a profile-1 stripe: counted and
// normalised by the encoder, sent at the start of the payload, and expanded
// by the decoder into a slot -> token lookup.
#pragma once

#include <cstdint>
#include <vector>

#include "codec/byte_io.h"
#include "codec/rans.h"
#include "codec/status.h"

namespace nlic {

class RansTables {
 public:
  RansTables(int contexts, int tokens);

  // Encoder: StartCounting(), count every token, then Normalize().
  void StartCounting();
  void Count(uint32_t ctx, uint32_t token) { ++counts_[ctx * kMaxTokens + token]; }
  void Normalize();
  void Write(std::vector<uint8_t>* out) const;

  // Decoder: reads what Write() wrote and builds the slot lookup.
  Status Read(ByteReader* in);

  uint32_t freq(uint32_t ctx, uint32_t token) const { return fc_[ctx * kMaxTokens + token] & 0xffff; }
  uint32_t cum(uint32_t ctx, uint32_t token) const { return fc_[ctx * kMaxTokens + token] >> 16; }
  // freq | cum << 16 of each token, kMaxTokens per context.
  const uint32_t* packed() const { return fc_.data(); }
  // The token of each slot, kRansTotal per context.
  const uint8_t* lookup() const { return lut_.data(); }

 private:
  void BuildCumulative();

  int contexts_, tokens_;
  std::vector<uint32_t> counts_;
  std::vector<uint16_t> freq_;  // kMaxTokens per context; all zero = unused
  std::vector<uint32_t> fc_;
  std::vector<uint8_t> lut_;
};

}  // namespace nlic
