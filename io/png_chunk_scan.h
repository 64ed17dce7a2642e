// The .nlic header holds all metadata up front, but a PNG may keep chunks
// after its pixel data. To stream such a file, walk its chunk list first:
// read each chunk's length and type, seek past IDAT and anything else we do
// not need, and collect only the ancillary chunks that follow IDAT. Nothing
// is inflated, so this costs a seek per chunk, not a decode.
#pragma once

#include <cstdio>
#include <vector>

#include "io/image_io.h"

namespace nlic {

// Checks the signature and IHDR's pixel count against `limits` (before any
// allocation), then fills *after_idat. Structural damage is left for libpng
// to report when it reads the file properly; this only needs the list.
Status ScanPngTrailingChunks(std::FILE* file, const ReadLimits& limits, std::vector<Chunk>* after_idat);

}  // namespace nlic
