#include "io/image.h"

namespace nlic {

int ChannelCount(ColorType t) {
  switch (t) {
    case ColorType::kGray: return 1;
    case ColorType::kRGB: return 3;
    case ColorType::kPalette: return 1;
    case ColorType::kGrayAlpha: return 2;
    case ColorType::kRGBA: return 4;
  }
  return 0;
}

bool IsValidColorType(uint8_t t) { return t == 0 || t == 2 || t == 3 || t == 4 || t == 6; }

bool IsValidDepth(ColorType t, int d) {
  switch (t) {
    case ColorType::kGray: return d == 1 || d == 2 || d == 4 || d == 8 || d == 16;
    case ColorType::kPalette: return d == 1 || d == 2 || d == 4 || d == 8;
    case ColorType::kRGB:
    case ColorType::kGrayAlpha:
    case ColorType::kRGBA: return d == 8 || d == 16;
  }
  return false;
}

bool TransparencyFits(ColorType t, size_t trns_bytes, size_t palette_entries) {
  if (trns_bytes == 0) return true;
  switch (t) {
    case ColorType::kGray: return trns_bytes == 2;
    case ColorType::kRGB: return trns_bytes == 6;
    case ColorType::kPalette: return trns_bytes <= palette_entries;
    case ColorType::kGrayAlpha:
    case ColorType::kRGBA: return false;
  }
  return false;
}

bool SameImage(const Image& a, const Image& b, std::string* why) {
  auto fail = [&](const char* what) {
    if (why) *why = what;
    return false;
  };
  if (a.width != b.width || a.height != b.height) return fail("dimensions differ");
  if (a.color_type != b.color_type) return fail("colour type differs");
  if (a.bit_depth != b.bit_depth) return fail("bit depth differs");
  if (a.interlaced != b.interlaced) return fail("interlace flag differs");
  if (a.palette != b.palette) return fail("palette differs");
  if (a.trns != b.trns) return fail("tRNS differs");
  if (!a.trns.empty() && a.trns_index != b.trns_index) return fail("tRNS position differs");
  if (a.chunks.size() != b.chunks.size()) return fail("chunk count differs");
  for (size_t i = 0; i < a.chunks.size(); ++i) {
    if (a.chunks[i].type != b.chunks[i].type || a.chunks[i].place != b.chunks[i].place ||
        a.chunks[i].data != b.chunks[i].data)
      return fail("a metadata chunk differs");
  }
  if (a.samples != b.samples) return fail("pixels differ");
  return true;
}

}  // namespace nlic
