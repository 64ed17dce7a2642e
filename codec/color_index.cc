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
  uint32_t last_slot = ~0u;
  for (size_t i = 0; i < pixels && fits_; ++i) {
    const uint64_t key = PixelKey(samples + i * size_t(channels_), channels_);
    if (key == last_key && last_slot != ~0u) {
      ++entries_[last_slot].count;
      continue;
    }
    auto [it, added] = slot_.try_emplace(key, uint32_t(entries_.size()));
    if (added) {
      if (entries_.size() == kMaxColorTableEntries) {
        fits_ = false;
        slot_.clear();
        entries_.clear();
        break;
      }
      entries_.push_back(Entry{key, 0});
    }
    last_key = key;
    last_slot = it->second;
    ++entries_[last_slot].count;
  }
}

std::vector<uint16_t> ColorCounter::Table() const {
  std::vector<Entry> order = entries_;
  std::stable_sort(order.begin(), order.end(), [](const Entry& a, const Entry& b) { return a.count > b.count; });
  std::vector<uint16_t> table;
  table.reserve(order.size() * size_t(channels_));
  for (const Entry& e : order)
    for (int c = channels_ - 1; c >= 0; --c) table.push_back(uint16_t(e.key >> (16 * c)));
  return table;
}

bool ColorIndexApplies(const Header& h) {
  return h.profile == 0 && h.color_type != ColorType::kPalette && h.bit_depth >= 8;
}

ColorIndexer::ColorIndexer(const Header& h) : channels_(h.channels()) {
  const size_t entries = h.color_table.size() / size_t(channels_);
  for (size_t i = 0; i < entries; ++i)
    sorted_.emplace_back(PixelKey(h.color_table.data() + i * size_t(channels_), channels_), uint16_t(i));
  std::sort(sorted_.begin(), sorted_.end());
}

bool ColorIndexer::ToIndices(const uint16_t* samples, size_t pixels, uint16_t* indices) const {
  uint64_t last_key = ~uint64_t(0);
  uint16_t last = 0;
  for (size_t i = 0; i < pixels; ++i) {
    const uint64_t key = PixelKey(samples + i * size_t(channels_), channels_);
    if (key != last_key) {
      auto it = std::lower_bound(sorted_.begin(), sorted_.end(), std::make_pair(key, uint16_t(0)));
      if (it == sorted_.end() || it->first != key) return false;
      last_key = key;
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
