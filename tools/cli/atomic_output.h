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

// Writes all bytes, retrying short writes and EINTR. `what` names the
// destination in messages.
Status WriteAllToFd(int fd, const uint8_t* data, size_t size, const std::string& what);

}  // namespace nlic::cli
