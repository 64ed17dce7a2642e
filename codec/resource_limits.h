// Resource limits. Every one is checked before anything is allocated, so a
// hostile file cannot make the decoder allocate more than these allow.
#pragma once

#include <cstdint>

namespace nlic {

// Largest width or height. 2^24 keeps x/y and per-row byte counts well inside
// 32-bit arithmetic (16M * 4 channels * 2 bytes < 2^31).
inline constexpr uint32_t kMaxDimension = 1u << 24;

// Largest pixel count. 2^28 (268 MP) admits a 20000x12000 scan while keeping a
// fully buffered 4-channel 16-bit image under 2 GiB.
inline constexpr uint64_t kMaxPixels = uint64_t(1) << 28;

// Total bytes of metadata chunks. ICC profiles and EXIF blocks are at most a
// few MB in practice; 64 MiB leaves room without letting a header balloon.
inline constexpr uint64_t kMaxMetadataBytes = uint64_t(64) << 20;

// Number of metadata chunks. Bounds the per-chunk bookkeeping a header can
// request independently of their (possibly empty) sizes.
inline constexpr uint32_t kMaxChunks = 1u << 16;

// Number of stripes (tiles). Each stripe record costs a few bytes of header;
// with at least one row per stripe this is implied by kMaxDimension, but the
// explicit bound keeps the tile table allocation obviously small.
inline constexpr uint32_t kMaxTiles = 1u << 20;

// One stripe's compressed payload. Raw 16-bit RGBA at kMaxPixels is 2 GiB and
// a stripe never needs more than its raw size plus coder slack.
inline constexpr uint64_t kMaxTilePayloadBytes = uint64_t(1) << 32;

}  // namespace nlic
