// nlic-peak-rss FD PROGRAM [ARG...]: runs PROGRAM like /usr/bin/time and
// writes "exit_code signal peak_rss_kb seconds\n" to file descriptor FD.
//
// Why a separate process: Linux folds the RSS high-water mark of the
// address space a process replaces at exec into its ru_maxrss. A child
// spawned directly by `nlic bench` (fork or posix_spawn alike) would thus
// report at least the bench's own peak, often far more than the codec
// itself uses. This helper is tiny, so what it passes on is about 1 MB,
// the floor any /usr/bin/time measurement has too.
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace {

double Now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fputs("usage: nlic-peak-rss FD PROGRAM [ARG...]\n", stderr);
    return 125;
  }
  const int report_fd = std::atoi(argv[1]);
  // The measured program must not hold the report pipe open.
  if (fcntl(report_fd, F_SETFD, FD_CLOEXEC) != 0) return 125;
  const pid_t parent = getpid();
  const double start = Now();
  pid_t pid = fork();
  if (pid < 0) return 125;
  if (pid == 0) {
    // If nlic kills this helper (Ctrl-C during bench), take the program along.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(125);
    execvp(argv[2], argv + 2);
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) return 125;
  }
  const double seconds = Now() - start;
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  const int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  char line[128];
  int n = std::snprintf(line, sizeof line, "%d %d %ld %.9f\n", code, sig, usage.ru_maxrss, seconds);
  return write(report_fd, line, size_t(n)) == n ? 0 : 125;
}
