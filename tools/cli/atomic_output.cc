#include "tools/cli/atomic_output.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>

#include "tools/cli/cleanup.h"
#include "tools/cli/file_input.h"
#include "tools/cli/test_hooks.h"

namespace nlic::cli {
namespace {

enum class OutKind { kAbsent, kFile, kStream, kDirectory, kOther };

// kFile also covers a symlink (even dangling): it is replaced, not followed.
OutKind Classify(const std::string& path, struct stat* st) {
  if (::lstat(path.c_str(), st) != 0) return OutKind::kAbsent;
  if (S_ISLNK(st->st_mode)) {
    struct stat target;
    if (::stat(path.c_str(), &target) == 0) {
      if (S_ISCHR(target.st_mode) || S_ISFIFO(target.st_mode)) return OutKind::kStream;
      if (S_ISDIR(target.st_mode)) return OutKind::kDirectory;
    }
    return OutKind::kFile;
  }
  if (S_ISREG(st->st_mode)) return OutKind::kFile;
  if (S_ISCHR(st->st_mode) || S_ISFIFO(st->st_mode)) return OutKind::kStream;
  if (S_ISDIR(st->st_mode)) return OutKind::kDirectory;
  return OutKind::kOther;
}

Status WriteError(int err, const std::string& what) {
  if (err == ENOSPC) return IoError("disk full while writing " + what);
  if (err == EDQUOT) return IoError("disk quota exceeded while writing " + what);
  if (err == EPIPE) return IoError("broken pipe while writing " + what);
  if (err == EFBIG) return IoError("file size limit exceeded while writing " + what);
  return IoError("cannot write " + what + ": " + ErrnoText(err));
}

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

void SplitPath(const std::string& path, std::string* dir, std::string* base) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) {
    *dir = ".";
    *base = path;
  } else {
    *dir = slash == 0 ? "/" : path.substr(0, slash);
    *base = path.substr(slash + 1);
  }
}

// Renames without replacing an existing `to`. Returns 0 or an errno.
int RenameNoReplace(const char* from, const char* to) {
  if (::renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0) return 0;
  int err = errno;
  if (err != EINVAL && err != ENOSYS && err != ENOTSUP && err != EOPNOTSUPP) return err;
  // Filesystem without RENAME_NOREPLACE: link() fails with EEXIST atomically.
  if (::link(from, to) == 0) {
    ::unlink(from);
    return 0;
  }
  err = errno;
  if (err == EEXIST) return EEXIST;
  if (err != EPERM && err != ENOTSUP && err != EOPNOTSUPP && err != EMLINK) return err;
  // No hard links either (e.g. FAT): best effort, a tiny race remains.
  struct stat st;
  if (::lstat(to, &st) == 0) return EEXIST;
  return ::rename(from, to) == 0 ? 0 : errno;
}

void SyncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);  // best effort: the data itself was already fsync()ed
  ::close(fd);
}

}  // namespace

Status WriteAllToFd(int fd, const uint8_t* data, size_t size, const std::string& what) {
  constexpr size_t kMaxWrite = size_t(1) << 30;
  while (size > 0) {
    ssize_t n = ::write(fd, data, size < kMaxWrite ? size : kMaxWrite);
    if (n < 0) {
      if (errno == EINTR) continue;
      return WriteError(errno, what);
    }
    if (n == 0) return WriteError(EIO, what);
    data += n;
    size -= size_t(n);
  }
  return Status::Ok();
}

Status CheckOutputPath(const std::string& path, bool force) {
  if (path == "-") return Status::Ok();
  if (path.empty()) return IoError("empty output file name");
  struct stat st;
  switch (Classify(path, &st)) {
    case OutKind::kAbsent:
    case OutKind::kStream:
      return Status::Ok();
    case OutKind::kFile:
      if (force) return Status::Ok();
      return IoError(Quoted(path) + " already exists; use -f to overwrite");
    case OutKind::kDirectory:
      return IoError(Quoted(path) + " is a directory");
    case OutKind::kOther:
      break;
  }
  return IoError(Quoted(path) + " is not a regular file");
}

Status WriteOutput(const std::string& path, const std::vector<uint8_t>& bytes, bool force) {
  if (path == "-") return WriteAllToFd(STDOUT_FILENO, bytes.data(), bytes.size(), "standard output");
  OutputFile file;
  NLIC_RETURN_IF_ERROR(file.Open(path, force));
  NLIC_RETURN_IF_ERROR(file.Write(bytes.data(), bytes.size()));
  return file.Commit();
}

OutputFile::~OutputFile() { Abandon(); }

