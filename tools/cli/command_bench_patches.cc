// `nlic bench --patches`: planned mode measuring 32x64 grayscale patches.
#include "tools/cli/commands.h"
#include "tools/cli/exit_codes.h"
#include "tools/cli/log.h"

namespace nlic::cli {

// TODO(bench-patches): cut the inputs into 32x64 grayscale patches, encode
// each patch as its own image and report bpsp over all patches. Reuse
// CollectBenchInputs, BenchRow/CodecTotal and the nlic measurement of
// command_bench.cc.
int RunBenchPatches(const Options&) {
  return Fail(kExitUsage, "bench --patches is not implemented yet");
}

}  // namespace nlic::cli
