// The subcommands; each returns a process exit code (exit_codes.h) and has
// already printed its messages.
#pragma once

#include "tools/cli/args.h"

namespace nlic::cli {

int RunEncode(const Options& options);
int RunDecode(const Options& options);
int RunInfo(const Options& options);
int RunBench(const Options& options);
// `nlic bench --patches`: 32x64 gray patches, see command_bench_patches.cc.
int RunBenchPatches(const Options& options);
// `nlic bench --threads-scaling`: see bench_threads.cc.
int RunBenchThreads(const Options& options);

void PrintHelp();
void PrintVersion();

}  // namespace nlic::cli
