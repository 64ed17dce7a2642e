// Colour indexing: an image with at most 256 distinct pixel values (whole
// pixels, all channels) is coded as indices into a colour table by the
// palette coder (spec/palette.md), and the decoder maps the indices back to
// samples. The table is an internal transform kept in the header, not a PNG
// palette: the decoded image keeps its colour type and depth.
//
// Both encoders build the table with the one ColorCounter: Encode feeds it
// the whole image, EncodeStream the rows of a pre-scan, so they write the
// same bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "codec/header.h"

namespace nlic {

inline constexpr uint32_t kMaxColorTableEntries = 256;

// Distinct pixel values; gives up (and stops looking) once there are more
// than 256.
class ColorCounter {
 public:
  explicit ColorCounter(int channels) : channels_(channels) {}
  // `pixels` whole pixels of `channels` samples each, in raster order.
  void Add(const uint16_t* samples, size_t pixels);
  bool fits() const { return fits_; }
  // The colour table (count x channels samples) in increasing order
  // (channel 0 most significant). Only when fits().
  std::vector<uint16_t> Table() const;

 private:
  int channels_;
  bool fits_ = true;
  std::unordered_map<uint64_t, uint32_t> slot_;  // key -> position in keys_
  std::vector<uint64_t> keys_;                    // in order of first occurrence
};

// What the encoder learns from one read of the rows: the colours, and a
// sample of rows (blocks of kSampleBlockRows spread evenly down the image,
// about kSamplePixels in all) to trial-code both ways.
class ColorSurvey {
 public:
  static constexpr uint32_t kSampleBlockRows = 8, kSamplePixels = 1u << 16;
  ColorSurvey(uint32_t width, uint32_t height, int channels);
  // The next `count` rows, top to bottom.
  void AddRows(const uint16_t* rows, uint32_t count);
  const ColorCounter& colors() const { return colors_; }
  // The sampled rows, one after another.
  const std::vector<uint16_t>& sample() const { return sample_; }
  uint32_t sample_rows() const { return uint32_t(sample_.size() / (size_t(width_) * channels_)); }

 private:
  uint32_t width_, height_;
  int channels_;
  uint32_t blocks_, next_block_ = 0, y_ = 0;
  ColorCounter colors_;
  std::vector<uint16_t> sample_;
};

// Whether the encoder considers a colour table for this header: not a
// palette image, 8- or 16-bit (spec/format.md 10). At any effort: indices
// are always coded by profile 0's palette coder.
bool ColorIndexApplies(const Header& h);

// Encoder side: pixel -> index through the header's table.
class ColorIndexer {
 public:
  explicit ColorIndexer(const Header& h);
  // Fails (returns false) when a pixel is not in the table.
  bool ToIndices(const uint16_t* samples, size_t pixels, uint16_t* indices) const;

 private:
  int channels_;
  std::vector<std::pair<uint64_t, uint16_t>> sorted_;  // key -> index, by key
};

// Decoder side: `rows` holds `pixels` indices at its start; replaces them in
// place by the table's samples (channels per pixel). Returns false when an
// index is past the table (a damaged stream).
bool ExpandIndices(const Header& h, uint16_t* rows, size_t pixels);

}  // namespace nlic
