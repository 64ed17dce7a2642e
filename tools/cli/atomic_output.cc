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

Status WriteToStream(const std::string& path, const std::vector<uint8_t>& bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return IoError("cannot open " + Quoted(path) + ": " + ErrnoText(errno));
  Status s = WriteAllToFd(fd, bytes.data(), bytes.size(), Quoted(path));
  if (::close(fd) != 0 && s.ok()) s = WriteError(errno, Quoted(path));
  return s;
}

Status WriteAtomically(const std::string& path, const std::vector<uint8_t>& bytes, bool force,
                       const struct stat* existing) {
  static unsigned counter = 0;
  std::string dir, base;
  SplitPath(path, &dir, &base);
  if (base.empty() || base == "." || base == "..")
    return IoError(Quoted(path) + " is not a file name");
  // Keep the temp name within NAME_MAX even for a long OUT.
  std::string prefix = dir + "/." + base.substr(0, 200) + ".nlic-tmp." +
                       std::to_string(::getpid()) + ".";

  std::string temp;
  int fd = -1, slot = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    temp = prefix + std::to_string(counter++);
    slot = RegisterTempPath(temp.c_str(), false);  // before open: no window
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0) {
      int err = errno;
      UnregisterTempPath(slot);
      if (err != EEXIST)
        return IoError("cannot create a temporary file in " + Quoted(dir) + ": " + ErrnoText(err));
    }
  }
  if (fd < 0) return IoError("cannot create a unique temporary file in " + Quoted(dir));

  auto abandon = [&](Status s) {
    if (fd >= 0) ::close(fd);
    ::unlink(temp.c_str());
    UnregisterTempPath(slot);
    return s;
  };
  // Replacing a file keeps its permission bits.
  if (existing != nullptr && S_ISREG(existing->st_mode)) (void)::fchmod(fd, existing->st_mode & 0777);

  const size_t stall = StallPoint(bytes.size());
  Status s = WriteAllToFd(fd, bytes.data(), stall, Quoted(path));
  if (s.ok() && stall < bytes.size()) StallForever();
  if (s.ok()) s = WriteAllToFd(fd, bytes.data() + stall, bytes.size() - stall, Quoted(path));
  if (!s.ok()) return abandon(s);
  if (::fsync(fd) != 0) return abandon(WriteError(errno, Quoted(path)));
  int close_result = ::close(fd);
  fd = -1;
  if (close_result != 0) return abandon(WriteError(errno, Quoted(path)));

  if (force) {
    if (::rename(temp.c_str(), path.c_str()) != 0) {
      int err = errno;
      return abandon(IoError("cannot rename the temporary file to " + Quoted(path) + ": " +
                             ErrnoText(err)));
    }
  } else {
    int err = RenameNoReplace(temp.c_str(), path.c_str());
    if (err == EEXIST)
      return abandon(IoError(Quoted(path) + " already exists (created meanwhile?); use -f to overwrite"));
    if (err != 0)
      return abandon(IoError("cannot rename the temporary file to " + Quoted(path) + ": " +
                             ErrnoText(err)));
  }
  UnregisterTempPath(slot);
  SyncDirectory(dir);
  return Status::Ok();
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
  NLIC_RETURN_IF_ERROR(CheckOutputPath(path, force));
  struct stat st;
  OutKind kind = Classify(path, &st);
  if (kind == OutKind::kStream) return WriteToStream(path, bytes);
  return WriteAtomically(path, bytes, force, kind == OutKind::kFile ? &st : nullptr);
}

}  // namespace nlic::cli