void OutputFile::Abandon() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) {
    ::unlink(temp_.c_str());
    UnregisterTempPath(slot_);
    temp_.clear();
  }
}

Status OutputFile::Open(const std::string& path, bool force) {
  NLIC_RETURN_IF_ERROR(CheckOutputPath(path, force));
  path_ = path;
  force_ = force;
  struct stat st;
  const OutKind kind = Classify(path, &st);
  if (kind == OutKind::kStream) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd_ < 0) return IoError("cannot open " + Quoted(path) + ": " + ErrnoText(errno));
    return Status::Ok();
  }
  static unsigned counter = 0;
  // Locals, not members: GCC 12 misreads the inlined assignment to a member
  // as an overlapping memcpy (-Wrestrict false positive).
  std::string dir, base;
  SplitPath(path, &dir, &base);
  dir_ = dir;
  if (base.empty() || base == "." || base == "..") return IoError(Quoted(path) + " is not a file name");
  // Keep the temp name within NAME_MAX even for a long OUT.
  const std::string prefix =
      dir_ + "/." + base.substr(0, 200) + ".nlic-tmp." + std::to_string(::getpid()) + ".";
  for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
    const std::string temp = prefix + std::to_string(counter++);
    slot_ = RegisterTempPath(temp.c_str(), false);  // before open: no window
    fd_ = ::open(temp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd_ < 0) {
      const int err = errno;
      UnregisterTempPath(slot_);
      if (err != EEXIST)
        return IoError("cannot create a temporary file in " + Quoted(dir_) + ": " + ErrnoText(err));
    } else {
      temp_ = temp;
    }
  }
  if (fd_ < 0) return IoError("cannot create a unique temporary file in " + Quoted(dir_));
  // Replacing a file keeps its permission bits.
  if (kind == OutKind::kFile && S_ISREG(st.st_mode)) (void)::fchmod(fd_, st.st_mode & 0777);
  return Status::Ok();
}

Status OutputFile::Write(const uint8_t* data, size_t size) {
  if (fd_ < 0) return IoError("write to a closed output");
  // Test hook (tools/cli/test_hooks.h): put the first N bytes into the file,
  // then hang, so a test can signal a half-written output.
  if (const size_t stall = StallPoint(written_ + size); stall >= written_ && stall < written_ + size) {
    const size_t head = stall - written_;
    NLIC_RETURN_IF_ERROR(FlushBuffer());
    NLIC_RETURN_IF_ERROR(WriteAllToFd(fd_, data, head, Quoted(path_)));
    StallForever();
  }
  // Coders hand over small pieces (a record head, a libpng buffer): gather
  // them so the file sees large writes.
  constexpr size_t kBuffer = size_t(1) << 20;
  if (buffer_.size() + size > kBuffer) NLIC_RETURN_IF_ERROR(FlushBuffer());
  if (size >= kBuffer) {
    written_ += size;
    return WriteAllToFd(fd_, data, size, Quoted(path_));
  }
  buffer_.insert(buffer_.end(), data, data + size);
  written_ += size;
  return Status::Ok();
}

Status OutputFile::FlushBuffer() {
  Status s = WriteAllToFd(fd_, buffer_.data(), buffer_.size(), Quoted(path_));
  buffer_.clear();
  return s;
}

Status OutputFile::Commit() {
  Status s = FlushBuffer();
  if (s.ok() && !temp_.empty() && ::fsync(fd_) != 0) s = WriteError(errno, Quoted(path_));
  if (!s.ok()) {
    Abandon();
    return s;
  }
  const int close_result = ::close(fd_);
  fd_ = -1;
  if (close_result != 0) {
    s = WriteError(errno, Quoted(path_));
    Abandon();
    return s;
  }
  if (temp_.empty()) return Status::Ok();  // a device or FIFO: nothing to rename
  if (force_) {
    if (::rename(temp_.c_str(), path_.c_str()) != 0) {
      s = IoError("cannot rename the temporary file to " + Quoted(path_) + ": " + ErrnoText(errno));
      Abandon();
      return s;
    }
  } else {
    const int err = RenameNoReplace(temp_.c_str(), path_.c_str());
    if (err != 0) {
      s = err == EEXIST ? IoError(Quoted(path_) + " already exists (created meanwhile?); use -f to overwrite")
                        : IoError("cannot rename the temporary file to " + Quoted(path_) + ": " + ErrnoText(err));
      Abandon();
      return s;
    }
  }
  UnregisterTempPath(slot_);
  temp_.clear();
  SyncDirectory(dir_);
  return Status::Ok();
}

Status OutputFile::FlushForReading() { return FlushBuffer(); }

}  // namespace nlic::cli
