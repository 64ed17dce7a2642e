// The one image type every reader produces and every writer and the codec
// consume. Samples are stored unpacked, one uint16_t per sample, so 1..16-bit
// images share a single code path; a palette image stores indices.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "status.h"

namespace nlic {

// Values are PNG's IHDR colour types, so they round-trip without a table.
enum class ColorType : uint8_t {
  kGray = 0,
  kRGB = 2,
  kPalette = 3,
  kGrayAlpha = 4,
  kRGBA = 6,
};

int ChannelCount(ColorType t);
bool IsValidColorType(uint8_t t);
// PNG's rules: which bit depths each colour type allows.
bool IsValidDepth(ColorType t, int bit_depth);

// Where an ancillary chunk sat in the PNG stream, so a writer can put it back
// in a legal and identical position.
enum class ChunkPlace : uint8_t {
  kBeforePlte = 0,  // after IHDR, before PLTE (or before IDAT if no PLTE)
  kBeforeIdat = 1,  // after PLTE, before IDAT
  kAfterIdat = 2,   // after IDAT, before IEND
};

// PNG chunk types are four ASCII letters.
inline bool IsChunkLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// What Image::chunks may hold: four letters, the first lowercase (an
// ancillary chunk), and not tRNS, which has its own field. A critical chunk
// cannot travel as metadata: no PNG writer could place it.
inline bool IsMetadataChunkType(const std::array<char, 4>& t) {
  for (char c : t)
    if (!IsChunkLetter(c)) return false;
  return (t[0] & 0x20) && !(t[0] == 't' && t[1] == 'R' && t[2] == 'N' && t[3] == 'S');
}

// One metadata chunk, kept verbatim (type + payload, no length/CRC).
struct Chunk {
  std::array<char, 4> type{};  // e.g. {'t','E','X','t'}
  ChunkPlace place = ChunkPlace::kBeforeIdat;
  std::vector<uint8_t> data;

  std::string TypeString() const { return std::string(type.data(), 4); }
};

struct Image {
  uint32_t width = 0;
  uint32_t height = 0;
  ColorType color_type = ColorType::kRGB;
  uint8_t bit_depth = 8;     // 1, 2, 4, 8 or 16 (per sample / per index)
  bool interlaced = false;   // PNG Adam7 flag, preserved for output only
  std::vector<uint8_t> palette;  // PLTE payload: 3 bytes per entry (kPalette only)
  std::vector<uint8_t> trns;     // tRNS payload verbatim, empty when absent
  std::vector<Chunk> chunks;     // ancillary chunks in file order (no tRNS)
  // How many entries of `chunks` precede tRNS in the file, so a writer puts
  // tRNS back exactly where it was. Meaningless when trns is empty.
  uint32_t trns_index = 0;
  // width * height * channels samples, row-major, channels interleaved.
  // Each sample is < (1 << bit_depth); palette images hold indices.
  std::vector<uint16_t> samples;

  int channels() const { return ChannelCount(color_type); }
  uint32_t max_value() const { return (1u << bit_depth) - 1u; }
  size_t sample_count() const { return size_t(width) * height * channels(); }
  uint16_t at(uint32_t x, uint32_t y, int c) const {
    return samples[(size_t(y) * width + x) * channels() + c];
  }
};

// The shape every consumer of an Image relies on: non-zero size, a valid
// colour type and depth, a sample buffer of the right length with every
// sample within the depth, and a palette PNG allows (1..2^depth entries for a
// palette image, a suggested palette of up to 256 only in RGB/RGBA).
Status CheckImageShape(const Image& img);
// The same without the samples, for streaming, where `samples` is empty and
// the rows arrive later: CheckSampleRange then checks each run of them.
Status CheckImageMeta(const Image& meta);
Status CheckSampleRange(const Image& meta, const uint16_t* samples, size_t count);

// PNG's rule for tRNS: 2 bytes in gray, 6 in RGB, at most one per palette
// entry, never with an alpha channel.
bool TransparencyFits(ColorType t, size_t trns_bytes, size_t palette_entries);

// Everything but the samples, without copying them: what the streaming
// readers, writers and coders pass around as an image's description.
Image CopyMeta(const Image& img);

// Pixels, shape, palette, tRNS and chunks all equal.
bool SameImage(const Image& a, const Image& b, std::string* why = nullptr);

}  // namespace nlic
