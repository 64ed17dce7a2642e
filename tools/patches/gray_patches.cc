#include "tools/patches/gray_patches.h"

namespace nlic::gray_patches {

bool ToGray(const Image& im, std::vector<uint8_t>* gray, std::string* why) {
  const size_t n = size_t(im.width) * im.height;
  const int ch = im.channels();
  gray->resize(n);
  if (im.color_type == ColorType::kPalette) {
    const size_t entries = im.palette.size() / 3;
    for (size_t i = 0; i < n; ++i) {
      size_t k = im.samples[i];
      if (k >= entries) {
        *why = "palette index out of range";
        return false;
      }
      const uint8_t* p = &im.palette[3 * k];
      (*gray)[i] = uint8_t((unsigned(p[0]) + p[1] + p[2]) / 3);
    }
    return true;
  }
  if (im.bit_depth != 8) {
    *why = std::to_string(im.bit_depth) + "-bit samples (patch mode takes 8-bit images)";
    return false;
  }
  const bool color = im.color_type == ColorType::kRGB || im.color_type == ColorType::kRGBA;
  for (size_t i = 0; i < n; ++i) {
    const uint16_t* s = &im.samples[i * ch];
    (*gray)[i] = color ? uint8_t((unsigned(s[0]) + s[1] + s[2]) / 3) : uint8_t(s[0]);
  }
  return true;
}

}  // namespace nlic::gray_patches
