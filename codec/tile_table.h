// The stripe records that follow the header: for each stripe, its payload
// length (varint), the CRC-32 of its decoded pixels (u32 LE), then the payload.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "codec/byte_io.h"
#include "codec/header.h"

namespace nlic {

struct TileRecord {
  uint32_t first_row = 0, row_count = 0;
  uint32_t pixel_crc = 0;
  const uint8_t* payload = nullptr;
  size_t payload_size = 0;
};

// "stripe 3 of 12", for messages; built only on error paths.
std::string StripeName(uint32_t i, uint32_t n);

// Walks every record, checking each length against the bytes left, and that
// nothing follows the last one. On failure *tiles still holds the records
// read before the damage, which is what a salvage can use.
Status ReadTileTable(ByteReader* in, const Header& h, std::vector<TileRecord>* tiles);

}  // namespace nlic
