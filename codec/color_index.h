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

// Distinct pixel values in order of first occurrence, with their counts;
// gives up (and stops looking) once there are more than 256.
class ColorCounter {
 public:
  explicit ColorCounter(int channels) : channels_(channels) {}
  // `pixels` whole pixels of `channels` samples each, in raster order.
  void Add(const uint16_t* samples, size_t pixels);
  bool fits() const { return fits_; }
  // The colour table (count x channels samples), most frequent colour
  // first; ties keep the order of first occurrence. Only when fits().
  std::vector<uint16_t> Table() const;

 private:
  struct Entry {
    uint64_t key;
    uint64_t count;
  };
  int channels_;
  bool fits_ = true;
  std::unordered_map<uint64_t, uint32_t> slot_;  // key -> position in entries_
  std::vector<Entry> entries_;                   // in order of first occurrence
};

// Whether the encoder considers a colour table for this header and effort:
// profile 0, not a palette image, 8- or 16-bit (spec/format.md 10).
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
