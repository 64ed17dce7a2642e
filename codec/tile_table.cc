#include "codec/tile_table.h"

#include <string>

#include "codec/resource_limits.h"

namespace nlic {

Status ReadTileTable(ByteReader* in, const Header& h, std::vector<TileRecord>* tiles) {
  const uint32_t n = h.tile_count();
  tiles->clear();
  tiles->reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    TileRecord t;
    t.first_row = i * h.stripe_rows;
    t.row_count = std::min(h.stripe_rows, h.height - t.first_row);
    uint64_t size;
    const std::string where = "stripe " + std::to_string(i) + " of " + std::to_string(n);
    if (!in->Varint(&size) || !in->U32LE(&t.pixel_crc))
      return CorruptInput("file is truncated in the record of " + where);
    if (size > kMaxTilePayloadBytes || size > in->remaining())
      return CorruptInput("file is truncated: " + where + " claims " + std::to_string(size) + " bytes but only " +
                          std::to_string(in->remaining()) + " remain");
    // The encoder's flush always writes a byte, so an empty payload is forged.
    if (size == 0) return CorruptInput(where + " has an empty payload");
    t.payload_size = size_t(size);
    if (!in->Bytes(t.payload_size, &t.payload)) return CorruptInput("file is truncated in " + where);
    tiles->push_back(t);
  }
  if (in->remaining() != 0)
    return CorruptInput(std::to_string(in->remaining()) + " unexpected bytes after the last stripe");
  return Status::Ok();
}

}  // namespace nlic
