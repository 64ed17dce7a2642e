// PNG files that lie about their size: a valid IHDR claiming width x height
// followed by one IDAT of a few compressed bytes. Every chunk CRC is right,
// so only the pixel limit and the reader's allocation discipline stand
// between such a file and an enormous allocation.
#pragma once

#include <cstdint>
#include <vector>

namespace nlic::stress {

std::vector<uint8_t> PngClaiming(uint32_t width, uint32_t height, bool interlaced);

}  // namespace nlic::stress
