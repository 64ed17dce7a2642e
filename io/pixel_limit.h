// Shared by every reader: the one check that must run before a decoder
// allocates anything proportional to the claimed image size, because the
// claim comes from the (hostile) file and costs the attacker nothing.
#pragma once

#include <cstdint>
#include <string>

#include "image_io.h"

namespace nlic {

inline Status CheckPixelLimit(const char* format, uint64_t width, uint64_t height, const ReadLimits& limits) {
  if (width == 0 || height == 0)
    return CorruptInput(std::string(format) + ": image has zero width or height");
  const std::string size = std::to_string(width) + "x" + std::to_string(height);
  if (width > UINT32_MAX || height > UINT32_MAX)
    return LimitExceeded(std::string(format) + ": image is " + size + ", too large");
  // Both factors are < 2^32 now, so the product cannot overflow 64 bits.
  const uint64_t pixels = width * height;
  if (pixels > limits.max_pixels)
    return LimitExceeded(std::string(format) + ": image is " + size + " = " + std::to_string(pixels) +
                         " pixels, over the limit of " + std::to_string(limits.max_pixels));
  return Status::Ok();
}

}  // namespace nlic
