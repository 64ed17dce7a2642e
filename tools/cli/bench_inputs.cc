#include "tools/cli/bench_inputs.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

#include "tools/cli/exit_codes.h"
#include "tools/cli/log.h"

namespace nlic::cli {

namespace fs = std::filesystem;

namespace {

bool IsImageExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  static const char* const kExts[] = {".png", ".jpg", ".jpeg", ".bmp", ".tga",
                                      ".gif", ".ppm", ".pgm", ".pnm", ".pam"};
  for (const char* e : kExts)
    if (ext == e) return true;
  return false;
}

}  // namespace

bool CollectBenchInputs(const std::vector<std::string>& paths, std::vector<BenchInput>* out,
                        std::string* error) {
  out->clear();
  for (const std::string& arg : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      *error = "'" + arg + "' does not exist";
      return false;
    }
    if (!fs::is_directory(st)) {
      out->push_back({arg, fs::path(arg).filename().string()});
      continue;
    }
    fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code fec;
      if (!it->is_regular_file(fec) || !IsImageExtension(it->path())) continue;
      out->push_back({it->path().string(), it->path().lexically_relative(arg).string()});
    }
    if (ec) {
      *error = "cannot list '" + arg + "': " + ec.message();
      return false;
    }
  }
  std::sort(out->begin(), out->end(),
            [](const BenchInput& a, const BenchInput& b) { return a.path < b.path; });
  out->erase(std::unique(out->begin(), out->end(),
                         [](const BenchInput& a, const BenchInput& b) { return a.path == b.path; }),
             out->end());
  return true;
}

int BenchInputsFor(const std::vector<std::string>& positional, std::vector<BenchInput>* out) {
  std::vector<std::string> paths = positional;
  if (paths.empty()) {
    std::error_code ec;
    if (!fs::is_directory(kDefaultBenchDir, ec))
      return Fail(kExitUsage, std::string("no PATH given and the default '") + kDefaultBenchDir +
                                  "' does not exist");
    paths.push_back(kDefaultBenchDir);
  }
  std::string error;
  if (!CollectBenchInputs(paths, out, &error)) return Fail(kExitInputRejected, error);
  if (out->empty()) return Fail(kExitInputRejected, "no image files found");
  return kExitOk;
}

}  // namespace nlic::cli
