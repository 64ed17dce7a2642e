// nlic command-line tool: dispatches to the subcommands in commands_*.cc.
#include <cstdio>
#include <exception>
#include <new>
#include <string>

#include "tools/cli/args.h"
#include "tools/cli/cleanup.h"
#include "tools/cli/commands.h"
#include "tools/cli/exit_codes.h"
#include "tools/cli/log.h"

namespace nlic::cli {
namespace {

int Dispatch(const Options& options) {
  switch (options.command) {
    case Command::kEncode: return RunEncode(options);
    case Command::kDecode: return RunDecode(options);
    case Command::kInfo: return RunInfo(options);
    case Command::kBench:
      if (options.patches) return RunBenchPatches(options);
      if (options.threads_scaling) return RunBenchThreads(options);
      return RunBench(options);
    case Command::kNone: break;
  }
  return Fail(kExitUsage, "missing command");
}

int Main(int argc, char** argv) {
  InstallSignalHandlers();
  Options options;
  std::string error;
  if (!ParseArgs(argc, argv, &options, &error)) {
    PrintError(error);
    std::fputs("Try 'nlic --help'.\n", stderr);
    return kExitUsage;
  }
  if (options.help || options.version) {
    if (options.help) PrintHelp();
    else PrintVersion();
    if (std::fflush(stdout) != 0 || std::ferror(stdout))
      return Fail(kExitOutputError, "cannot write to standard output");
    return kExitOk;
  }
  SetVerbosity(options.quiet ? Verbosity::kQuiet
               : options.verbose ? Verbosity::kVerbose
                                 : Verbosity::kNormal);
  return Dispatch(options);
}

}  // namespace
}  // namespace nlic::cli

int main(int argc, char** argv) {
  try {
    return nlic::cli::Main(argc, argv);
  } catch (const std::bad_alloc&) {
    return nlic::cli::Fail(nlic::cli::kExitVerifyOrInternal, "out of memory");
  } catch (const std::exception& e) {
    return nlic::cli::Fail(nlic::cli::kExitVerifyOrInternal, std::string("internal error: ") + e.what());
  }
}
