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
#include "codec/header.h"
#include "tests/cli_fixture.h"
#include "tests/io_test_util.h"

namespace nlic {
namespace {

using namespace nlic::testing;

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
  // The format the binary writes, not a copy of the number.
  EXPECT_NE(out_.find("(format " + std::to_string(kFormatVersion) + ")"), std::string::npos) << out_;
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

// Splits CSV text into rows of fields (no quoted commas in these files).
std::vector<std::vector<std::string>> CsvRows(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  size_t start = 0;
  while (start < csv.size()) {
    size_t end = csv.find('\n', start);
    if (end == std::string::npos) end = csv.size();
    std::vector<std::string> fields;
    std::string line = csv.substr(start, end - start), field;
    for (char c : line) {
      if (c == ',') {
        fields.push_back(field);
        field.clear();
      } else {
        field += c;
      }
    }
    fields.push_back(field);
    rows.push_back(fields);
    start = end + 1;
  }
  return rows;
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_F(CliTest, BenchReportsPeakMemory) {
  const std::string photo = std::string(NLIC_TESTIMAGES_DIR) + "/photo_kodim23_192x128.png";
  ASSERT_EQ(Run({"bench", "--csv", P("bench.csv"), photo}), 0) << err_;
  EXPECT_NE(out_.find("peak memory"), std::string::npos) << out_;
  EXPECT_NE(out_.find("enc MiB"), std::string::npos) << out_;
  EXPECT_NE(out_.find("dec MiB"), std::string::npos) << out_;
  auto rows = CsvRows(ReadText(P("bench.csv")));
  ASSERT_GE(rows.size(), 3u);
  const std::vector<std::string>& header = rows[0];
  size_t enc = 0, dec = 0;
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "encode_peak_kb") enc = i;
    if (header[i] == "decode_peak_kb") dec = i;
  }
  ASSERT_NE(enc, 0u);
  ASSERT_NE(dec, 0u);
  for (const auto& row : rows) EXPECT_EQ(row.size(), header.size()) << row[0];
  // nlic-peak-rss is built next to nlic, so nlic's row has a measured peak:
  // at least the decoded image (192*128*3 samples), at most a sane bound.
  const long peak = std::atol(rows[1][enc].c_str());
  EXPECT_GT(peak, 100) << rows[1][enc];
  EXPECT_LT(peak, 1 << 20) << rows[1][enc];
  EXPECT_GT(std::atol(rows[1][dec].c_str()), 100) << rows[1][dec];
}

TEST_F(CliTest, BenchLadderWritesTableMarkdownAndSvg) {
  const std::string photo = std::string(NLIC_TESTIMAGES_DIR) + "/photo_kodim23_192x128.png";
  ASSERT_EQ(Run({"bench", "--ladder", "--ladder-out", P("lad"), "--csv", P("l.csv"), photo}), 0)
      << err_;
  for (int e = 1; e <= 9; ++e)
    EXPECT_NE(out_.find("nlic -e " + std::to_string(e) + " "), std::string::npos) << out_;
  EXPECT_NE(out_.find("enc MiB"), std::string::npos) << out_;
  // One CSV row per effort plus one TOTAL per effort.
  EXPECT_EQ(Count(ReadText(P("l.csv")), ",nlic -e "), 18u);

  const std::string md = ReadText(P("lad.md"));
  EXPECT_NE(md.find("| codec | images | bpsp | encode MP/s | decode MP/s |"), std::string::npos) << md;
  EXPECT_EQ(Count(md, "| nlic -e "), 9u) << md;
  for (size_t at = md.find("\n|"); at != std::string::npos; at = md.find("\n|", at + 1)) {
    size_t end = md.find('\n', at + 1);
    EXPECT_EQ(Count(md.substr(at + 1, end - at - 1), "|"), 9u) << md.substr(at + 1, end - at - 1);
  }

  const std::string svg = ReadText(P("lad.svg"));
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u) << svg.substr(0, 80);
  EXPECT_NE(svg.find("</svg>\n"), std::string::npos);
  EXPECT_EQ(Count(svg, "<polyline"), 1u);
  EXPECT_EQ(Count(svg, "<circle"), 9u);  // one point per effort
  EXPECT_NE(svg.find(">e1<"), std::string::npos);
  // Every element is closed: self-closing, or a <text> with its </text>.
  EXPECT_EQ(Count(svg, "<text"), Count(svg, "</text>"));
  EXPECT_EQ(Count(svg, "<") - Count(svg, "</") - Count(svg, "/>"), Count(svg, "<text") + 1);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.find("inf"), std::string::npos);

  // The files are not overwritten without -f; bad combinations are usage errors.
  EXPECT_EQ(Run({"bench", "--ladder", "--ladder-out", P("lad"), photo}), 3);
  EXPECT_EQ(ReadText(P("lad.svg")), svg);
  EXPECT_EQ(Run({"bench", "--ladder-out", P("x"), photo}), 2);
  EXPECT_EQ(Run({"bench", "--ladder", "-e", "3", photo}), 2);
  EXPECT_EQ(Run({"bench", "--ladder", "--threads-scaling", photo}), 2);
}

