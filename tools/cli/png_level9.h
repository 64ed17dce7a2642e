// The "libpng -9" bench peer: PNG written in-process by libpng with zlib
// level 9 and all five filters tried per row (pixels, PLTE and tRNS only; no
// interlacing, no metadata).
#pragma once

#include <cstdint>
#include <vector>

#include "codec/nlic.h"

namespace nlic::cli {

// False when the tool was built without <png.h>.
bool HaveLibpng();

Status EncodePngLevel9(const Image& image, std::vector<uint8_t>* out);

}  // namespace nlic::cli
