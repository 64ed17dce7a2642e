#include "tools/cli/file_input.h"

#include "io/image_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace nlic::cli {

std::string ErrnoText(int err) { return std::strerror(err); }

// The library's reader caps the size (4 GiB), so `nlic encode /dev/zero x`
// fails with a limit error instead of exhausting memory.
Status ReadInputFile(const std::string& path, std::vector<uint8_t>* out) {
  out->clear();
  struct stat st;
  if (path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    return IoError("'" + path + "' is a directory");
  return ReadFileBytes(path, out);
}

bool SameFile(const std::string& a, const std::string& b) {
  if (a == "-" || b == "-") return false;
  if (a == b) return true;
  struct stat sa, sb;
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace nlic::cli
