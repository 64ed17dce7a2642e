// A private temporary directory (mkdtemp under $TMPDIR or /tmp) for bench
// peers. The directory and the file names it may hold are registered with
// cleanup.h, so a signal removes them; the destructor removes them normally.
#pragma once

#include <string>
#include <vector>

namespace nlic::cli {

class TempDir {
 public:
  // `file_names`: every file that may be created directly inside.
  explicit TempDir(const std::vector<std::string>& file_names);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  bool ok() const { return !path_.empty(); }
  const std::string& path() const { return path_; }
  const std::string& error() const { return error_; }

 private:
  std::string path_;
  std::string error_;
  std::vector<std::string> files_;
  std::vector<int> slots_;
};

}  // namespace nlic::cli
