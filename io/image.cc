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

Status CheckImageMeta(const Image& img) {
  if (img.width == 0 || img.height == 0) return InvalidArgument("image has zero width or height");
  if (!IsValidColorType(uint8_t(img.color_type))) return InvalidArgument("invalid colour type");
  if (!IsValidDepth(img.color_type, img.bit_depth)) return InvalidArgument("bit depth invalid for the colour type");
  const size_t entries = img.palette.size() / 3;
  if (img.palette.size() % 3) return InvalidArgument("palette size is not a multiple of 3");
  if (img.color_type == ColorType::kPalette) {
    if (entries == 0 || entries > (size_t(1) << img.bit_depth))
      return InvalidArgument("palette image needs 1.." + std::to_string(1u << img.bit_depth) + " palette entries");
  } else if (entries > 0) {
    if (img.color_type != ColorType::kRGB && img.color_type != ColorType::kRGBA)
      return InvalidArgument("a palette is not allowed in a grayscale image");
    if (entries > 256) return InvalidArgument("a suggested palette has at most 256 entries");
  }
  return Status::Ok();
}

Status CheckSampleRange(const Image& meta, const uint16_t* samples, size_t count) {
  const uint32_t maxv = meta.max_value();
  // OR-reduce first: the common all-valid case is one branch-free pass.
  uint16_t all = 0;
  for (size_t i = 0; i < count; ++i) all |= samples[i];
  if (all > maxv) return InvalidArgument("a sample value exceeds the bit depth");
  return Status::Ok();
}

Status CheckImageShape(const Image& img) {
  NLIC_RETURN_IF_ERROR(CheckImageMeta(img));
  if (img.samples.size() != img.sample_count()) return InvalidArgument("sample buffer size does not match the image");
  return CheckSampleRange(img, img.samples.data(), img.samples.size());
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

Image CopyMeta(const Image& img) {
  Image meta;
  meta.width = img.width;
  meta.height = img.height;
  meta.color_type = img.color_type;
  meta.bit_depth = img.bit_depth;
  meta.interlaced = img.interlaced;
  meta.palette = img.palette;
  meta.trns = img.trns;
  meta.chunks = img.chunks;
  meta.trns_index = img.trns_index;
  return meta;
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
