// Writing OUT so that it is either absent/untouched or complete:
//  - "-": bytes go to stdout in one go, only after everything succeeded;
//  - an existing character device or FIFO (/dev/null, a named pipe) is
//    written directly (there is nothing to replace);
//  - otherwise a temp file ".OUT.nlic-tmp.<pid>.<n>" is created next to OUT
//    (O_CREAT|O_EXCL), filled with checked write()s, fsync()ed and renamed
//    over OUT. Without force the final step is renameat2(RENAME_NOREPLACE)
//    (or link()+unlink()), so a file that appeared meanwhile is never
//    clobbered. The temp file is registered with cleanup.h, so a signal
//    removes it too. A symlink OUT is replaced by the file (not followed).
// All failures are IoError (exit code 3), with "disk full" for ENOSPC.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "codec/status.h"

namespace nlic::cli {

// Cheap early check, before any work: refuses an existing OUT without force,
// a directory, or anything that is not a regular file, device or FIFO.
Status CheckOutputPath(const std::string& path, bool force);

Status WriteOutput(const std::string& path, const std::vector<uint8_t>& bytes, bool force);

// The same, fed piece by piece, so a streamed output is never in memory:
// Open, Write as often as needed, Commit. Without Commit (an error, an
// early return) the destructor removes the temporary file and OUT stays
// as it was. Not for "-": stdout cannot be taken back once written.
class OutputFile {
 public:
  OutputFile() = default;
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  Status Open(const std::string& path, bool force);
  Status Write(const uint8_t* data, size_t size);
  Status Commit();
  // The file being written, complete up to the last Write, for --verify to
  // read back before Commit; empty when OUT is a device or FIFO.
  Status FlushForReading();
  const std::string& temp_path() const { return temp_; }
  uint64_t bytes_written() const { return written_; }

 private:
  Status FlushBuffer();
  void Abandon();

  std::string path_, dir_, temp_;
  bool force_ = false;
  int fd_ = -1, slot_ = -1;
  std::vector<uint8_t> buffer_;
  uint64_t written_ = 0;
};

// Writes all bytes, retrying short writes and EINTR. `what` names the
// destination in messages.
Status WriteAllToFd(int fd, const uint8_t* data, size_t size, const std::string& what);

}  // namespace nlic::cli
