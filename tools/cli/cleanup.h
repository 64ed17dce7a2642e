// Signal-safe cleanup of temporary files. SIGINT, SIGTERM and SIGHUP kill the
// running peer processes (bench), unlink every registered temporary path
// (files first, then directories), print a short message with write(2) and
// _exit(kExitOutputError). Paths live in static buffers so the handler only
// uses async-signal-safe calls.
#pragma once

#include <sys/types.h>

namespace nlic::cli {

void InstallSignalHandlers();

// Registers `path` for removal if a signal arrives; returns a slot id, or -1
// when the path is too long or all slots are taken (then nothing is removed).
int RegisterTempPath(const char* path, bool is_directory);
// Forgets a slot (after the path was renamed away or removed normally).
void UnregisterTempPath(int slot);

// Child processes (bench peers, possibly several at once) to kill on a
// signal. AddChildPid returns a slot for RemoveChildPid, or -1 when all
// slots are taken (then that child is not killed).
int AddChildPid(pid_t pid);
void RemoveChildPid(int slot);

}  // namespace nlic::cli
