// The byte source both entropy decoders (arithmetic and rANS) read from.
// Past the end it yields zeros and counts them: a valid payload is read to
// within a few bytes of its end, so the count tells a cut or forged payload
// apart without a bounds check failing mid-symbol.
#pragma once

#include <cstddef>
#include <cstdint>

namespace nlic {

class PayloadBytes {
 public:
  PayloadBytes(const uint8_t* data, size_t size) : p_(data), end_(data + size) {}

  uint32_t Next() {
    if (p_ < end_) return *p_++;
    ++overrun_;
    return 0;
  }
  // Bytes read past the payload (as zeros).
  size_t overrun() const { return overrun_; }
  bool AtEnd() const { return p_ == end_ && overrun_ == 0; }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
  size_t overrun_ = 0;
};

}  // namespace nlic
