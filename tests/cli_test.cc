// End-to-end tests of the `nlic` command-line tool: the built binary
// (NLIC_CLI_PATH) runs in a fresh temporary directory through fork/exec.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "codec/nlic.h"
#include "gtest/gtest.h"

namespace nlic {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
}

std::vector<uint8_t> ReadBytes(const std::string& path) {
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
};

using Names = std::set<std::string>;

TEST_F(CliTest, EncodeDecodeRoundTripPng) {
  EncodeInput();
  ASSERT_EQ(Run({"decode", P("out.nlic"), P("back.png")}), 0) << err_;
  ExpectSamePng(P("in.png"), P("back.png"));
  EXPECT_EQ(Listing(), (Names{"in.png", "out.nlic", "back.png"}));
}

TEST_F(CliTest, RelativePathsAndOptions) {
  ASSERT_EQ(Run({"encode", "-e", "9", "--threads", "2", "--strip", "-q", "in.png", "a.nlic"}), 0)
      << err_;
  ASSERT_EQ(Run({"decode", "--threads=1", "a.nlic", "a.png"}), 0) << err_;
  ExpectSamePng(P("in.png"), P("a.png"), /*ignore_chunks=*/true);
}

TEST_F(CliTest, DecodeToPnmAndPam) {
  EncodeInput();
  ASSERT_EQ(Run({"decode", P("out.nlic"), P("back.ppm")}), 0) << err_;
  ASSERT_EQ(Run({"decode", P("out.nlic"), P("back.pam")}), 0) << err_;
  EXPECT_EQ(ReadText(P("back.ppm")).substr(0, 2), "P6");
  EXPECT_EQ(ReadText(P("back.pam")).substr(0, 2), "P7");
  std::vector<uint8_t> png = ReadBytes(P("in.png")), ppm = ReadBytes(P("back.ppm"));
  Image a, b;
  ASSERT_TRUE(ReadPng(png.data(), png.size(), ReadLimits(), &a).ok());
  ASSERT_TRUE(ReadImage(ppm.data(), ppm.size(), ReadLimits(), &b).ok());
  EXPECT_EQ(a.width, b.width);
  EXPECT_EQ(a.height, b.height);
  EXPECT_EQ(a.samples, b.samples);
}

TEST_F(CliTest, RefusesToOverwriteWithoutForce) {
  WriteText(P("out.nlic"), "keep me");
  EXPECT_EQ(Run({"encode", P("in.png"), P("out.nlic")}), 3);
  EXPECT_NE(err_.find("exists"), std::string::npos) << err_;
  EXPECT_EQ(ReadText(P("out.nlic")), "keep me");
  EXPECT_EQ(Listing(), (Names{"in.png", "out.nlic"}));

  WriteText(P("back.png"), "keep me too");
  EXPECT_EQ(Run({"decode", P("out.nlic"), P("back.png")}), 3);
  EXPECT_EQ(ReadText(P("back.png")), "keep me too");

  ASSERT_EQ(Run({"encode", "-f", P("in.png"), P("out.nlic")}), 0) << err_;
  std::vector<uint8_t> bytes = ReadBytes(P("out.nlic"));
  EXPECT_TRUE(LooksLikeNlic(bytes.data(), bytes.size()));
  ASSERT_EQ(Run({"decode", "--force", P("out.nlic"), P("back.png")}), 0) << err_;
  ExpectSamePng(P("in.png"), P("back.png"));
  EXPECT_EQ(Listing(), (Names{"in.png", "out.nlic", "back.png"}));
}

TEST_F(CliTest, StdinAndStdout) {
  ASSERT_EQ(Run({"encode", "-", P("out.nlic")}, P("in.png")), 0) << err_;
  ASSERT_EQ(Run({"decode", P("out.nlic"), "-"}, "", P("out.png")), 0) << err_;
  ExpectSamePng(P("in.png"), P("out.png"));
  // Both ends at once, and the bytes match a file-to-file encode.
  ASSERT_EQ(Run({"encode", "-", "-"}, P("in.png"), P("piped.nlic")), 0) << err_;
  EXPECT_EQ(ReadText(P("piped.nlic")), ReadText(P("out.nlic")));
  EXPECT_EQ(Listing(), (Names{"in.png", "out.nlic", "out.png", "piped.nlic"}));
}

