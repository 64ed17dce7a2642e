#include "io/stb_truncation.h"

namespace nlic {
namespace {

uint32_t Le(const uint8_t* p, int n) {
  uint32_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = v << 8 | p[i];
  return v;
}

// stb accepts only uncompressed and bitfield BMPs (no RLE), so the pixel
// array size is exact. The last row may lack its padding (some writers).
Status CheckBmp(const uint8_t* d, size_t size) {
  if (size < 30) return CorruptInput("BMP: truncated header");
  const uint32_t offset = Le(d + 10, 4), dib = Le(d + 14, 4);
  uint64_t width = 0, height = 0, bpp = 0;
  if (dib == 12) {  // OS/2 BITMAPCOREHEADER
    width = Le(d + 18, 2);
    height = Le(d + 20, 2);
    bpp = Le(d + 24, 2);
  } else {
    const auto w = int32_t(Le(d + 18, 4)), h = int32_t(Le(d + 22, 4));
    width = w < 0 ? 0 : uint64_t(w);
    height = h < 0 ? uint64_t(-int64_t(h)) : uint64_t(h);  // negative = top-down
    bpp = Le(d + 28, 2);
  }
  // Values stb rejects itself; also keeps the products below far from overflow.
  if (width == 0 || height == 0 || width > (1u << 24) || height > (1u << 24) || bpp > 64) return Status::Ok();
  const uint64_t stride = (width * bpp + 31) / 32 * 4;
  if (uint64_t(offset) + stride * (height - 1) + (width * bpp + 7) / 8 > size)
    return CorruptInput("BMP: pixel data is truncated");
  return Status::Ok();
}

// Raw TGA needs width*height pixels after the header; RLE packets are walked.
Status CheckTga(const uint8_t* d, size_t size) {
  if (size < 18) return CorruptInput("TGA: truncated header");
  const int type = d[2];
  const uint64_t width = Le(d + 12, 2), height = Le(d + 14, 2), pixel = (uint64_t(d[16]) + 7) / 8;
  const bool raw = type == 1 || type == 2 || type == 3, rle = type == 9 || type == 10 || type == 11;
  if ((!raw && !rle) || pixel == 0 || pixel > 4) return Status::Ok();
  uint64_t pos = 18 + uint64_t(d[0]) + (d[1] ? Le(d + 5, 2) * ((uint64_t(d[7]) + 7) / 8) : 0);
  const uint64_t total = width * height;
  if (raw) {
    if (pos + total * pixel > size) return CorruptInput("TGA: pixel data is truncated");
    return Status::Ok();
  }
  for (uint64_t done = 0; done < total;) {
    if (pos >= size) return CorruptInput("TGA: RLE pixel data is truncated");
    const uint8_t header = d[pos++];
    const uint64_t run = (header & 0x7f) + 1;
    pos += header & 0x80 ? pixel : run * pixel;
    done += run;
  }
  if (pos > size) return CorruptInput("TGA: RLE pixel data is truncated");
  return Status::Ok();
}

// Skips a chain of GIF sub-blocks; false if the input ends inside it.
bool SkipSubBlocks(const uint8_t* d, size_t size, size_t* pos) {
  for (;;) {
    if (*pos >= size) return false;
    const size_t n = d[(*pos)++];
    if (n == 0) return true;
    if (n > size - *pos) return false;
    *pos += n;
  }
}

// The first frame's LZW sub-blocks must be complete (stb decodes only it).
Status CheckGif(const uint8_t* d, size_t size) {
  const Status truncated = CorruptInput("GIF: truncated before the end of the first frame");
  if (size < 13) return truncated;
  size_t pos = 13;
  if (d[10] & 0x80) pos += size_t(3) << ((d[10] & 7) + 1);  // global colour table
  while (pos < size) {
    const uint8_t block = d[pos++];
    if (block == 0x21) {  // extension: label, then sub-blocks
      ++pos;
      if (!SkipSubBlocks(d, size, &pos)) return truncated;
    } else if (block == 0x2C) {  // image: descriptor, local table, LZW size, data
      if (size - pos < 10) return truncated;
      const uint8_t flags = d[pos + 8];
      pos += 9;
      if (flags & 0x80) pos += size_t(3) << ((flags & 7) + 1);
      ++pos;
      return SkipSubBlocks(d, size, &pos) ? Status::Ok() : truncated;
    } else {
      return Status::Ok();  // trailer or garbage: stb's verdict
    }
  }
  return truncated;
}

}  // namespace

Status CheckStbInputComplete(FileFormat format, const uint8_t* data, size_t size) {
  switch (format) {
    case FileFormat::kBmp:
      return CheckBmp(data, size);
    case FileFormat::kGif:
      return CheckGif(data, size);
    case FileFormat::kTga:
    case FileFormat::kUnknown:
      return CheckTga(data, size);
    default:
      return Status::Ok();
  }
}

}  // namespace nlic
