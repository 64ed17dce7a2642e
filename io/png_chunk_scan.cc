#include "io/png_chunk_scan.h"

#include <sys/types.h>

#include <cstring>

#include "io/pixel_limit.h"
#include "io/png_read_common.h"

namespace nlic {
namespace {

uint32_t Be32(const uint8_t* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }

bool ReadExact(std::FILE* f, void* out, size_t n) { return std::fread(out, 1, n, f) == n; }

}  // namespace

Status ScanPngTrailingChunks(std::FILE* file, const ReadLimits& limits, std::vector<Chunk>* after_idat) {
  after_idat->clear();
  if (fseeko(file, 0, SEEK_SET) != 0) return IoError("PNG: input is not seekable");
  uint8_t sig[kPngSignatureSize];
  const size_t got = std::fread(sig, 1, sizeof sig, file);
  NLIC_RETURN_IF_ERROR(CheckPngSignature(sig, got));
  bool first = true, seen_idat = false;
  uint64_t metadata = 0;
  for (;;) {
    uint8_t head[8];
    if (!ReadExact(file, head, sizeof head)) return Status::Ok();
    const uint32_t length = Be32(head);
    if (length > PNG_UINT_31_MAX) return Status::Ok();
    const char* type = reinterpret_cast<const char*>(head + 4);
    if (first && std::memcmp(type, "IHDR", 4) == 0 && length == 13) {
      uint8_t ihdr[13];
      if (!ReadExact(file, ihdr, sizeof ihdr)) return Status::Ok();
      NLIC_RETURN_IF_ERROR(CheckPixelLimit("PNG", Be32(ihdr), Be32(ihdr + 4), limits));
      if (fseeko(file, 4, SEEK_CUR) != 0) return Status::Ok();
      first = false;
      continue;
    }
    first = false;
    if (std::memcmp(type, "IEND", 4) == 0) return Status::Ok();
    const bool idat = std::memcmp(type, "IDAT", 4) == 0;
    seen_idat |= idat;
    const bool wanted = seen_idat && !idat && (type[0] & 0x20) && std::memcmp(type, "tRNS", 4) != 0;
    if (!wanted) {
      if (fseeko(file, off_t(length) + 4, SEEK_CUR) != 0) return Status::Ok();
      continue;
    }
    metadata += length + kPngChunkOverhead;
    if (metadata > limits.max_metadata_bytes)
      return LimitExceeded("PNG: metadata chunks exceed the metadata size limit");
    Chunk c;
    std::memcpy(c.type.data(), type, 4);
    c.place = ChunkPlace::kAfterIdat;
    c.data.resize(length);
    if (!ReadExact(file, c.data.data(), length) || fseeko(file, 4, SEEK_CUR) != 0) return Status::Ok();
    after_idat->push_back(std::move(c));
  }
}

}  // namespace nlic
