// Messages to stderr. Errors are always printed; notes are hidden by -q;
// details (timing, sizes) are shown only with -v.
#pragma once

#include <string>

namespace nlic::cli {

enum class Verbosity { kQuiet, kNormal, kVerbose };

void SetVerbosity(Verbosity v);
bool IsQuiet();
bool IsVerbose();

void PrintError(const std::string& message);    // "nlic: error: ..."
void PrintWarning(const std::string& message);  // "nlic: warning: ...", unless -q
void PrintNote(const std::string& message);     // "nlic: ...", unless -q
void PrintDetail(const std::string& message);   // "nlic: ...", only with -v

// PrintError(message) and return exit_code, for `return Fail(...)`.
int Fail(int exit_code, const std::string& message);

}  // namespace nlic::cli
