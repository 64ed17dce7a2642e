// Shared helpers for the libFuzzer targets in tests/fuzz. Only the fuzzers
// include this; nothing here is part of libnlic.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "codec/byte_io.h"
#include "codec/header.h"
#include "codec/nlic.h"

namespace nlic_fuzz {

// Per-input memory bound: a 2^22-pixel RGBA16 image is 32 MiB of samples.
inline constexpr uint64_t kMaxPixels = uint64_t(1) << 22;
// Images up to this many samples also go through Encode/Decode in the reader
// fuzzers; bigger ones are only parsed (keeps executions per second high).
inline constexpr size_t kMaxCodecSamples = size_t(1) << 12;

// A broken invariant: print what and where, then abort() so libFuzzer saves
// the input as a crash artifact.
[[noreturn]] inline void Fail(const char* file, int line, const std::string& what) {
  std::fprintf(stderr, "\n==nlic-fuzz== invariant broken at %s:%d: %s\n", file, line, what.c_str());
  std::fflush(stderr);
  std::abort();
}
#define NLIC_FUZZ_CHECK(cond, what)                              \
  do {                                                           \
    if (!(cond)) ::nlic_fuzz::Fail(__FILE__, __LINE__, (what));  \
  } while (0)

inline nlic::ReadLimits Limits() {
  nlic::ReadLimits l;
  l.max_pixels = kMaxPixels;
  return l;
}

inline nlic::DecodeOptions DecodeOpts() {
  nlic::DecodeOptions o;
  o.max_pixels = kMaxPixels;
  o.threads = 1;
  return o;
}

inline std::string Describe(const nlic::Image& img) {
  return std::to_string(img.width) + "x" + std::to_string(img.height) + " type " +
         std::to_string(int(img.color_type)) + " depth " + std::to_string(int(img.bit_depth)) + ", " +
         std::to_string(img.chunks.size()) + " chunks";
}

// The header ends in a CRC-32 that random mutations almost never satisfy, so
// the fuzzers also try each input with that CRC recomputed: when the header
// parses and fails only its checksum, `fixed` gets a copy with the right one.
inline bool FixHeaderCrc(const uint8_t* data, size_t size, std::vector<uint8_t>* fixed) {
  nlic::ByteReader in(data, size);
  nlic::Header h;
  nlic::Status s = nlic::ReadHeader(&in, kMaxPixels, &h);
  if (s.code() != nlic::StatusCode::kChecksumMismatch || in.pos() < 4) return false;
  const size_t crc_at = in.pos() - 4;
  fixed->assign(data, data + size);
  const uint32_t crc = uint32_t(crc32(0, fixed->data(), uInt(crc_at)));
  for (int i = 0; i < 4; ++i) (*fixed)[crc_at + i] = uint8_t(crc >> (8 * i));
  return true;
}

// Same idea for PNG: ReadPng treats a bad chunk CRC as an error, so a copy
// with every complete chunk's CRC recomputed lets mutations of IHDR, PLTE,
// tRNS and the ancillary chunks reach the reader. False if nothing changed.
inline bool FixPngCrcs(const uint8_t* data, size_t size, std::vector<uint8_t>* fixed) {
  if (size < 8) return false;
  fixed->assign(data, data + size);
  bool changed = false;
  size_t pos = 8;
  while (size - pos >= 12) {
    uint8_t* p = fixed->data() + pos;
    const uint64_t len = uint64_t(p[0]) << 24 | uint64_t(p[1]) << 16 | uint64_t(p[2]) << 8 | p[3];
    if (len > size - pos - 12) break;
    const uint32_t crc = uint32_t(crc32(0, p + 4, uInt(len + 4)));
    uint8_t* c = p + 8 + len;
    const uint8_t want[4] = {uint8_t(crc >> 24), uint8_t(crc >> 16), uint8_t(crc >> 8), uint8_t(crc)};
    for (int i = 0; i < 4; ++i) {
      changed |= c[i] != want[i];
      c[i] = want[i];
    }
    pos += 12 + size_t(len);
  }
  return changed;
}

// Encode, decode, and require the same image back; with `check_threads`, also
// require that two threads give the same bytes as one. `img` must be valid.
inline void RequireCodecRoundTrip(const nlic::Image& img, const nlic::EncodeOptions& base, const char* origin,
                                  bool check_threads = false) {
  nlic::EncodeOptions opt = base;
  opt.threads = 1;
  std::vector<uint8_t> bytes;
  nlic::Status s = nlic::Encode(img, opt, &bytes);
  NLIC_FUZZ_CHECK(s.ok(), std::string("Encode rejected an image from ") + origin + " (" + Describe(img) +
                              "): " + s.ToString());
  if (check_threads) {
    opt.threads = 2;
    std::vector<uint8_t> bytes2;
    s = nlic::Encode(img, opt, &bytes2);
    NLIC_FUZZ_CHECK(s.ok(), "Encode with 2 threads failed: " + s.ToString());
    NLIC_FUZZ_CHECK(bytes == bytes2, "Encode output depends on the thread count (" + Describe(img) + ")");
  }
  nlic::Image back;
  s = nlic::Decode(bytes.data(), bytes.size(), DecodeOpts(), &back);
  NLIC_FUZZ_CHECK(s.ok(), "Decode of freshly encoded bytes failed (" + Describe(img) + "): " + s.ToString());
  std::string why;
  NLIC_FUZZ_CHECK(nlic::SameImage(img, back, &why), "Encode/Decode round trip changed the image (" +
                                                        Describe(img) + "): " + why);
}

}  // namespace nlic_fuzz
