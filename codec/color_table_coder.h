// The colour table's bytes in the header (spec/format.md section 2.1): the
// entries in strictly increasing order, each sample as its difference from
// the same sample of the entry before, by the arithmetic coder of section 4
// with a few adaptive counters. Sorted tables of screenshots and icons are
// ramps and clusters, so the differences are small: a 256-entry gray ramp
// costs a few dozen bytes instead of 1 KiB.
#pragma once

#include <cstdint>
#include <vector>

#include "codec/status.h"

namespace nlic {

// The most bytes a packed table may claim (far above any real one).
inline constexpr uint64_t kMaxPackedColorTableBytes = uint64_t(1) << 16;

// `table`: entries x channels samples at `depth` bits, strictly increasing
// (channel 0 most significant).
std::vector<uint8_t> PackColorTable(const std::vector<uint16_t>& table, int channels, int depth);

// CorruptInput when the bytes do not decode to `entries` strictly
// increasing entries.
Status UnpackColorTable(const uint8_t* data, size_t size, uint32_t entries, int channels, int depth,
                        std::vector<uint16_t>* table);

}  // namespace nlic
