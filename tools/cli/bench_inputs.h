// Which files `nlic bench` measures.
#pragma once

#include <string>
#include <vector>

namespace nlic::cli {

struct BenchInput {
  std::string path;  // to open
  std::string name;  // to print: relative to the directory argument
};

// Used when no PATH is given (relative to the current directory).
inline constexpr const char* kDefaultBenchDir = "../shared/corpus/kodak";

// Files given directly are taken as they are; directories are searched
// recursively for png/jpg/jpeg/bmp/tga/gif/ppm/pgm/pnm/pam (any case). The
// result is sorted by path, without duplicates. Returns false with *error if
// a PATH does not exist.
bool CollectBenchInputs(const std::vector<std::string>& paths, std::vector<BenchInput>* out,
                        std::string* error);

// The PATH arguments (or the default directory) collected as above, with
// the error printed. Returns 0 or an exit code.
int BenchInputsFor(const std::vector<std::string>& positional, std::vector<BenchInput>* out);

}  // namespace nlic::cli
