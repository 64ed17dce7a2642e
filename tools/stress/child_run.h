// Runs one command as a child process and measures it from outside: exit
// code (or signal), peak resident memory (wait4's ru_maxrss), wall time.
#pragma once

#include <string>
#include <vector>

namespace nlic::stress {

struct ChildResult {
  int exit_code = -1;   // -1 when killed by a signal
  int signal = 0;       // the signal that ended it, if any
  bool timed_out = false;
  long max_rss_kib = 0;
  double seconds = 0;
};

// argv[0] is the program path. stdin is /dev/null, stdout and stderr go to
// `stderr_path`. Killed with SIGKILL after `timeout_seconds`.
ChildResult RunChild(const std::vector<std::string>& argv, const std::string& stderr_path, double timeout_seconds);

}  // namespace nlic::stress
