// Reading IN: opened read-only (O_RDONLY), never modified; "-" is stdin.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "codec/status.h"

namespace nlic::cli {

// Reads the whole file. Missing/unreadable/a directory -> IoError.
Status ReadInputFile(const std::string& path, std::vector<uint8_t>* out);

// True when both paths name the same existing file (device and inode), or
// are the same string. "-" never matches.
bool SameFile(const std::string& a, const std::string& b);

// "No such file or directory" etc.
std::string ErrnoText(int err);

}  // namespace nlic::cli
