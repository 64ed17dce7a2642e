#include "tools/cli/file_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace nlic::cli {

std::string ErrnoText(int err) { return std::strerror(err); }

Status ReadInputFile(const std::string& path, std::vector<uint8_t>* out) {
  out->clear();
  const bool is_stdin = path == "-";
  const std::string name = is_stdin ? std::string("standard input") : "'" + path + "'";
  int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return IoError("cannot open " + name + ": " + ErrnoText(errno));

  struct stat st;
  if (::fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      if (!is_stdin) ::close(fd);
      return IoError(name + " is a directory");
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0) out->reserve(size_t(st.st_size));
  }

  constexpr size_t kChunk = size_t(1) << 20;
  int err = 0;
  for (;;) {
    size_t old = out->size();
    out->resize(old + kChunk);
    ssize_t n = ::read(fd, out->data() + old, kChunk);
    if (n < 0) {
      out->resize(old);
      if (errno == EINTR) continue;
      err = errno;
      break;
    }
    out->resize(old + size_t(n));
    if (n == 0) break;
  }
  if (!is_stdin) ::close(fd);
  if (err != 0) return IoError("cannot read " + name + ": " + ErrnoText(err));
  return Status::Ok();
}

bool SameFile(const std::string& a, const std::string& b) {
  if (a == "-" || b == "-") return false;
  if (a == b) return true;
  struct stat sa, sb;
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace nlic::cli
