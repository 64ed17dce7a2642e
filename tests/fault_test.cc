// Faults around the CLI: a full disk, a file-size limit, signals halfway
// through writing OUT, unreadable input, and many processes writing into one
// directory at once. In every case OUT is either absent/untouched or
// complete, no temporary file is left, IN is unchanged, and the exit code
// and message say what happened.
#include <dirent.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "codec/nlic.h"
#include "gtest/gtest.h"
#include "tests/cli_fixture.h"
#include "tests/codec_test_util.h"

namespace nlic {
namespace {

using namespace nlic::testing;

class Fault : public CliTest {
 protected:
  // A noisy RGB image as PNG: compresses badly, so files are large enough
  // to fill a small disk and to take a while to encode.
  void MakeNoisePng(const std::string& path, uint32_t size, uint32_t seed) {
    Image im = MakeImage(size, size, ColorType::kRGB, 8, Fill::kRandom, seed);
    std::vector<uint8_t> png;
    ASSERT_TRUE(WritePng(im, &png).ok());
    WriteText(path, std::string(png.begin(), png.end()));
  }

  // Starts nlic ARGS in the work directory without waiting; stderr goes to
  // aux/<tag>.err. Honours env_.
  pid_t Spawn(const std::vector<std::string>& args, const std::string& tag) {
    const std::string err_path = aux_ + "/" + tag + ".err";
    pid_t pid = ::fork();
    if (pid == 0) {
      int in = ::open("/dev/null", O_RDONLY);
      int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (in < 0 || err < 0 || ::chdir(dir_.c_str()) != 0) ::_exit(126);
      ::dup2(in, 0);
      ::dup2(err, 1);
      ::dup2(err, 2);
      for (const auto& [name, value] : env_) ::setenv(name.c_str(), value.c_str(), 1);
      std::vector<char*> argv{const_cast<char*>(NLIC_CLI_PATH)};
      for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      ::execv(NLIC_CLI_PATH, argv.data());
      ::_exit(127);
    }
    return pid;
  }

  // Exit code, or 128 + signal.
  static int Wait(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
    }
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
  }

  // Size of the first temporary file ".*.nlic-tmp.*" in the work directory, or -1.
  long TempFileSize() const {
    for (const auto& e : fs::directory_iterator(dir_)) {
      const std::string name = e.path().filename().string();
      if (name.find(".nlic-tmp.") != std::string::npos) return long(fs::file_size(e.path()));
    }
    return -1;
  }
};

TEST_F(Fault, DiskFullAsOutputFile) {
  EncodeInput();
  EXPECT_EQ(Run({"encode", P("in.png"), "/dev/full"}), 3);
  EXPECT_NE(err_.find("disk full"), std::string::npos) << err_;
  EXPECT_EQ(Run({"decode", P("out.nlic"), "/dev/full"}), 3);
  EXPECT_NE(err_.find("disk full"), std::string::npos) << err_;
  EXPECT_EQ(Listing(), (Names{"in.png", "out.nlic"}));
}

// A real full filesystem under the temporary file: a 64 KiB tmpfs in a
// private mount namespace (needs root or user namespaces; skipped without).
TEST_F(Fault, DiskFullWhileWritingTheTemporaryFile) {
  if (std::system("unshare -m true > /dev/null 2>&1") != 0) GTEST_SKIP() << "no mount namespaces here";
  MakeNoisePng(P("noise.png"), 192, 1);  // ~110 KB encoded
  const std::string mnt = aux_ + "/small", listing = aux_ + "/listing.txt";
  fs::create_directory(mnt);
  const std::string cmd = "cd '" + dir_ + "' && unshare -m sh -c \"mount --make-rprivate / && "
                          "mount -t tmpfs -o size=64k tmpfs '" + mnt + "' && echo keep > '" + mnt + "/old.nlic' && "
                          "'" NLIC_CLI_PATH "' encode -f noise.png '" + mnt + "/old.nlic' 2> '" + aux_ + "/err.txt'; "
                          "rc=\\$?; ls -A '" + mnt + "' > '" + listing + "'; cat '" + mnt + "/old.nlic' >> '" + listing +
                          "'; exit \\$rc\"";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3) << ReadText(aux_ + "/err.txt");
  EXPECT_NE(ReadText(aux_ + "/err.txt").find("disk full"), std::string::npos) << ReadText(aux_ + "/err.txt");
  // Only the old file, untouched: the temporary file was removed.
  EXPECT_EQ(ReadText(listing), "old.nlic\nkeep\n");
}

