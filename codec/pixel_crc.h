// CRC-32 (zlib's polynomial) of a run of rows, over the samples as bytes:
// one byte per sample up to 8 bits, two bytes little-endian at 16 bits.
#pragma once

#include <cstddef>
#include <cstdint>

namespace nlic {

uint32_t PixelCrc(const uint16_t* samples, size_t count, int bit_depth);

}  // namespace nlic
