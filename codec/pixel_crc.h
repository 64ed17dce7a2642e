// CRC-32 (zlib's polynomial) of one stripe: the stripe's index as 4 bytes
// little-endian, then its samples as bytes (one byte per sample up to 8
// bits, two bytes little-endian at 16 bits). The index is hashed in so that
// two stripe records swapped in the file fail their checks instead of each
// still matching its own payload.
#pragma once

#include <cstddef>
#include <cstdint>

namespace nlic {

uint32_t StripeCrc(uint32_t stripe_index, const uint16_t* samples, size_t count, int bit_depth);

}  // namespace nlic
