#include "codec/tile_table.h"

#include <string>

#include "codec/resource_limits.h"

namespace nlic {

std::string StripeName(uint32_t i, uint32_t n) { return "stripe " + std::to_string(i) + " of " + std::to_string(n); }

Status ReadTileTable(ByteReader* in, const Header& h, std::vector<TileRecord>* tiles) {
  const uint32_t n = h.tile_count();
  tiles->clear();
  tiles->reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    TileRecord t;
    const Header::Rows rows = h.stripe(i);
    t.first_row = rows.first;
    t.row_count = rows.count;
    uint64_t size;
    if (!in->Varint(&size) || !in->U32LE(&t.pixel_crc))
      return CorruptInput("file is truncated in the record of " + StripeName(i, n));
    if (size > kMaxTilePayloadBytes || size > in->remaining())
      return CorruptInput("file is truncated: " + StripeName(i, n) + " claims " + std::to_string(size) +
                          " bytes but only " + std::to_string(in->remaining()) + " remain");
    // The encoder's flush always writes a byte, so an empty payload is forged.
    if (size == 0) return CorruptInput(StripeName(i, n) + " has an empty payload");
    t.payload_size = size_t(size);
    if (!in->Bytes(t.payload_size, &t.payload)) return CorruptInput("file is truncated in " + StripeName(i, n));
    tiles->push_back(t);
  }
  if (in->remaining() != 0)
    return CorruptInput(std::to_string(in->remaining()) + " unexpected bytes after the last stripe");
  return Status::Ok();
}

}  // namespace nlic