TEST_F(CliTest, MissingInputIsRejected) {
  EXPECT_EQ(Run({"encode", P("nothere.png"), P("out.nlic")}), 1);
  EXPECT_EQ(Run({"decode", P("nothere.nlic"), P("out.png")}), 1);
  EXPECT_EQ(Run({"info", P("nothere.nlic")}), 1);
  EXPECT_EQ(Listing(), (Names{"in.png"}));
}

TEST_F(CliTest, ZeroByteInputIsRejected) {
  WriteText(P("empty.png"), "");
  WriteText(P("empty.nlic"), "");
  EXPECT_EQ(Run({"encode", P("empty.png"), P("out.nlic")}), 1);
  EXPECT_EQ(Run({"decode", P("empty.nlic"), P("out.png")}), 1);
  EXPECT_EQ(Run({"info", P("empty.nlic")}), 1);
  EXPECT_EQ(Run({"encode", "-", P("out.nlic")}, P("empty.png")), 1);
  EXPECT_EQ(Listing(), (Names{"in.png", "empty.png", "empty.nlic"}));
}

TEST_F(CliTest, NotAnImageIsRejected) {
  WriteText(P("text.png"), "this is not an image at all\n");
  EXPECT_EQ(Run({"encode", P("text.png"), P("out.nlic")}), 1);
  EXPECT_EQ(Run({"decode", P("text.png"), P("out.png")}), 1);
  EXPECT_EQ(Run({"decode", P("text.png"), "-"}, "", P("stdout.png")), 1);
  EXPECT_EQ(fs::file_size(P("stdout.png")), 0u);  // nothing written on failure
  EXPECT_EQ(Listing(), (Names{"in.png", "text.png", "stdout.png"}));
}

TEST_F(CliTest, CorruptNlicIsRejectedWithoutOutput) {
  EncodeInput();
  std::string good = ReadText(P("out.nlic"));
  ASSERT_GT(good.size(), 16u);
  WriteText(P("truncated.nlic"), good.substr(0, good.size() / 2));
  std::string flipped = good;
  flipped[flipped.size() * 2 / 3] = char(flipped[flipped.size() * 2 / 3] ^ 0x5a);
  WriteText(P("flipped.nlic"), flipped);
  EXPECT_EQ(Run({"decode", P("truncated.nlic"), P("t.png")}), 1) << err_;
  EXPECT_EQ(Run({"decode", P("flipped.nlic"), P("f.png")}), 1) << err_;
  EXPECT_EQ(Listing(), (Names{"in.png", "out.nlic", "truncated.nlic", "flipped.nlic"}));
}

TEST_F(CliTest, UsageErrors) {
  const std::vector<std::vector<std::string>> cases = {
      {},
      {"frobnicate"},
      {"encode"},
      {"encode", "in.png"},
      {"encode", "in.png", "a.nlic", "extra"},
      {"encode", "in.png", "a.nlic", "-e", "10"},
      {"encode", "in.png", "a.nlic", "-e", "0"},
      {"encode", "in.png", "a.nlic", "--effort"},
      {"encode", "in.png", "a.nlic", "--bogus"},
      {"encode", "in.png", "a.nlic", "--threads", "abc"},
      {"encode", "in.png", "a.nlic", "--predictor", "magic"},
      {"encode", "in.png", "a.nlic", "-q", "-v"},
      {"decode", "a.nlic", "a.png", "--verify"},
      {"info"},
      {"info", "a", "b"},
      {"encode", "in.png", "in.png", "-f"},
      {"encode", "in.png", "./in.png", "-f"},
  };
  const std::string before = ReadText(P("in.png"));
  for (const auto& args : cases) {
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(Run(args), 2) << "nlic " << joined;
    EXPECT_FALSE(err_.empty()) << "nlic " << joined;
  }
  EXPECT_EQ(ReadText(P("in.png")), before);
  EXPECT_EQ(Listing(), (Names{"in.png"}));
}

