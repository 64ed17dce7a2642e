#include "tools/cli/command_common.h"

#include "tools/cli/atomic_output.h"
#include "tools/cli/file_input.h"
#include "tools/cli/log.h"

namespace nlic::cli {

std::string DisplayName(const std::string& path, bool is_output) {
  if (path == "-") return is_output ? "standard output" : "standard input";
  return "'" + path + "'";
}

int CheckInOut(const Options& options, std::string* in, std::string* out) {
  const char* cmd = CommandName(options.command);
  if (options.positional.size() != 2)
    return Fail(kExitUsage, std::string("'") + cmd + "' needs IN and OUT (got " +
                                std::to_string(options.positional.size()) +
                                " arguments); see 'nlic --help'");
  *in = options.positional[0];
  *out = options.positional[1];
  if (SameFile(*in, *out)) return Fail(kExitUsage, "IN and OUT are the same file: '" + *out + "'");
  Status s = CheckOutputPath(*out, options.force);
  if (!s.ok()) return FailWith(s, Stage::kOutput, "");
  return kExitOk;
}

int ReadInput(const std::string& in, std::vector<uint8_t>* bytes) {
  Status s = ReadInputFile(in, bytes);
  if (!s.ok()) return FailWith(s, Stage::kInput, "");
  if (bytes->empty()) return Fail(kExitInputRejected, DisplayName(in, false) + " is empty");
  return kExitOk;
}

int FailWith(const Status& status, Stage stage, const std::string& context) {
  // An I/O error's message already says what failed ("'x' already exists...").
  std::string text = status.code() == StatusCode::kIoError ? status.message() : status.ToString();
  PrintError(context.empty() ? text : context + ": " + text);
  return ExitCodeFor(status.code(), stage);
}

}  // namespace nlic::cli