TEST_F(CliTest, BenchThreadsScalingReportsSpeedupAndTilingCost) {
  const std::string photo = std::string(NLIC_TESTIMAGES_DIR) + "/photo_kodim23_192x128.png";
  ASSERT_EQ(Run({"bench", "--threads-scaling", "-e", "2", photo}), 0) << err_;
  EXPECT_NE(out_.find("enc@1"), std::string::npos) << out_;
  EXPECT_NE(out_.find("dec@2"), std::string::npos) << out_;
  EXPECT_NE(out_.find("x2"), std::string::npos) << out_;
  EXPECT_NE(out_.find("1 stripe"), std::string::npos) << out_;
  EXPECT_NE(out_.find("photo_kodim23_192x128.png"), std::string::npos) << out_;
  EXPECT_NE(out_.find("%"), std::string::npos) << out_;
}

}  // namespace
}  // namespace nlic

namespace nlic {
namespace {

// Files in and out stream (row IO + EncodeStream/DecodeStream); stdin and
// stdout take the whole-image path. Both must give the same bytes, and the
// streamed path must leave no temporary file behind.
TEST_F(CliTest, StreamedAndWholeImagePathsGiveTheSameBytes) {
  ASSERT_EQ(Run({"encode", "--verify", "-v", P("in.png"), P("streamed.nlic")}), 0) << err_;
  EXPECT_NE(err_.find("streamed"), std::string::npos) << err_;
  ASSERT_EQ(Run({"encode", "-", "-"}, P("in.png"), P("whole.nlic")), 0) << err_;
  EXPECT_EQ(ReadBytes(P("streamed.nlic")), ReadBytes(P("whole.nlic")));

  for (const char* ext : {".png", ".ppm", ".pam"}) {
    const std::string streamed = P(std::string("streamed") + ext), whole = P(std::string("whole") + ext);
    ASSERT_EQ(Run({"decode", "-v", P("streamed.nlic"), streamed}), 0) << err_;
    EXPECT_NE(err_.find("streamed"), std::string::npos) << err_;
    // stdout is PNG; for PNM compare with the library's writer instead.
    if (std::string(ext) == ".png") {
      ASSERT_EQ(Run({"decode", P("streamed.nlic"), "-"}, "", whole), 0) << err_;
      EXPECT_EQ(ReadBytes(streamed), ReadBytes(whole));
    } else {
      Image img;
      std::vector<uint8_t> nlic = ReadBytes(P("streamed.nlic")), pnm;
      ASSERT_TRUE(Decode(nlic.data(), nlic.size(), {}, &img).ok());
      ASSERT_TRUE(WritePnm(img, std::string(ext) == ".pam", &pnm).ok());
      EXPECT_EQ(ReadBytes(streamed), pnm) << ext;
    }
  }
  // A damaged file fails without leaving OUT or a temporary file.
  std::vector<uint8_t> bytes = ReadBytes(P("streamed.nlic"));
  bytes[bytes.size() - 3] ^= 0x55;
  WriteText(P("bad.nlic"), std::string(bytes.begin(), bytes.end()));
  const std::set<std::string> before = Listing();
  EXPECT_EQ(Run({"decode", P("bad.nlic"), P("bad.png")}), 1) << err_;
  EXPECT_EQ(Listing(), before);
}

// A few-colour PNG is colour-indexed (spec/format.md 10): the streamed path
// pre-scans its rows and reads them again, and must still write the
// whole-image bytes; --verify decodes it back.
TEST_F(CliTest, ColourIndexedStreamedAndWholeImagePathsGiveTheSameBytes) {
  const std::string png = nlic::testing::TestImagePath("screenshot_lorem_200x120.png");
  ASSERT_EQ(Run({"encode", "--verify", "-v", png, P("streamed.nlic")}), 0) << err_;
  EXPECT_NE(err_.find("streamed"), std::string::npos) << err_;
  ASSERT_EQ(Run({"encode", "-", "-"}, png, P("whole.nlic")), 0) << err_;
  const std::vector<uint8_t> streamed = ReadBytes(P("streamed.nlic"));
  EXPECT_EQ(streamed, ReadBytes(P("whole.nlic")));
  ASSERT_GT(streamed.size(), 7u);
  EXPECT_TRUE(streamed[7] & 0x10);  // flag bit 4: the colour table
  ASSERT_EQ(Run({"decode", P("streamed.nlic"), P("back.png")}), 0) << err_;
  ExpectSamePng(png, P("back.png"));
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
