#include "tools/cli/stream_input.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "tools/cli/file_input.h"

namespace nlic::cli {

bool IsRegularFile(const std::string& path) {
  struct stat st;
  return path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

Status OpenSeekableInput(const std::string& path, std::vector<uint8_t>* holder, FilePtr* out) {
  if (IsRegularFile(path)) return OpenSequentialInput(path, out);
  NLIC_RETURN_IF_ERROR(ReadInputFile(path, holder));
  if (holder->empty()) return IoError((path == "-" ? std::string("standard input") : "'" + path + "'") + " is empty");
  out->reset(::fmemopen(holder->data(), holder->size(), "rb"));
  if (!*out) return IoError("cannot read the input from memory: " + ErrnoText(errno));
  return Status::Ok();
}

Status OpenSequentialInput(const std::string& path, FilePtr* out) {
  if (path == "-") {
    out->reset(::fdopen(::dup(0), "rb"));
    if (!*out) return IoError("cannot read standard input: " + ErrnoText(errno));
    return Status::Ok();
  }
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return IoError("'" + path + "' is a directory");
  out->reset(std::fopen(path.c_str(), "rb"));
  if (!*out) return IoError("cannot open '" + path + "': " + ErrnoText(errno));
  return Status::Ok();
}

Status PeekStart(std::FILE* f, size_t n, std::vector<uint8_t>* out) {
  out->resize(n);
  out->resize(std::fread(out->data(), 1, n, f));
  if (std::ferror(f)) return IoError("cannot read the input: " + ErrnoText(errno));
  if (fseeko(f, 0, SEEK_SET) != 0) return IoError("cannot rewind the input: " + ErrnoText(errno));
  return Status::Ok();
}

}  // namespace nlic::cli
