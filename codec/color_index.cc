#include "codec/color_index.h"

#include <algorithm>

namespace nlic {
namespace {

uint64_t PixelKey(const uint16_t* px, int channels) {
  uint64_t key = 0;
  for (int c = 0; c < channels; ++c) key = key << 16 | px[c];
  return key;
}

}  // namespace

void ColorCounter::Add(const uint16_t* samples, size_t pixels) {
  // Runs of one colour are the common case in the images that fit.
  uint64_t last_key = 0;
  bool have_last = false;
  for (size_t i = 0; i < pixels && fits_; ++i) {
    const uint64_t key = PixelKey(samples + i * size_t(channels_), channels_);
    if (have_last && key == last_key) continue;
    if (slot_.try_emplace(key, uint32_t(keys_.size())).second) {
      if (keys_.size() == kMaxColorTableEntries) {
        fits_ = false;
        slot_.clear();
        keys_.clear();
        break;
      }
      keys_.push_back(key);
    }
    last_key = key;
    have_last = true;
  }
}

std::vector<uint16_t> ColorCounter::Table() const {
  // Increasing order: the header stores it so (codec/color_table_coder.h).
  std::vector<uint64_t> keys = keys_;
  std::sort(keys.begin(), keys.end());
  std::vector<uint16_t> table;
  table.reserve(keys.size() * size_t(channels_));
  for (const uint64_t key : keys)
    for (int c = channels_ - 1; c >= 0; --c) table.push_back(uint16_t(key >> (16 * c)));
  return table;
}

ColorSurvey::ColorSurvey(uint32_t width, uint32_t height, int channels)
    : width_(width), height_(height), channels_(channels), colors_(channels) {
  const uint64_t by_size = kSamplePixels / (uint64_t(kSampleBlockRows) * width);
  blocks_ = uint32_t(std::max<uint64_t>(1, std::min<uint64_t>(height / kSampleBlockRows, by_size)));
}

void ColorSurvey::AddRows(const uint16_t* rows, uint32_t count) {
  const size_t stride = size_t(width_) * size_t(channels_);
  colors_.Add(rows, size_t(count) * width_);
  for (uint32_t r = 0; r < count && colors_.fits(); ++r, ++y_) {
    // Block j covers kSampleBlockRows rows from j * height / blocks (the
    // blocks never overlap: height / blocks >= kSampleBlockRows).
    while (next_block_ < blocks_ &&
           y_ >= uint64_t(next_block_) * height_ / blocks_ + kSampleBlockRows)
      ++next_block_;
    if (next_block_ < blocks_ && y_ >= uint64_t(next_block_) * height_ / blocks_)
      sample_.insert(sample_.end(), rows + r * stride, rows + (r + 1) * stride);
  }
}

bool ColorIndexApplies(const Header& h) {
  return h.color_type != ColorType::kPalette && h.bit_depth >= 8;
}

ColorIndexer::ColorIndexer(const Header& h) : channels_(h.channels()) {
  const size_t entries = h.color_table.size() / size_t(channels_);
  for (size_t i = 0; i < entries; ++i)
    sorted_.emplace_back(PixelKey(h.color_table.data() + i * size_t(channels_), channels_), uint16_t(i));
  std::sort(sorted_.begin(), sorted_.end());
}

bool ColorIndexer::ToIndices(const uint16_t* samples, size_t pixels, uint16_t* indices) const {
  // No key is out of range (four 16-bit samples fill all 64 bits), so
  // whether there is a last one is a flag of its own.
  uint64_t last_key = 0;
  bool have_last = false;
  uint16_t last = 0;
  for (size_t i = 0; i < pixels; ++i) {
    const uint64_t key = PixelKey(samples + i * size_t(channels_), channels_);
    if (!have_last || key != last_key) {
      auto it = std::lower_bound(sorted_.begin(), sorted_.end(), std::make_pair(key, uint16_t(0)));
      if (it == sorted_.end() || it->first != key) return false;
      last_key = key;
      have_last = true;
      last = it->second;
    }
    indices[i] = last;
  }
  return true;
}

bool ExpandIndices(const Header& h, uint16_t* rows, size_t pixels) {
  const size_t channels = size_t(h.channels());
  const size_t entries = h.color_table.size() / channels;
  // Backwards: pixel i's samples land at or after index i, so no index is
  // overwritten before it is read.
  for (size_t i = pixels; i-- > 0;) {
    const size_t v = rows[i];
    if (v >= entries) return false;
    const uint16_t* entry = h.color_table.data() + v * channels;
    for (size_t c = channels; c-- > 0;) rows[i * channels + c] = entry[c];
  }
  return true;
}

}  // namespace nlic
