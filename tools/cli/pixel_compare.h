// Pixel equality across representations, for checking peers: a peer may
// return a palette image as RGB, 1-bit gray as 8-bit, tRNS as an alpha
// channel. Both images are expanded to 16-bit RGBA (exact scaling v *
// 65535 / (2^depth - 1), palette and tRNS applied) and compared. Metadata is
// ignored. For nlic itself use SameImage, which is stricter.
#pragma once

#include <string>

#include "codec/nlic.h"

namespace nlic::cli {

bool SamePixels(const Image& a, const Image& b, std::string* why);

}  // namespace nlic::cli
