// Whole-file input. Images are read into memory in one piece because every
// decoder here works from a buffer; the cap keeps a runaway pipe or a
// special file from eating all memory.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>

#include "io/image_io.h"

namespace nlic {
namespace {

constexpr uint64_t kMaxFileBytes = uint64_t(4) << 30;  // 4 GiB

std::string Describe(const std::string& path) { return path == "-" ? "standard input" : "'" + path + "'"; }

Status ReadAll(int fd, const std::string& path, std::vector<uint8_t>* out) {
  std::vector<uint8_t> bytes;
  struct stat st {};
  // A regular file tells its size (one read, +1 to see EOF at once); a pipe
  // does not, so the buffer grows geometrically as data comes.
  size_t initial = 65536;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    if (uint64_t(st.st_size) > kMaxFileBytes) return LimitExceeded(Describe(path) + " is larger than 4 GiB");
    initial = size_t(st.st_size) + 1;
  }
  bytes.resize(initial);
  size_t used = 0;
  for (;;) {
    if (used == bytes.size()) {
      if (used > kMaxFileBytes) return LimitExceeded(Describe(path) + " is larger than 4 GiB");
      bytes.resize(std::min<uint64_t>(used + std::max<size_t>(65536, used / 2), kMaxFileBytes + 1));
    }
    const ssize_t n = read(fd, bytes.data() + used, bytes.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("cannot read " + Describe(path) + ": " + std::strerror(errno));
    if (n == 0) break;
    used += size_t(n);
  }
  if (used > kMaxFileBytes) return LimitExceeded(Describe(path) + " is larger than 4 GiB");
  bytes.resize(used);
  *out = std::move(bytes);
  return Status::Ok();
}

}  // namespace

Status ReadFileBytes(const std::string& path, std::vector<uint8_t>* out) {
  if (path == "-") {
    try {
      return ReadAll(STDIN_FILENO, path, out);
    } catch (const std::bad_alloc&) {
      return LimitExceeded("out of memory reading standard input");
    }
  }
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open '" + path + "': " + std::strerror(errno));
  Status status;
  try {
    status = ReadAll(fd, path, out);
  } catch (const std::bad_alloc&) {
    status = LimitExceeded("out of memory reading '" + path + "'");
  }
  close(fd);
  return status;
}

}  // namespace nlic
