// Image files row by row, for the streaming coders (EncodeStream and
// DecodeStream in nlic.h): memory is a few rows, not the image.
//
// Readers take a seekable FILE* (a file, or fmemopen() over a buffer) that
// stays the caller's. Writers hand their bytes to a ByteSink as they go.
// Where a format cannot be streamed, the reader or writer says so in its
// comment and holds the whole image instead: the API stays the same.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>

#include "image_io.h"
#include "nlic.h"

namespace nlic {

class ImageRowReader {
 public:
  virtual ~ImageRowReader() = default;
  // Everything but the pixels (samples empty), complete from the start:
  // chunks that follow the pixel data in the file are included.
  virtual const Image& meta() const = 0;
  // The next `count` rows, in Image::samples layout.
  virtual Status ReadRows(uint16_t* rows, uint32_t count) = 0;
  // After the last row: reads the rest of the file and checks it.
  virtual Status Finish() = 0;
};

class ImageRowWriter {
 public:
  virtual ~ImageRowWriter() = default;
  virtual Status WriteRows(const uint16_t* rows, uint32_t count) = 0;
  // After the last row: writes what follows the pixels.
  virtual Status Finish() = 0;
};

// PNG through libpng, with ReadPng's checks. It first walks the chunk list
// (seeking past IDAT, inflating nothing) to collect the chunks after IDAT,
// so meta() is complete before any row; at Finish libpng reads them again
// and they must match. Interlaced (Adam7) files cannot be read row by row:
// the first ReadRows reads the whole image into memory (1-2 bytes a sample).
Status OpenPngRowReader(std::FILE* file, const ReadLimits& limits, std::unique_ptr<ImageRowReader>* out);

// WritePng's output, row by row. For an interlaced image the rows are kept
// until Finish, since Adam7 passes need all of them.
Status OpenPngRowWriter(const Image& meta, const PngWriteOptions& options, const ByteSink& sink,
                        std::unique_ptr<ImageRowWriter>* out);

// WritePnm's output, row by row (palette images are expanded per row).
Status OpenPnmRowWriter(const Image& meta, bool force_pam, const ByteSink& sink,
                        std::unique_ptr<ImageRowWriter>* out);

}  // namespace nlic
