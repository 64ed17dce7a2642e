// stb_image reads past the end of its input as zero bytes and still reports
// success, so a truncated BMP, TGA or GIF would decode to an image with a
// black (or background) bottom. These checks walk just enough structure to
// prove the pixel data is all there before stb is called.
#pragma once

#include <cstddef>
#include <cstdint>

#include "image_io.h"

namespace nlic {

// `format` from DetectFormat; kUnknown is checked as TGA (stb's only
// magic-less format). Anything that does not parse is left for stb to judge.
Status CheckStbInputComplete(FileFormat format, const uint8_t* data, size_t size);

}  // namespace nlic
