#include "tools/cli/log.h"

#include <cstdio>

namespace nlic::cli {
namespace {
Verbosity g_verbosity = Verbosity::kNormal;

void Emit(const char* prefix, const std::string& message) {
  std::fprintf(stderr, "nlic: %s%s\n", prefix, message.c_str());
  std::fflush(stderr);
}
}  // namespace

void SetVerbosity(Verbosity v) { g_verbosity = v; }
bool IsQuiet() { return g_verbosity == Verbosity::kQuiet; }
bool IsVerbose() { return g_verbosity == Verbosity::kVerbose; }

void PrintError(const std::string& message) { Emit("error: ", message); }
void PrintWarning(const std::string& message) {
  if (!IsQuiet()) Emit("warning: ", message);
}
void PrintNote(const std::string& message) {
  if (!IsQuiet()) Emit("", message);
}
void PrintDetail(const std::string& message) {
  if (IsVerbose()) Emit("", message);
}

int Fail(int exit_code, const std::string& message) {
  PrintError(message);
  return exit_code;
}

}  // namespace nlic::cli
