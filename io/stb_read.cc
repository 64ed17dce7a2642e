// The long tail of input formats (BMP, TGA, GIF first frame, PSD...) through
// stb_image, which the system libstb compiles; we only include its
// declarations. 16-bit output is kept for the formats stb reads as 16-bit.
#include <stb_image.h>

#include <climits>
#include <memory>
#include <new>
#include <string>

#include "io/image_io.h"
#include "io/pixel_limit.h"
#include "io/stb_truncation.h"

namespace nlic {
namespace {

std::string Reason() {
  const char* r = stbi_failure_reason();
  return r ? r : "unknown error";
}

struct StbFree {
  void operator()(void* p) const { stbi_image_free(p); }
};

ColorType FromComponents(int comp) {
  switch (comp) {
    case 1:
      return ColorType::kGray;
    case 2:
      return ColorType::kGrayAlpha;
    case 3:
      return ColorType::kRGB;
    default:
      return ColorType::kRGBA;
  }
}

}  // namespace

Status ReadStb(const uint8_t* data, size_t size, const ReadLimits& limits, Image* out) {
  const FileFormat format = DetectFormat(data, size);
  // stb 2.27 leaves 16-bit PNM samples byte-swapped, zero-fills a truncated
  // raster and lacks PAM; our own parser has none of these problems.
  if (format == FileFormat::kPnm || format == FileFormat::kPam) return ReadPnm(data, size, limits, out);
  if (size > size_t(INT_MAX)) return LimitExceeded("stb_image: input larger than 2 GiB");
  const int len = int(size);
  int w = 0, h = 0, comp = 0;
  // Header only: the limit check must come before stb allocates the pixels.
  if (!stbi_info_from_memory(data, len, &w, &h, &comp))
    return NotAnImage("unrecognised image format (stb_image: " + Reason() + ")");
  NLIC_RETURN_IF_ERROR(CheckPixelLimit("stb_image", uint64_t(w), uint64_t(h), limits));
  NLIC_RETURN_IF_ERROR(CheckStbInputComplete(format, data, size));
  // HDR/RGBE would be tone-mapped to 8 bits: a lossy conversion in disguise.
  if (stbi_is_hdr_from_memory(data, len)) return Unsupported("HDR (Radiance) images are not supported");
  const bool wide = stbi_is_16_bit_from_memory(data, len) != 0;
  std::unique_ptr<void, StbFree> pixels(
      wide ? static_cast<void*>(stbi_load_16_from_memory(data, len, &w, &h, &comp, 0))
           : static_cast<void*>(stbi_load_from_memory(data, len, &w, &h, &comp, 0)));
  if (!pixels) return CorruptInput("stb_image: " + Reason());
  if (comp < 1 || comp > 4) return Unsupported("stb_image: unexpected channel count");
  NLIC_RETURN_IF_ERROR(CheckPixelLimit("stb_image", uint64_t(w), uint64_t(h), limits));
  Image img;
  img.width = uint32_t(w);
  img.height = uint32_t(h);
  img.color_type = FromComponents(comp);
  img.bit_depth = wide ? 16 : 8;
  try {
    img.samples.resize(img.sample_count());
  } catch (const std::bad_alloc&) {
    return LimitExceeded("stb_image: out of memory for the decoded image");
  }
  const size_t n = img.samples.size();
  if (wide) {
    const auto* p = static_cast<const uint16_t*>(pixels.get());
    for (size_t i = 0; i < n; ++i) img.samples[i] = p[i];
  } else {
    const auto* p = static_cast<const uint8_t*>(pixels.get());
    for (size_t i = 0; i < n; ++i) img.samples[i] = p[i];
  }
  *out = std::move(img);
  return Status::Ok();
}

}  // namespace nlic
