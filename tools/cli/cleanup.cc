#include "tools/cli/cleanup.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

#include "tools/cli/exit_codes.h"

namespace nlic::cli {
namespace {

constexpr int kSlots = 64;  // a bench peer set takes 7 (bench --patches: one per job)
constexpr int kChildSlots = 64;
constexpr size_t kPathMax = 4096;

// Slot states: 0 free, 1 being filled, 2 ready (the handler only reads 2).
std::atomic<int> g_state[kSlots];
bool g_is_dir[kSlots];
char g_paths[kSlots][kPathMax];
std::atomic<pid_t> g_children[kChildSlots];  // 0 = free

static_assert(std::atomic<int>::is_always_lock_free);
static_assert(std::atomic<pid_t>::is_always_lock_free);

void WriteStderr(const char* s) {
  size_t n = std::strlen(s);
  while (n > 0) {
    ssize_t w = ::write(STDERR_FILENO, s, n);
    if (w <= 0) return;
    s += w;
    n -= size_t(w);
  }
}

extern "C" void OnTerminatingSignal(int sig) {
  for (int i = 0; i < kChildSlots; ++i) {
    pid_t child = g_children[i].load();
    if (child > 0) ::kill(child, SIGKILL);
  }
  for (int pass = 0; pass < 2; ++pass) {  // files, then directories
    for (int i = kSlots - 1; i >= 0; --i) {
      if (g_state[i].load() != 2 || g_is_dir[i] != (pass == 1)) continue;
      if (pass == 0) ::unlink(g_paths[i]);
      else ::rmdir(g_paths[i]);
    }
  }
  WriteStderr(sig == SIGINT    ? "\nnlic: interrupted (SIGINT), output not written\n"
              : sig == SIGHUP ? "nlic: hangup (SIGHUP), output not written\n"
                              : "nlic: terminated (SIGTERM), output not written\n");
  ::_exit(kExitOutputError);
}

}  // namespace

void InstallSignalHandlers() {
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = OnTerminatingSignal;
  sigemptyset(&sa.sa_mask);
  // Block the other terminating signals while the handler runs.
  sigaddset(&sa.sa_mask, SIGINT);
  sigaddset(&sa.sa_mask, SIGTERM);
  sigaddset(&sa.sa_mask, SIGHUP);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &sa, nullptr);
  // A closed stdout pipe must surface as EPIPE from write(), not kill us
  // silently before the temp file is removed.
  ::signal(SIGPIPE, SIG_IGN);
  // Likewise a file-size limit (ulimit -f) must surface as EFBIG, not kill
  // us with the temporary file left behind.
  ::signal(SIGXFSZ, SIG_IGN);
}

int RegisterTempPath(const char* path, bool is_directory) {
  size_t len = std::strlen(path);
  if (len >= kPathMax) return -1;
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    if (!g_state[i].compare_exchange_strong(expected, 1)) continue;
    std::memcpy(g_paths[i], path, len + 1);
    g_is_dir[i] = is_directory;
    g_state[i].store(2);
    return i;
  }
  return -1;
}

void UnregisterTempPath(int slot) {
  if (slot < 0 || slot >= kSlots) return;
  g_state[slot].store(0);
}

int AddChildPid(pid_t pid) {
  for (int i = 0; i < kChildSlots; ++i) {
    pid_t expected = 0;
    if (g_children[i].compare_exchange_strong(expected, pid)) return i;
  }
  return -1;
}

void RemoveChildPid(int slot) {
  if (slot < 0 || slot >= kChildSlots) return;
  g_children[slot].store(0);
}

}  // namespace nlic::cli
