#include "tools/cli/pixel_compare.h"

#include <cstdint>
#include <vector>

#include "tools/cli/strings.h"

namespace nlic::cli {
namespace {

// Samples must be < 2^depth and depth one of 1, 2, 4, 8, 16, so that 65535 /
// (2^depth - 1) is an integer and the scaling is exact.
bool ToRgba16(const Image& im, std::vector<uint16_t>* out, std::string* why) {
  const int depth = im.bit_depth;
  if (depth != 1 && depth != 2 && depth != 4 && depth != 8 && depth != 16) {
    *why = Sprintf("unexpected bit depth %d", depth);
    return false;
  }
  const int ch = im.channels();
  const size_t n = size_t(im.width) * im.height;
  if (im.samples.size() != n * size_t(ch)) {
    *why = "sample count does not match the dimensions";
    return false;
  }
  const uint32_t scale = im.color_type == ColorType::kPalette ? 257u : 65535u / ((1u << depth) - 1u);
  const auto& t = im.trns;
  const bool gray_key = im.color_type == ColorType::kGray && t.size() >= 2;
  const bool rgb_key = im.color_type == ColorType::kRGB && t.size() >= 6;
  const uint16_t k0 = t.size() >= 2 ? uint16_t(t[0] << 8 | t[1]) : 0;
  const uint16_t k1 = t.size() >= 4 ? uint16_t(t[2] << 8 | t[3]) : 0;
  const uint16_t k2 = t.size() >= 6 ? uint16_t(t[4] << 8 | t[5]) : 0;

  out->resize(n * 4);
  for (size_t i = 0; i < n; ++i) {
    const uint16_t* s = &im.samples[i * size_t(ch)];
    uint16_t* o = &(*out)[i * 4];
    switch (im.color_type) {
      case ColorType::kGray:
        o[0] = o[1] = o[2] = uint16_t(s[0] * scale);
        o[3] = gray_key && s[0] == k0 ? 0 : 65535;
        break;
      case ColorType::kGrayAlpha:
        o[0] = o[1] = o[2] = uint16_t(s[0] * scale);
        o[3] = uint16_t(s[1] * scale);
        break;
      case ColorType::kRGB:
        for (int c = 0; c < 3; ++c) o[c] = uint16_t(s[c] * scale);
        o[3] = rgb_key && s[0] == k0 && s[1] == k1 && s[2] == k2 ? 0 : 65535;
        break;
      case ColorType::kRGBA:
        for (int c = 0; c < 4; ++c) o[c] = uint16_t(s[c] * scale);
        break;
      case ColorType::kPalette: {
        const size_t idx = s[0];
        if (idx * 3 + 2 >= im.palette.size()) {
          *why = "palette index out of range";
          return false;
        }
        for (int c = 0; c < 3; ++c) o[c] = uint16_t(im.palette[idx * 3 + size_t(c)] * 257u);
        o[3] = uint16_t((idx < t.size() ? t[idx] : 255) * 257u);
        break;
      }
    }
  }
  return true;
}

}  // namespace

bool SamePixels(const Image& a, const Image& b, std::string* why) {
  std::string ignored;
  if (!why) why = &ignored;
  if (a.width != b.width || a.height != b.height) {
    *why = Sprintf("dimensions differ: %ux%u vs %ux%u", a.width, a.height, b.width, b.height);
    return false;
  }
  std::vector<uint16_t> pa, pb;
  if (!ToRgba16(a, &pa, why) || !ToRgba16(b, &pb, why)) return false;
  for (size_t i = 0; i < pa.size(); ++i) {
    if (pa[i] != pb[i]) {
      const size_t px = i / 4;
      *why = Sprintf("pixel (%zu,%zu) channel %zu differs: %u vs %u (16-bit scale)",
                     px % a.width, px / a.width, i % 4, unsigned(pa[i]), unsigned(pb[i]));
      return false;
    }
  }
  return true;
}

}  // namespace nlic::cli
