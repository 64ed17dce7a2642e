#include "tools/stress/crafted_png.h"

#include <zlib.h>

#include <cstring>

namespace nlic::stress {
namespace {

void U32BE(std::vector<uint8_t>* out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out->push_back(uint8_t(v >> (8 * i)));
}

void Chunk(std::vector<uint8_t>* out, const char type[4], const std::vector<uint8_t>& data) {
  U32BE(out, uint32_t(data.size()));
  const size_t start = out->size();
  out->insert(out->end(), type, type + 4);
  out->insert(out->end(), data.begin(), data.end());
  U32BE(out, uint32_t(crc32(0, out->data() + start, uInt(out->size() - start))));
}

}  // namespace

std::vector<uint8_t> PngClaiming(uint32_t width, uint32_t height, bool interlaced) {
  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  std::vector<uint8_t> ihdr;
  U32BE(&ihdr, width);
  U32BE(&ihdr, height);
  ihdr.insert(ihdr.end(), {8, 0, 0, 0, uint8_t(interlaced ? 1 : 0)});  // 8-bit gray
  Chunk(&png, "IHDR", ihdr);
  // The first rows' worth of zeros, compressed: a few dozen bytes.
  const std::vector<uint8_t> raw(4096, 0);
  std::vector<uint8_t> idat(compressBound(uLong(raw.size())));
  uLongf n = uLongf(idat.size());
  compress2(idat.data(), &n, raw.data(), uLong(raw.size()), 9);
  idat.resize(n);
  Chunk(&png, "IDAT", idat);
  Chunk(&png, "IEND", {});
  return png;
}

}  // namespace nlic::stress
