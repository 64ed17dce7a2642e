// The fixture of the CLI tests: runs the built `nlic` (NLIC_CLI_PATH) in a
// fresh temporary directory through fork/exec and captures what it prints.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "codec/nlic.h"
#include "gtest/gtest.h"

namespace nlic::testing {

namespace fs = std::filesystem;

inline std::string ReadText(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

inline void WriteText(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
}

inline std::vector<uint8_t> ReadBytes(const std::string& path) {
  std::string s = ReadText(path);
  return std::vector<uint8_t>(s.begin(), s.end());
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char templ[] = "/tmp/nlic-cli-test-XXXXXX";
    ASSERT_NE(::mkdtemp(templ), nullptr);
    root_ = templ;
    dir_ = root_ + "/work";
    aux_ = root_ + "/aux";
    fs::create_directory(dir_);
    fs::create_directory(aux_);
    ASSERT_TRUE(MakeInputPng(P("in.png")));
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  // The work directory, where only expected files may appear.
  std::string P(const std::string& name) const { return dir_ + "/" + name; }

  // PngSuite's basn2c08 (32x32 RGB 8-bit) when present, else a generated PNG.
  static bool MakeInputPng(const std::string& path) {
    const std::string suite = std::string(NLIC_TESTIMAGES_DIR) + "/pngsuite/basn2c08.png";
    std::error_code ec;
    if (fs::exists(suite, ec)) return fs::copy_file(suite, path, ec) && !ec;
    Image im;
    im.width = 32;
    im.height = 32;
    im.color_type = ColorType::kRGB;
    im.bit_depth = 8;
    for (uint32_t y = 0; y < im.height; ++y)
      for (uint32_t x = 0; x < im.width; ++x) {
        im.samples.push_back(uint16_t(x * 8));
        im.samples.push_back(uint16_t(y * 8));
        im.samples.push_back(uint16_t((x ^ y) * 8));
      }
    std::vector<uint8_t> png;
    if (!WritePng(im, &png).ok()) return false;
    WriteText(path, std::string(png.begin(), png.end()));
    return true;
  }

  // Runs nlic ARGS with stdin/stdout from/to the given files ("" = /dev/null).
  // Returns the exit code (128 + signal when killed). stdout/stderr text is
  // kept in out_/err_ when not redirected to a file.
  int Run(const std::vector<std::string>& args, const std::string& stdin_path = "",
          const std::string& stdout_path = "") {
    const std::string out_capture = aux_ + "/stdout.txt", err_capture = aux_ + "/stderr.txt";
    const std::string out_file = stdout_path.empty() ? out_capture : stdout_path;
    pid_t pid = ::fork();
    if (pid == 0) {
      int in = ::open(stdin_path.empty() ? "/dev/null" : stdin_path.c_str(), O_RDONLY);
      int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int err = ::open(err_capture.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (in < 0 || out < 0 || err < 0) ::_exit(126);
      ::dup2(in, 0);
      ::dup2(out, 1);
      ::dup2(err, 2);
      if (::chdir(dir_.c_str()) != 0) ::_exit(126);
      for (const auto& [name, value] : env_) ::setenv(name.c_str(), value.c_str(), 1);
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(NLIC_CLI_PATH));
      for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      ::execv(NLIC_CLI_PATH, argv.data());
      ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
    }
    out_ = stdout_path.empty() ? ReadText(out_capture) : "";
    err_ = ReadText(err_capture);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
  }

  std::set<std::string> Listing() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.insert(e.path().filename().string());
    return names;
  }

  // in.png -> out.nlic; asserts success.
  void EncodeInput() {
    ASSERT_EQ(Run({"encode", P("in.png"), P("out.nlic")}), 0) << err_;
    ASSERT_TRUE(fs::exists(P("out.nlic")));
  }

  // ignore_chunks: for --strip, which drops the metadata chunks.
  void ExpectSamePng(const std::string& a, const std::string& b, bool ignore_chunks = false) {
    std::vector<uint8_t> ba = ReadBytes(a), bb = ReadBytes(b);
    Image ia, ib;
    ASSERT_TRUE(ReadPng(ba.data(), ba.size(), ReadLimits(), &ia).ok()) << a;
    ASSERT_TRUE(ReadPng(bb.data(), bb.size(), ReadLimits(), &ib).ok()) << b;
    if (ignore_chunks) {
      EXPECT_TRUE(ib.chunks.empty());
      ia.chunks.clear();
    }
    std::string why;
    EXPECT_TRUE(SameImage(ia, ib, &why)) << why;
  }

  std::string root_, dir_, aux_;
  std::string out_, err_;
  // Extra environment for the child, e.g. the test hooks of tools/cli/test_hooks.h.
  std::vector<std::pair<std::string, std::string>> env_;
};

using Names = std::set<std::string>;

}  // namespace nlic::testing