TEST_F(CliTest, HelpAndVersion) {
  EXPECT_EQ(Run({"--help"}), 0);
  EXPECT_NE(out_.find("Exit codes"), std::string::npos);
  EXPECT_NE(out_.find("encode"), std::string::npos);
  EXPECT_EQ(Run({"encode", "-h"}), 0);
  EXPECT_EQ(Run({"--version"}), 0);
  EXPECT_NE(out_.find("nlic"), std::string::npos);
}

TEST_F(CliTest, InfoMentionsDimensions) {
  EncodeInput();
  ASSERT_EQ(Run({"info", P("out.nlic")}), 0) << err_;
  EXPECT_NE(out_.find("32x32"), std::string::npos) << out_;
  EXPECT_NE(out_.find("bpsp"), std::string::npos) << out_;
  ASSERT_EQ(Run({"info", "-"}, P("out.nlic")), 0) << err_;
  EXPECT_NE(out_.find("32x32"), std::string::npos) << out_;
  EXPECT_EQ(Run({"info", P("in.png")}), 1);  // a PNG is not an nlic file
}

TEST_F(CliTest, VerifyEncodes) {
  ASSERT_EQ(Run({"encode", "--verify", "-v", P("in.png"), P("out.nlic")}), 0) << err_;
  ASSERT_EQ(Run({"decode", P("out.nlic"), P("back.png")}), 0) << err_;
  ExpectSamePng(P("in.png"), P("back.png"));
  EXPECT_EQ(Listing(), (Names{"in.png", "out.nlic", "back.png"}));
}

TEST_F(CliTest, DiskFullOnStdout) {
  EncodeInput();
  EXPECT_EQ(Run({"encode", P("in.png"), "-"}, "", "/dev/full"), 3);
  EXPECT_NE(err_.find("disk full"), std::string::npos) << err_;
  EXPECT_EQ(Run({"decode", P("out.nlic"), "-"}, "", "/dev/full"), 3);
  EXPECT_NE(err_.find("disk full"), std::string::npos) << err_;
  EXPECT_EQ(Run({"--help"}, "", "/dev/full"), 3);
  EXPECT_EQ(Listing(), (Names{"in.png", "out.nlic"}));
}

TEST_F(CliTest, UnwritableOutputLeavesNothing) {
  fs::create_directory(P("sub"));
  EXPECT_EQ(Run({"encode", P("in.png"), P("nodir/out.nlic")}), 3);
  EXPECT_EQ(Run({"encode", P("in.png"), P("sub")}), 3);
  EXPECT_EQ(Run({"encode", "-f", P("in.png"), P("sub")}), 3);
  EXPECT_TRUE(fs::is_empty(P("sub")));
  EXPECT_EQ(Listing(), (Names{"in.png", "sub"}));
  if (::geteuid() != 0) {  // root ignores directory permissions
    ::chmod(P("sub").c_str(), 0555);
    EXPECT_EQ(Run({"encode", P("in.png"), P("sub/out.nlic")}), 3);
    ::chmod(P("sub").c_str(), 0755);
    EXPECT_TRUE(fs::is_empty(P("sub")));
  }
}

TEST_F(CliTest, OutputToCharacterDevice) {
  EncodeInput();
  EXPECT_EQ(Run({"decode", P("out.nlic"), "/dev/null"}), 0) << err_;
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

// A signal while nlic waits on stdin: exit code 3, a message, no output.
TEST_F(CliTest, SignalExitsWithCode3) {
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const std::string err_capture = aux_ + "/stderr.txt";
    pid_t pid = ::fork();
    if (pid == 0) {
      int err = ::open(err_capture.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fds[0], 0);
      ::dup2(err, 2);
      ::close(fds[1]);
      if (::chdir(dir_.c_str()) != 0) ::_exit(126);
      ::execl(NLIC_CLI_PATH, NLIC_CLI_PATH, "encode", "-", "out.nlic", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[0]);
    ::usleep(300 * 1000);  // let it block in read()
    ::kill(pid, sig);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
    }
    ::close(fds[1]);
    ASSERT_TRUE(WIFEXITED(status)) << "signal " << sig;
    EXPECT_EQ(WEXITSTATUS(status), 3) << "signal " << sig;
    EXPECT_NE(ReadText(err_capture).find("output not written"), std::string::npos);
    EXPECT_EQ(Listing(), (Names{"in.png"}));
  }
}

