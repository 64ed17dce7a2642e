#include "codec/pixel_crc.h"

#include <zlib.h>

namespace nlic {

uint32_t StripeCrc(uint32_t stripe_index, const uint16_t* samples, size_t count, int bit_depth) {
  uint8_t buf[8192];
  for (int i = 0; i < 4; ++i) buf[i] = uint8_t(stripe_index >> (8 * i));
  uLong crc = crc32(crc32(0, nullptr, 0), buf, 4);
  const size_t per = bit_depth > 8 ? 2 : 1;
  const size_t chunk = sizeof(buf) / per;
  for (size_t i = 0; i < count; i += chunk) {
    size_t n = count - i < chunk ? count - i : chunk;
    for (size_t j = 0; j < n; ++j) {
      uint16_t v = samples[i + j];
      if (per == 2) {
        buf[2 * j] = uint8_t(v);
        buf[2 * j + 1] = uint8_t(v >> 8);
      } else {
        buf[j] = uint8_t(v);
      }
    }
    crc = crc32(crc, buf, uInt(n * per));
  }
  return uint32_t(crc);
}

}  // namespace nlic
