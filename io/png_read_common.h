// The libpng set-up shared by the whole-image reader (ReadPng) and the row
// reader (OpenPngRowReader): where the bytes come from, how every ancillary
// chunk is caught verbatim, and how a row of bytes becomes samples.
#pragma once

#include <memory>
#include <png.h>

#include <cstdint>
#include <cstdio>
#include <vector>

#include "io/image_io.h"
#include "io/png_errors.h"

namespace nlic {

inline constexpr size_t kPngSignatureSize = 8;
// Counted per chunk on top of its payload so that millions of empty chunks
// cannot bypass the metadata cap (each costs a Chunk object in memory).
inline constexpr uint64_t kPngChunkOverhead = 12;

struct PngReadContext {
  PngDiagnostics diag;
  // The input: a memory buffer, or a FILE* when `file` is set.
  const uint8_t* data = nullptr;
  size_t size = 0;
  size_t pos = 0;
  std::FILE* file = nullptr;
  ReadLimits limits;
  uint64_t metadata_bytes = 0;
  bool have_trns = false;
  bool trns_before_plte = false;  // legal only if no PLTE follows
  bool after_idat = false;
  int passes = 1;             // 7 for Adam7, set by ReadPngShape
  Image* image = nullptr;     // where chunks, tRNS and (for ReadPng) samples go
  Status status;              // set for failures that are ours, not libpng's
  // Rows as libpng delivers them, uninitialised (new[] without "()"): the
  // whole image for Adam7, one row otherwise. Rows libpng never reaches never
  // become resident, so a PNG claiming 2^28 pixels over a few bytes of IDAT
  // costs little.
  std::unique_ptr<png_byte[]> rows;
  std::vector<png_bytep> row_pointers;
};

// Ok for an intact signature; says "damaged" for one a text-mode transfer mangled.
Status CheckPngSignature(const uint8_t* data, size_t size);

// Installs the input, the chunk callback and the limits on `png`.
void ConfigurePngReader(png_structp png, PngReadContext* ctx);

// After png_read_info: fills the image's shape and palette from IHDR/PLTE,
// checks the pixel limit and tRNS, and sets up unpacking and interlace
// handling. Returns the number of passes. May longjmp.
int ReadPngShape(png_structp png, png_infop info, PngReadContext* ctx);

// Row bytes as libpng hands them (big-endian at 16 bits) to samples.
void ConvertPngRow(const png_byte* row, int bytes_per_sample, size_t count, uint16_t* out);

// "PNG: palette index N is past the last PLTE entry", or Ok.
Status CheckPngPaletteIndices(const Image& meta, const uint16_t* samples, size_t count);

}  // namespace nlic