TEST_F(CliTest, BenchReportsTotalsAndCsv) {
  fs::create_directories(P("corpus/nested"));
  fs::copy_file(P("in.png"), P("corpus/nested/a.png"));
  fs::copy_file(P("in.png"), P("corpus/b.png"));
  WriteText(P("corpus/readme.txt"), "not an image");
  ASSERT_EQ(Run({"bench", "--repeat", "2", "--csv", P("bench.csv"), P("corpus")}), 0) << err_;
  EXPECT_NE(out_.find("TOTAL"), std::string::npos) << out_;
  EXPECT_NE(out_.find("nested/a.png"), std::string::npos) << out_;
  EXPECT_EQ(out_.find("readme"), std::string::npos) << out_;
  const std::string csv = ReadText(P("bench.csv"));
  EXPECT_NE(csv.find("image,codec"), std::string::npos) << csv;
  EXPECT_NE(csv.find("b.png,nlic"), std::string::npos) << csv;
  // The CSV is not overwritten without -f.
  EXPECT_EQ(Run({"bench", "--csv", P("bench.csv"), P("corpus")}), 3);
  EXPECT_EQ(ReadText(P("bench.csv")), csv);
  // 32x32 images hold no 32x64 patch.
  EXPECT_EQ(Run({"bench", "--patches", P("corpus")}), 1);
  EXPECT_NE(err_.find("smaller than a 32x64 patch"), std::string::npos) << err_;
  EXPECT_EQ(Run({"bench", "--patch-stride", "2", P("corpus")}), 2);  // needs --patches
  EXPECT_EQ(Run({"bench", P("nothere")}), 1);
}

// The line of `text` whose first whitespace-separated words are `first`.
std::vector<std::string> LineStartingWith(const std::string& text, const std::vector<std::string>& first) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::vector<std::string> words;
    std::string line = text.substr(pos, end - pos), w;
    for (char c : line + " ") {
      if (c == ' ') {
        if (!w.empty()) words.push_back(w);
        w.clear();
      } else {
        w += c;
      }
    }
    if (words.size() >= first.size() && std::equal(first.begin(), first.end(), words.begin()))
      return words;
    pos = end + 1;
  }
  return {};
}

