// Reading and writing image files. Every reader treats its input as hostile:
// failures come back as Status (never a crash, never an unbounded allocation).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "image.h"
#include "resource_limits.h"
#include "status.h"

namespace nlic {

enum class FileFormat { kUnknown, kPng, kJpeg, kBmp, kTga, kPnm, kPam, kGif, kNlic };

// Sniffs the magic bytes (not the file name).
FileFormat DetectFormat(const uint8_t* data, size_t size);
// From the extension of `path` (".png", ".ppm", ".pgm", ".pnm", ".pam", ".nlic"...).
FileFormat FormatFromExtension(const std::string& path);

// Readers limits: reject before allocating when width*height exceeds this.
struct ReadLimits {
  uint64_t max_pixels = kMaxPixels;  // the container's limits, so what we read we can encode
  uint64_t max_metadata_bytes = kMaxMetadataBytes;
};

// PNG through libpng: all colour types and depths, interlaced (de-interlaced
// into `samples`, flag kept), PLTE, tRNS and every ancillary chunk verbatim.
Status ReadPng(const uint8_t* data, size_t size, const ReadLimits& limits, Image* out);
// Writes the same colour type/depth/palette/tRNS/interlace and the chunks at
// their original places.
Status WritePng(const Image& image, std::vector<uint8_t>* out);

struct PngWriteOptions {
  int compression_level = 6;     // zlib level 0..9
  bool try_all_filters = false;  // libpng picks among all five filters per row, palette images too
};
Status WritePng(const Image& image, const PngWriteOptions& options, std::vector<uint8_t>* out);

// JPEG through libjpeg-turbo, as decoded 8-bit gray or RGB pixels. Lossless
// with respect to those decoded pixels, not to the JPEG file.
Status ReadJpeg(const uint8_t* data, size_t size, const ReadLimits& limits, Image* out);
// BMP, TGA, PNM (P5/P6, 8/16-bit), GIF (first frame) through stb_image.
Status ReadStb(const uint8_t* data, size_t size, const ReadLimits& limits, Image* out);
// PAM (P7) and PNM (P1-P6) by our own parser, 1..16-bit, 1..4 channels.
Status ReadPnm(const uint8_t* data, size_t size, const ReadLimits& limits, Image* out);
// PPM/PGM for gray/RGB, PAM for anything else (alpha). Palette images are
// expanded to RGB(A). Depth > 8 is written as 16-bit maxval.
Status WritePnm(const Image& image, bool force_pam, std::vector<uint8_t>* out);

// Dispatch on DetectFormat.
Status ReadImage(const uint8_t* data, size_t size, const ReadLimits& limits, Image* out);

// Whole-file helpers; "-" means stdin/stdout.
Status ReadFileBytes(const std::string& path, std::vector<uint8_t>* out);

}  // namespace nlic
