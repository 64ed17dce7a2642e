// Netpbm writer: the plain formats when they can say everything, PAM when
// there is alpha (or when asked). Used to hand decoded pixels to tools that
// do not read PNG; palette images are expanded because Netpbm has none.
#include <new>
#include <string>

#include "io/image_io.h"

namespace nlic {
namespace {

// The image as Netpbm sees it: no palette, maxval instead of a bit depth.
struct Raster {
  int channels = 0;
  uint32_t maxval = 0;
  std::vector<uint16_t> expanded;  // only filled for palette images
  const std::vector<uint16_t>* samples = nullptr;
};

// Out-of-range indices become opaque black, as the PNG spec suggests.
void ExpandPalette(const Image& img, Raster* r) {
  const bool alpha = !img.trns.empty();
  const size_t entries = img.palette.size() / 3;
  r->channels = alpha ? 4 : 3;
  r->maxval = 255;
  r->expanded.resize(img.samples.size() * r->channels);
  uint16_t* o = r->expanded.data();
  for (uint16_t index : img.samples) {
    for (int k = 0; k < 3; ++k) *o++ = index < entries ? img.palette[index * 3 + k] : 0;
    if (alpha) *o++ = index < img.trns.size() ? img.trns[index] : 255;
  }
  r->samples = &r->expanded;
}

const char* TupleType(int channels) {
  static const char* kNames[] = {"GRAYSCALE", "GRAYSCALE_ALPHA", "RGB", "RGB_ALPHA"};
  return kNames[channels - 1];
}

std::string HeaderFor(const Image& img, const Raster& r, bool pam) {
  const std::string w = std::to_string(img.width), h = std::to_string(img.height);
  const std::string m = std::to_string(r.maxval);
  if (!pam) return std::string(r.channels == 1 ? "P5" : "P6") + "\n" + w + " " + h + "\n" + m + "\n";
  return "P7\nWIDTH " + w + "\nHEIGHT " + h + "\nDEPTH " + std::to_string(r.channels) + "\nMAXVAL " + m +
         "\nTUPLTYPE " + TupleType(r.channels) + "\nENDHDR\n";
}

}  // namespace

// A gray/RGB tRNS colour key has no Netpbm equivalent and is not applied.
Status WritePnm(const Image& image, bool force_pam, std::vector<uint8_t>* out) {
  if (Status shape = CheckImageShape(image); !shape.ok()) return InvalidArgument("PNM writer: " + shape.message());
  Raster r;
  std::vector<uint8_t> bytes;
  try {
    if (image.color_type == ColorType::kPalette) {
      ExpandPalette(image, &r);
    } else {
      r.channels = image.channels();
      r.maxval = image.max_value();
      r.samples = &image.samples;
    }
    const bool pam = force_pam || r.channels == 2 || r.channels == 4;
    const std::string header = HeaderFor(image, r, pam);
    const bool wide = r.maxval > 255;
    bytes.reserve(header.size() + r.samples->size() * (wide ? 2 : 1));
    bytes.assign(header.begin(), header.end());
    for (uint16_t s : *r.samples) {
      if (wide) bytes.push_back(uint8_t(s >> 8));  // Netpbm is big-endian
      bytes.push_back(uint8_t(s));
    }
  } catch (const std::bad_alloc&) {
    return LimitExceeded("PNM writer: out of memory");
  }
  *out = std::move(bytes);
  return Status::Ok();
}

}  // namespace nlic
