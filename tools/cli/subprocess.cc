#include "tools/cli/subprocess.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "tools/cli/cleanup.h"
#include "tools/cli/stopwatch.h"

extern char** environ;

namespace nlic::cli {
namespace {

std::string ReadAll(int fd) {
  std::string text;
  char buf[256];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) text.append(buf, size_t(n));
    else if (n == 0 || errno != EINTR) return text;
  }
}

// "exit_code signal peak_rss_kb seconds" from nlic-peak-rss; replaces the
// helper's own status and timing with the program's.
bool ParseReport(const std::string& text, ProcessResult* r) {
  int code = 0, sig = 0;
  long rss = 0;
  double seconds = 0;
  if (std::sscanf(text.c_str(), "%d %d %ld %lf", &code, &sig, &rss, &seconds) != 4) return false;
  if (code == 127) {  // exec failed inside the helper
    r->started = false;
    r->error = "cannot execute";
    return true;
  }
  r->exit_code = code;
  r->signal = sig;
  r->peak_rss_kb = uint64_t(rss);
  r->seconds = seconds;
  return true;
}

}  // namespace

bool ProgramInPath(const std::string& program) {
  if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0;
  const char* path_env = std::getenv("PATH");
  std::string path = path_env ? path_env : "/usr/local/bin:/usr/bin:/bin";
  size_t start = 0;
  for (;;) {
    size_t colon = path.find(':', start);
    const size_t len = colon == std::string::npos ? path.size() - start : colon - start;
    // An empty entry means the current directory.
    std::string candidate = len == 0 ? "./" + program : path.substr(start, len) + "/" + program;
    struct stat st;
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0)
      return true;
    if (colon == std::string::npos) return false;
    start = colon + 1;
  }
}

const std::string& SelfPath() {
  static const std::string path = [] {
    char buf[4096];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    return n > 0 ? std::string(buf, size_t(n)) : std::string();
  }();
  return path;
}

const std::string& PeakRssHelper() {
  static const std::string path = [] {
    const std::string& self = SelfPath();
    size_t slash = self.rfind('/');
    if (slash == std::string::npos) return std::string();
    std::string helper = self.substr(0, slash + 1) + "nlic-peak-rss";
    return ::access(helper.c_str(), X_OK) == 0 ? helper : std::string();
  }();
  return path;
}

std::string ProcessResult::Describe() const {
  if (!started) return "did not start: " + error;
  if (signal != 0) return "killed by signal " + std::to_string(signal);
  return "exit code " + std::to_string(exit_code);
}

ProcessResult RunSilenced(const std::vector<std::string>& argv) {
  ProcessResult r;
  if (argv.empty()) {
    r.error = "empty command";
    return r;
  }
  // The helper reports on fd kReportFd, a pipe nobody else inherits.
  constexpr int kReportFd = 3;
  const std::string& helper = PeakRssHelper();
  int report[2] = {-1, -1};
  if (!helper.empty() && ::pipe2(report, O_CLOEXEC) != 0) {
    r.error = std::string("pipe: ") + std::strerror(errno);
    return r;
  }
  std::vector<std::string> full;
  if (!helper.empty()) full = {helper, std::to_string(kReportFd)};
  full.insert(full.end(), argv.begin(), argv.end());
  std::vector<char*> args;
  for (const std::string& a : full) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  if (!helper.empty()) posix_spawn_file_actions_adddup2(&actions, report[1], kReportFd);

  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults, empty;
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGXFSZ, SIGINT, SIGTERM, SIGHUP}) sigaddset(&defaults, sig);
  sigemptyset(&empty);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setsigmask(&attr, &empty);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  // A signal between spawning and recording the pid would leave the child
  // running after our cleanup exits: hold the cleanup signals until the pid
  // is recorded (the child gets an empty mask from the attributes above).
  sigset_t cleanup_signals, previous;
  sigemptyset(&cleanup_signals);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&cleanup_signals, sig);
  pthread_sigmask(SIG_BLOCK, &cleanup_signals, &previous);
  Stopwatch clock;
  pid_t pid = 0;
  int child_slot = -1;
  int err = ::posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (err == 0) child_slot = AddChildPid(pid);
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (report[1] >= 0) ::close(report[1]);
  if (err != 0) {
    if (report[0] >= 0) ::close(report[0]);
    r.error = std::strerror(err);
    return r;
  }
  r.started = true;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      r.error = std::strerror(errno);
      r.started = false;
      break;
    }
  }
  RemoveChildPid(child_slot);
  r.seconds = clock.Seconds();
  if (r.started) {
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  }
  if (report[0] >= 0) {
    std::string text = ReadAll(report[0]);
    ::close(report[0]);
    if (r.started && !ParseReport(text, &r)) {
      r.started = false;
      r.error = "nlic-peak-rss failed (" + r.Describe() + ")";
    }
  }
  return r;
}

}  // namespace nlic::cli