// ulimit -f: write() fails with EFBIG (SIGXFSZ is ignored), the temporary
// file is removed and the old OUT stays.
TEST_F(Fault, FileSizeLimitIsAnOrdinaryWriteError) {
  MakeNoisePng(P("noise.png"), 128, 2);
  WriteText(P("old.nlic"), "keep");
  const pid_t pid = ::fork();
  if (pid == 0) {
    struct rlimit lim = {16384, 16384};
    const int err = ::open((aux_ + "/err.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (err < 0 || ::setrlimit(RLIMIT_FSIZE, &lim) != 0) ::_exit(126);
    ::dup2(err, 2);
    ::execl(NLIC_CLI_PATH, NLIC_CLI_PATH, "encode", "-f", P("noise.png").c_str(), P("old.nlic").c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  EXPECT_EQ(Wait(pid), 3);
  EXPECT_NE(ReadText(aux_ + "/err.txt").find("file size limit"), std::string::npos) << ReadText(aux_ + "/err.txt");
  EXPECT_EQ(ReadText(P("old.nlic")), "keep");
  EXPECT_EQ(Listing(), (Names{"in.png", "noise.png", "old.nlic"}));
}

// SIGINT and SIGTERM while the temporary file is half written (the stall
// hook holds the write after 100 bytes): exit 3, no OUT, no temporary file,
// an existing OUT (with -f) and IN unchanged.
TEST_F(Fault, SignalHalfwayThroughTheWrite) {
  EncodeInput();
  const std::string nlic_before = ReadText(P("out.nlic")), png_before = ReadText(P("in.png"));
  WriteText(P("old.png"), "old contents");
  env_ = {{"NLIC_TEST_STALL_AFTER_BYTES", "100"}};
  struct Case {
    std::vector<std::string> args;
    int sig;
  };
  const Case cases[] = {
      {{"encode", "in.png", "new.nlic"}, SIGINT},
      {{"encode", "in.png", "new.nlic"}, SIGTERM},
      {{"decode", "-f", "out.nlic", "old.png"}, SIGINT},
      {{"decode", "-f", "out.nlic", "old.png"}, SIGTERM},
  };
  for (const Case& c : cases) {
    const pid_t pid = Spawn(c.args, "stall");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (TempFileSize() < 100 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ASSERT_EQ(TempFileSize(), 100) << c.args[0] << ": the write never stalled";
    ::kill(pid, c.sig);
    EXPECT_EQ(Wait(pid), 3) << c.args[0] << " signal " << c.sig;
    EXPECT_NE(ReadText(aux_ + "/stall.err").find("output not written"), std::string::npos);
    EXPECT_EQ(Listing(), (Names{"in.png", "out.nlic", "old.png"})) << c.args[0] << " signal " << c.sig;
    EXPECT_EQ(ReadText(P("old.png")), "old contents");
    EXPECT_EQ(ReadText(P("out.nlic")), nlic_before);
    EXPECT_EQ(ReadText(P("in.png")), png_before);
  }
}

TEST_F(Fault, ReadErrorsAreNamed) {
  fs::create_directory(P("adir"));
  EXPECT_EQ(Run({"encode", P("adir"), P("x.nlic")}), 1);
  EXPECT_NE(err_.find("is a directory"), std::string::npos) << err_;
  EXPECT_EQ(Run({"decode", P("adir"), P("x.png")}), 1);
  EXPECT_NE(err_.find("is a directory"), std::string::npos) << err_;
  // A directory as standard input: open() works, read() fails (EISDIR).
  EXPECT_EQ(Run({"encode", "-", P("x.nlic")}, P("adir")), 1);
  EXPECT_NE(err_.find("cannot read standard input"), std::string::npos) << err_;
  if (::geteuid() != 0) {  // root reads anything
    WriteText(P("secret.png"), ReadText(P("in.png")));
    ::chmod(P("secret.png").c_str(), 0);
    EXPECT_EQ(Run({"encode", P("secret.png"), P("x.nlic")}), 1);
    EXPECT_NE(err_.find("Permission denied"), std::string::npos) << err_;
    ::chmod(P("secret.png").c_str(), 0644);
    fs::remove(P("secret.png"));
  }
  EXPECT_EQ(Listing(), (Names{"in.png", "adir"}));
}

// Ten encoders at once into one directory: six race to replace one name
// with -f, three race to create another without -f (exactly one may win),
// one writes alone. Afterwards every output decodes to one of its writers'
// inputs, exactly, and no temporary file is left. Three rounds.
TEST_F(Fault, ConcurrentWritersNeverTearAFile) {
  constexpr int kWriters = 10;
  std::vector<Image> inputs(kWriters);
  for (int i = 0; i < kWriters; ++i) {
    MakeNoisePng(P("in" + std::to_string(i) + ".png"), 160 + 8 * uint32_t(i), 100 + uint32_t(i));
    std::vector<uint8_t> png = ReadBytes(P("in" + std::to_string(i) + ".png"));
    ASSERT_TRUE(ReadPng(png.data(), png.size(), ReadLimits(), &inputs[i]).ok());
  }
  auto target = [](int i) { return i < 6 ? "shared.nlic" : i < 9 ? "first.nlic" : "alone.nlic"; };
  for (int round = 0; round < 3; ++round) {
    fs::remove(P("first.nlic"));
    std::vector<pid_t> pids;
    for (int i = 0; i < kWriters; ++i) {
      std::vector<std::string> args = {"encode", "--threads", "1", "in" + std::to_string(i) + ".png", target(i)};
      if (i < 6 || i == 9) args.insert(args.begin() + 1, "-f");
      pids.push_back(Spawn(args, "w" + std::to_string(i)));
    }
    std::map<std::string, std::vector<int>> winners;
    for (int i = 0; i < kWriters; ++i) {
      const int rc = Wait(pids[i]);
      const std::string err = ReadText(aux_ + "/w" + std::to_string(i) + ".err");
      if (i >= 6 && i < 9 && rc == 3) {
        EXPECT_NE(err.find("exists"), std::string::npos) << err;  // lost the race without -f
        continue;
      }
      EXPECT_EQ(rc, 0) << "writer " << i << ": " << err;
      winners[target(i)].push_back(i);
    }
    EXPECT_EQ(winners["first.nlic"].size(), 1u) << "round " << round;
    for (const auto& [name, writers] : winners) {
      std::vector<uint8_t> bytes = ReadBytes(P(name));
      Image out;
      Status s = Decode(bytes.data(), bytes.size(), {}, &out);
      ASSERT_TRUE(s.ok()) << name << " round " << round << ": " << s.ToString();
      bool matches = false;
      for (int i : writers) matches |= SameImage(out, inputs[i]);
      EXPECT_TRUE(matches) << name << " round " << round << " is none of its writers' images";
    }
    Names expected = {"in.png", "shared.nlic", "first.nlic", "alone.nlic"};
    for (int i = 0; i < kWriters; ++i) expected.insert("in" + std::to_string(i) + ".png");
    EXPECT_EQ(Listing(), expected) << "round " << round;
  }
}

}  // namespace
}  // namespace nlic
