// Running peer codecs as external processes, silenced and timed.
#pragma once

#include <string>
#include <vector>

namespace nlic::cli {

// True when `program` is an executable file in a $PATH directory.
bool ProgramInPath(const std::string& program);

struct ProcessResult {
  bool started = false;
  int exit_code = -1;  // valid when it exited normally
  int signal = 0;      // != 0 when killed by a signal
  double seconds = 0;  // wall clock, spawn to reap
  std::string error;   // why it did not start

  bool ok() const { return started && signal == 0 && exit_code == 0; }
  std::string Describe() const;  // "exit code 1", "killed by signal 9", ...
};

// posix_spawnp with stdin/stdout/stderr on /dev/null and default signal
// dispositions. The child pid is registered with cleanup.h for the time it runs.
ProcessResult RunSilenced(const std::vector<std::string>& argv);

}  // namespace nlic::cli
