#include "tools/cli/temp_dir.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "tools/cli/cleanup.h"

namespace nlic::cli {

TempDir::TempDir(const std::vector<std::string>& file_names) {
  const char* tmp = std::getenv("TMPDIR");
  std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/nlic-bench-XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) {
    error_ = "cannot create a temporary directory from '" + templ + "': " + std::strerror(errno);
    return;
  }
  path_ = buf.data();
  slots_.push_back(RegisterTempPath(path_.c_str(), /*is_directory=*/true));
  for (const std::string& name : file_names) {
    files_.push_back(path_ + "/" + name);
    slots_.push_back(RegisterTempPath(files_.back().c_str(), /*is_directory=*/false));
  }
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  for (const std::string& f : files_) ::unlink(f.c_str());
  ::rmdir(path_.c_str());
  for (int slot : slots_) UnregisterTempPath(slot);
}

}  // namespace nlic::cli
