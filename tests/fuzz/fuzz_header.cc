// The container header and stripe table parsers: ReadHeader (through
// ByteReader) and ReadInfo, which also walks the stripe records.
#include <algorithm>

#include "codec/resource_limits.h"
#include "fuzz_common.h"

namespace {

void ParseOne(const uint8_t* data, size_t size) {
  {
    nlic::ByteReader in(data, size);
    nlic::Header h;
    if (nlic::ReadHeader(&in, nlic::kMaxPixels, &h).ok()) {
      NLIC_FUZZ_CHECK(in.pos() <= size, "ReadHeader read past the end");
      NLIC_FUZZ_CHECK(h.width >= 1 && h.height >= 1 && h.stripe_rows >= 1, "ReadHeader accepted a zero field");
      NLIC_FUZZ_CHECK(nlic::IsValidDepth(h.color_type, h.bit_depth), "ReadHeader accepted a bad depth");
      NLIC_FUZZ_CHECK(h.trns.empty() || h.trns_index <= h.chunks.size(), "ReadHeader accepted a bad trns_index");
      // What the reader accepts, the writer must reproduce byte for byte.
      std::vector<uint8_t> again;
      nlic::WriteHeader(h, &again);
      NLIC_FUZZ_CHECK(again.size() == in.pos() && std::equal(again.begin(), again.end(), data),
                      "WriteHeader(ReadHeader(x)) != x");
    }
  }
  nlic::FileInfo info;
  if (!nlic::ReadInfo(data, size, &info).ok()) return;
  NLIC_FUZZ_CHECK(info.stripe_rows >= 1, "ReadInfo: zero stripe_rows");
  NLIC_FUZZ_CHECK(info.tile_count == (uint64_t(info.height) + info.stripe_rows - 1) / info.stripe_rows,
                  "ReadInfo: tile count does not match height / stripe_rows");
  NLIC_FUZZ_CHECK(info.header_bytes + info.payload_bytes <= size, "ReadInfo: sizes exceed the input");
  NLIC_FUZZ_CHECK(info.chunk_types.size() == info.chunk_count, "ReadInfo: chunk list size mismatch");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ParseOne(data, size);
  std::vector<uint8_t> fixed;
  if (nlic_fuzz::FixHeaderCrc(data, size, &fixed)) ParseOne(fixed.data(), fixed.size());
  return 0;
}