// bench --patches: the 192x128 photo gives 6x2 patches of 32x64; nlic and
// libpng are always measured, external peers only when installed.
TEST_F(CliTest, BenchPatchesCountsAndCsv) {
  fs::create_directories(P("corpus"));
  fs::copy_file(std::string(NLIC_TESTIMAGES_DIR) + "/photo_kodim23_192x128.png",
                P("corpus/photo.png"));
  ASSERT_EQ(Run({"bench", "--patches", "--csv", P("patches.csv"), P("corpus")}), 0) << err_;
  std::vector<std::string> image = LineStartingWith(out_, {"photo.png"});
  ASSERT_EQ(image.size(), 5u) << out_;  // name, patches, nlic bytes, nlic %, libpng %
  EXPECT_EQ(image[1], "12");
  EXPECT_NE(out_.find("TOTAL (1 image)"), std::string::npos) << out_;
  for (const char* header : {"nlic %", "libpng -9 %", "% raw", "/ cjxl -e9", "lossless"})
    EXPECT_NE(out_.find(header), std::string::npos) << header << "\n" << out_;
  std::vector<std::string> nlic = LineStartingWith(out_, {"nlic"});
  ASSERT_GE(nlic.size(), 9u) << out_;
  EXPECT_EQ(nlic[1], "12");
  EXPECT_EQ(nlic[2], image[2]);  // bytes
  const double percent = std::stod(nlic[3]);
  EXPECT_GT(percent, 0.0);
  EXPECT_LT(percent, 100.0);
  EXPECT_EQ(nlic[5], "-");  // no cjxl without --peers
  EXPECT_EQ(nlic.back(), "\u2713");
  std::vector<std::string> png = LineStartingWith(out_, {"libpng", "-9"});
  ASSERT_FALSE(png.empty()) << out_;
  EXPECT_EQ(png[2], "12");

  // CSV: one row per patch and codec (12 x nlic, libpng), then the totals.
  const std::string csv = ReadText(P("patches.csv"));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 12 * 2 + 2) << csv;
  EXPECT_NE(csv.find("\nphoto.png@x0y0,nlic,32,64,1,8,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nphoto.png@x160y64,libpng -9,32,64,1,8,"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("@x192"), std::string::npos) << csv;  // no partial patches

  // Every 5th patch: 0, 5 and 10.
  ASSERT_EQ(Run({"bench", "--patches", "--patch-stride", "5", P("corpus")}), 0) << err_;
  EXPECT_EQ(LineStartingWith(out_, {"nlic"}).at(1), "3") << out_;

  // With --peers (one patch, two jobs) cjxl -e 9 is either measured or skipped.
  ASSERT_EQ(Run({"bench", "--patches", "--peers", "--threads", "2", "--patch-stride", "12",
                 P("corpus")}),
            0)
      << err_;
  std::vector<std::string> cjxl = LineStartingWith(out_, {"cjxl", "-e", "9"});
  ASSERT_GE(cjxl.size(), 4u) << out_;
  if (cjxl[3] != "skipped:") {
    EXPECT_EQ(cjxl[3], "1") << out_;
    EXPECT_EQ(cjxl.at(7), "1.000") << out_;
    EXPECT_NE(LineStartingWith(out_, {"nlic"}).at(5), "-") << out_;
  }
}

// Gray is (R+G+B)/3 rounded down: an RGB patch codes exactly like the gray
// image holding those values. A 16-bit image is skipped.
TEST_F(CliTest, BenchPatchesGrayConversion) {
  Image rgb, gray;
  rgb.width = gray.width = 32;
  rgb.height = gray.height = 64;
  rgb.color_type = ColorType::kRGB;
  gray.color_type = ColorType::kGray;
  uint32_t state = 1;
  for (int i = 0; i < 32 * 64; ++i) {
    unsigned sum = 0;
    for (int c = 0; c < 3; ++c) {
      state = state * 1103515245u + 12345u;
      const uint16_t v = uint16_t((state >> 16) % 256);
      rgb.samples.push_back(v);
      sum += v;
    }
    gray.samples.push_back(uint16_t(sum / 3));
  }
  Image wide16 = gray;
  wide16.bit_depth = 16;
  for (const auto& [name, image] : {std::pair<const char*, const Image*>{"rgb", &rgb}, {"gray", &gray},
                                    {"wide16", &wide16}}) {
    std::vector<uint8_t> png;
    ASSERT_TRUE(WritePng(*image, &png).ok());
    fs::create_directories(P(name));
    WriteText(P(std::string(name) + "/p.png"), std::string(png.begin(), png.end()));
  }
  ASSERT_EQ(Run({"bench", "--patches", P("rgb")}), 0) << err_;
  const std::vector<std::string> from_rgb = LineStartingWith(out_, {"p.png"});
  ASSERT_EQ(Run({"bench", "--patches", P("gray")}), 0) << err_;
  const std::vector<std::string> from_gray = LineStartingWith(out_, {"p.png"});
  ASSERT_EQ(from_rgb.size(), 5u) << out_;
  EXPECT_EQ(from_rgb, from_gray);
  EXPECT_EQ(from_rgb[1], "1");
  EXPECT_EQ(Run({"bench", "--patches", P("wide16")}), 1);
  EXPECT_NE(err_.find("16-bit"), std::string::npos) << err_;
}

}  // namespace
}  // namespace nlic
