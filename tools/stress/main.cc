// nlic_stress: feeds `nlic decode` thousands of damaged .nlic files and
// `nlic encode` PngSuite's broken PNGs, PNGs claiming huge sizes and an
// empty file, each in its own process, and checks from outside that every
// one is rejected cleanly: exit code 1, a message on stderr, no output
// file, and peak RSS under a bound (64 MiB by default).
//
//   nlic_stress --nlic build/nlic --testimages testimages [--count 10000]
//               [--pngsuite DIR] [--max-rss-mib 64] [--work DIR]
//
// A mutation may also decode successfully when it changed nothing the
// decoder reads (a flip in coder slack): then the output must equal the
// seed's decode byte for byte. A forged header with a recomputed CRC may be
// a valid file of its own; that is counted, not failed. Exit 0 = all passed.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "codec/nlic.h"
#include "tools/stress/child_run.h"
#include "tools/stress/crafted_png.h"
#include "tools/stress/mutations.h"

namespace nlic::stress {
namespace {

namespace fs = std::filesystem;

struct Config {
  std::string nlic, testimages, pngsuite, work;
  uint64_t count = 10000;
  long max_rss_kib = 64 * 1024;
  double timeout = 30;
};

struct Tally {
  uint64_t cases = 0, rejected = 0, harmless = 0, accepted_forged = 0, failed = 0;
  long max_rss_kib = 0;
  double max_seconds = 0;
  std::string max_rss_case;
};

std::vector<uint8_t> ReadAll(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

void WriteAll(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

std::string FirstLine(const std::string& path) {
  std::ifstream f(path);
  std::string line;
  std::getline(f, line);
  return line;
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

// The golden files, plus two images re-encoded with many stripes so that
// record swaps have full-size stripes to exchange.
std::vector<Seed> LoadSeeds(const Config& c) {
  std::vector<std::string> goldens;
  for (const auto& e : fs::directory_iterator(c.testimages + "/golden"))
    if (e.path().extension() == ".nlic") goldens.push_back(e.path().string());
  std::sort(goldens.begin(), goldens.end());
  std::vector<Seed> seeds;
  for (const std::string& g : goldens) {
    Seed s;
    if (DescribeSeed(fs::path(g).filename().string(), ReadAll(g), &s)) seeds.push_back(std::move(s));
    else std::fprintf(stderr, "nlic_stress: %s does not parse; skipped\n", g.c_str());
  }
  const std::pair<const char*, uint32_t> restriped[] = {{"photo_kodim23_192x128.png", 16},
                                                        {"rgba_tango_icon_128.png", 32}};
  for (const auto& [name, rows] : restriped) {
    std::vector<uint8_t> png = ReadAll(c.testimages + "/" + name), bytes;
    Image img;
    EncodeOptions eo;
    eo.stripe_rows = rows;
    Seed s;
    if (ReadPng(png.data(), png.size(), {}, &img).ok() && Encode(img, eo, &bytes).ok() &&
        DescribeSeed(std::string(name) + " in " + std::to_string(rows) + "-row stripes", bytes, &s))
      seeds.push_back(std::move(s));
  }
  return seeds;
}

class Runner {
 public:
  explicit Runner(const Config& c) : c_(c) {}

  // Runs `nlic COMMAND IN OUT` and checks the outcome. `reference` (may be
  // empty) is what a harmless success must produce; `may_be_valid` allows a
  // success with other output.
  void Check(const std::string& kind, const std::string& what, const std::string& command, const std::string& in,
             const std::vector<uint8_t>* reference, bool may_be_valid, long rss_bound_kib = 0) {
    const long bound = rss_bound_kib ? rss_bound_kib : c_.max_rss_kib;
    const std::string out = c_.work + "/out." + (command == "decode" ? "png" : "nlic");
    const std::string err = c_.work + "/stderr.txt";
    fs::remove(out);
    const ChildResult r = RunChild({c_.nlic, command, in, out}, err, c_.timeout);
    Tally& t = tallies_[command + " " + kind];
    ++t.cases;
    if (r.max_rss_kib > t.max_rss_kib) {
      t.max_rss_kib = r.max_rss_kib;
      t.max_rss_case = what;
    }
    t.max_seconds = std::max(t.max_seconds, r.seconds);
    std::string problem;
    if (r.timed_out) problem = "timed out";
    else if (r.signal) problem = "killed by signal " + std::to_string(r.signal);
    else if (r.max_rss_kib > bound) problem = "peak RSS " + std::to_string(r.max_rss_kib / 1024) + " MiB";
    else if (r.exit_code == 1) {
      if (FirstLine(err).find("nlic: error:") == std::string::npos) problem = "exit 1 without a message";
      else if (Exists(out)) problem = "exit 1 but an output file exists";
      else ++t.rejected;
    } else if (r.exit_code == 0) {
      const std::vector<uint8_t> got = ReadAll(out);
      if (reference && got == *reference) ++t.harmless;
      else if (may_be_valid && !got.empty()) ++t.accepted_forged;
      else problem = "accepted, with output that differs from the undamaged file's";
    } else {
      problem = "exit code " + std::to_string(r.exit_code);
    }
    if (!problem.empty()) {
      ++t.failed;
      if (++failures_ <= 20)
        std::printf("FAIL %s %s (%s): %s; stderr: %s\n", command.c_str(), kind.c_str(), what.c_str(),
                    problem.c_str(), FirstLine(err).c_str());
      fs::create_directories(c_.work + "/failures");
      fs::copy_file(in, c_.work + "/failures/" + std::to_string(failures_) + "-" + fs::path(in).filename().string(),
                    fs::copy_options::overwrite_existing);
    }
    fs::remove(out);
  }

  // Prints the table; returns the number of failures.
  uint64_t Report(double seconds) const {
    std::printf("%-26s %7s %8s %8s %8s %6s %9s %8s\n", "command/kind", "cases", "rejected", "harmless", "forged-ok",
                "FAILED", "max RSS", "max s");
    Tally all;
    for (const auto& [name, t] : tallies_) {
      std::printf("%-26s %7llu %8llu %8llu %8llu %6llu %6.1f MiB %8.3f  %s\n", name.c_str(), (unsigned long long)t.cases,
                  (unsigned long long)t.rejected, (unsigned long long)t.harmless,
                  (unsigned long long)t.accepted_forged, (unsigned long long)t.failed, t.max_rss_kib / 1024.0,
                  t.max_seconds, t.max_rss_case.c_str());
      all.cases += t.cases;
      all.failed += t.failed;
      if (t.max_rss_kib > all.max_rss_kib) {
        all.max_rss_kib = t.max_rss_kib;
        all.max_rss_case = name + " " + t.max_rss_case;
      }
      all.max_seconds = std::max(all.max_seconds, t.max_seconds);
    }
    std::printf("total: %llu cases, %llu failed, max peak RSS %.1f MiB (bound %ld MiB; 256 MiB for forged-huge-256B), "
                "slowest case %.3f s, "
                "wall time %.1f s\n",
                (unsigned long long)all.cases, (unsigned long long)all.failed, all.max_rss_kib / 1024.0,
                c_.max_rss_kib / 1024, all.max_seconds, seconds);
    std::printf("largest peak RSS: %s\n", all.max_rss_case.c_str());
    std::printf("%llu passed, %llu failed\n", (unsigned long long)(all.cases - all.failed),
                (unsigned long long)all.failed);
    return all.failed;
  }

 private:
  const Config& c_;
  std::map<std::string, Tally> tallies_;
  uint64_t failures_ = 0;
};

int Usage() {
  std::fputs("usage: nlic_stress --nlic PATH --testimages DIR [--count N] [--pngsuite DIR] [--max-rss-mib M] "
             "[--work DIR]\n", stderr);
  return 2;
}

int Main(int argc, char** argv) {
  Config c;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--nlic") c.nlic = v;
    else if (k == "--testimages") c.testimages = v;
    else if (k == "--pngsuite") c.pngsuite = v;
    else if (k == "--work") c.work = v;
    else if (k == "--count") c.count = std::strtoull(v.c_str(), nullptr, 10);
    else if (k == "--max-rss-mib") c.max_rss_kib = std::atol(v.c_str()) * 1024;
    else return Usage();
  }
  if (argc % 2 == 0 || c.nlic.empty() || c.testimages.empty()) return Usage();
  if (c.pngsuite.empty()) c.pngsuite = c.testimages + "/pngsuite";
  if (c.work.empty()) c.work = (fs::temp_directory_path() / ("nlic-stress-" + std::to_string(::getpid()))).string();
  fs::remove_all(c.work);
  fs::create_directories(c.work);
  const auto start = std::chrono::steady_clock::now();

  const std::vector<Seed> seeds = LoadSeeds(c);
  if (seeds.empty()) return std::fprintf(stderr, "nlic_stress: no seeds\n"), 1;
  // What each seed decodes to, for judging mutations that decode.
  std::vector<std::vector<uint8_t>> references;
  for (size_t i = 0; i < seeds.size(); ++i) {
    const std::string in = c.work + "/seed.nlic", out = c.work + "/seed.png";
    WriteAll(in, seeds[i].bytes);
    fs::remove(out);
    const ChildResult r = RunChild({c.nlic, "decode", in, out}, c.work + "/stderr.txt", c.timeout);
    if (r.exit_code != 0) return std::fprintf(stderr, "nlic_stress: seed %s does not decode\n", seeds[i].name.c_str()), 1;
    references.push_back(ReadAll(out));
  }

  Runner runner(c);
  const std::string in = c.work + "/case.nlic";
  for (uint64_t i = 0; i < c.count; ++i) {
    const Mutation m = MakeMutation(seeds, i);
    WriteAll(in, m.bytes);
    runner.Check(m.kind, "#" + std::to_string(i) + " " + m.what, "decode", in,
                 m.seed >= 0 ? &references[size_t(m.seed)] : nullptr, m.forged_crc, m.rss_bound_kib);
  }

  // Encoder side: PngSuite's deliberately broken files, lying PNGs, nothing.
  std::vector<std::string> broken;
  for (const auto& e : fs::directory_iterator(c.pngsuite)) {
    const std::string name = e.path().filename().string();
    if (name[0] == 'x' && e.path().extension() == ".png") broken.push_back(e.path().string());
  }
  std::sort(broken.begin(), broken.end());
  for (const std::string& p : broken) runner.Check("pngsuite-x", fs::path(p).filename().string(), "encode", p, nullptr, false);
  const std::pair<uint32_t, uint32_t> claims[] = {{100000, 100000}, {16384, 16384}, {1u << 24, 16}, {0x7FFFFFFF, 1}};
  for (const auto& [w, h] : claims)
    for (bool interlaced : {false, true}) {
      const std::string p = c.work + "/claims_" + std::to_string(w) + "x" + std::to_string(h) +
                            (interlaced ? "_adam7" : "") + ".png";
      WriteAll(p, PngClaiming(w, h, interlaced));
      runner.Check("lying-png", fs::path(p).filename().string(), "encode", p, nullptr, false);
    }
  const std::string empty = c.work + "/empty.png";
  WriteAll(empty, {});
  runner.Check("empty", "zero-byte file", "encode", empty, nullptr, false);

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("nlic_stress: %llu mutations of %zu seeds, %zu broken PngSuite files, max RSS bound %ld MiB\n",
              (unsigned long long)c.count, seeds.size(), broken.size(), c.max_rss_kib / 1024);
  const uint64_t failed = runner.Report(seconds);
  if (failed == 0) fs::remove_all(c.work);
  else std::printf("failing inputs kept in %s/failures\n", c.work.c_str());
  return failed == 0 ? 0 : 1;
}

}  // namespace
}  // namespace nlic::stress

int main(int argc, char** argv) { return nlic::stress::Main(argc, argv); }
