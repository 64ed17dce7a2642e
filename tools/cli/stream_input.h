// Opening IN for the streaming commands. A regular file is read through a
// FILE* as the coder asks for it; anything else (stdin, a pipe) is read
// whole first when the reader must seek (PNG's chunk walk), since a pipe
// cannot be rewound.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "codec/status.h"

namespace nlic::cli {

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// True when `path` is a regular file (not "-", a pipe or a device).
bool IsRegularFile(const std::string& path);

// A seekable FILE* over IN: the file itself, or its bytes (kept in *holder,
// which must outlive the FILE*) through fmemopen.
Status OpenSeekableInput(const std::string& path, std::vector<uint8_t>* holder, FilePtr* out);

// IN as a plain stream: the file, or stdin for "-". Never read whole.
Status OpenSequentialInput(const std::string& path, FilePtr* out);

// Reads the first `n` bytes (fewer at the end) and seeks back to the start.
Status PeekStart(std::FILE* f, size_t n, std::vector<uint8_t>* out);

}  // namespace nlic::cli
