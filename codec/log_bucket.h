// A fine logarithmic bucket: v itself below 16, then 8 buckets per octave,
// by the three bits below the leading one. Shared by the classical blend's
// weight table and the sample coder's distribution table, which both need
// a log scale fine enough that a bucket's members behave alike.
#pragma once

#include <cstdint>

namespace nlic {

constexpr uint32_t LogBucket8(uint32_t v) {
  if (v < 16) return v;
  const int sh = 28 - __builtin_clz(v);  // bit length - 4
  return 8 * uint32_t(sh) + (v >> sh);
}

}  // namespace nlic
