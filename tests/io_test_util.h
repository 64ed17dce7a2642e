// Helpers shared by the image I/O tests: file loading and a minimal PNG
// chunk walker/builder, independent of libpng so it can check libpng's work.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "io/image_io.h"

namespace nlic::testing {

inline std::string TestImagePath(const std::string& name) {
  return std::string(NLIC_TESTIMAGES_DIR) + "/" + name;
}

inline std::vector<uint8_t> LoadTestImage(const std::string& name) {
  std::vector<uint8_t> bytes;
  Status s = ReadFileBytes(TestImagePath(name), &bytes);
  if (!s.ok()) bytes.clear();
  return bytes;
}

struct RawChunk {
  std::string type;
  std::vector<uint8_t> data;
};

inline uint32_t Be32(const uint8_t* p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}

// Chunks after the signature, in file order; empty on any inconsistency.
inline std::vector<RawChunk> WalkChunks(const std::vector<uint8_t>& png) {
  std::vector<RawChunk> out;
  size_t pos = 8;
  while (pos + 12 <= png.size()) {
    const uint32_t len = Be32(&png[pos]);
    if (len > png.size() - pos - 12) return {};
    RawChunk c;
    c.type.assign(reinterpret_cast<const char*>(&png[pos + 4]), 4);
    c.data.assign(png.begin() + pos + 8, png.begin() + pos + 8 + len);
    out.push_back(std::move(c));
    pos += 12 + len;
  }
  return out;
}

inline void AppendBe32(std::vector<uint8_t>* v, uint32_t x) {
  for (int s = 24; s >= 0; s -= 8) v->push_back(uint8_t(x >> s));
}

// type + payload + a correct CRC (zlib's crc32 is the PNG CRC).
inline void AppendChunk(std::vector<uint8_t>* png, const char* type, const std::vector<uint8_t>& data) {
  AppendBe32(png, uint32_t(data.size()));
  const size_t start = png->size();
  png->insert(png->end(), type, type + 4);
  png->insert(png->end(), data.begin(), data.end());
  const uint32_t crc = uint32_t(crc32(0, png->data() + start, uInt(png->size() - start)));
  AppendBe32(png, crc);
}

inline std::vector<uint8_t> PngSignature() { return {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}; }

inline std::vector<uint8_t> IhdrPayload(uint32_t w, uint32_t h, uint8_t depth, uint8_t color,
                                        uint8_t interlace = 0) {
  std::vector<uint8_t> d;
  AppendBe32(&d, w);
  AppendBe32(&d, h);
  d.insert(d.end(), {depth, color, 0, 0, interlace});
  return d;
}

// Rebuilds a PNG from chunks (recomputing CRCs).
inline std::vector<uint8_t> BuildPng(const std::vector<RawChunk>& chunks) {
  std::vector<uint8_t> png = PngSignature();
  for (const RawChunk& c : chunks) AppendChunk(&png, c.type.c_str(), c.data);
  return png;
}

}  // namespace nlic::testing
