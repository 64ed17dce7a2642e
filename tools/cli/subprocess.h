// Running peer codecs as external processes, silenced and timed.
#pragma once

#include <cstdint>
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
  uint64_t peak_rss_kb = 0;  // ru_maxrss of the program; 0 = not measured
  std::string error;   // why it did not start

  bool ok() const { return started && signal == 0 && exit_code == 0; }
  std::string Describe() const;  // "exit code 1", "killed by signal 9", ...
};

// posix_spawnp with stdin/stdout/stderr on /dev/null and default signal
// dispositions. The child pid is registered with cleanup.h for the time it runs.
// When the nlic-peak-rss helper sits next to this executable the program runs
// under it, which measures peak_rss_kb and times the program alone.
ProcessResult RunSilenced(const std::vector<std::string>& argv);

// The helper's path, or "" when it is missing (peak RSS is then not measured).
const std::string& PeakRssHelper();

// This executable (for running `nlic encode` as a measured child).
const std::string& SelfPath();

}  // namespace nlic::cli
