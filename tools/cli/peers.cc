#include "tools/cli/peers.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <limits>

#include "tools/cli/file_input.h"
#include "tools/cli/pixel_compare.h"
#include "tools/cli/stopwatch.h"
#include "tools/cli/subprocess.h"

namespace nlic::cli {
namespace {

using Outcome = PeerRun::Outcome;

PeerRun Failed(std::string note) {
  PeerRun r;
  r.outcome = Outcome::kFailed;
  r.note = std::move(note);
  return r;
}

// Runs argv `repeat` times; the fastest wall-clock time goes to *seconds,
// the largest peak RSS to *peak_kb.
bool TimeProcess(const std::vector<std::string>& argv, int repeat, double* seconds,
                 uint64_t* peak_kb, std::string* note) {
  *seconds = std::numeric_limits<double>::infinity();
  *peak_kb = 0;
  for (int i = 0; i < repeat; ++i) {
    ProcessResult r = RunSilenced(argv);
    if (!r.ok()) {
      *note = argv[0] + " " + r.Describe();
      return false;
    }
    *seconds = std::min(*seconds, r.seconds);
    *peak_kb = std::max(*peak_kb, r.peak_rss_kb);
  }
  return true;
}

// Reads a decoded file and times nlic's ReadImage on it (fastest of repeat).
bool TimeReadImage(const std::string& path, int repeat, Image* out, double* seconds,
                   std::string* note) {
  std::vector<uint8_t> bytes;
  Status s = ReadInputFile(path, &bytes);
  if (!s.ok()) {
    *note = s.ToString();
    return false;
  }
  *seconds = std::numeric_limits<double>::infinity();
  for (int i = 0; i < repeat; ++i) {
    Stopwatch clock;
    s = ReadImage(bytes.data(), bytes.size(), ReadLimits(), out);
    *seconds = std::min(*seconds, clock.Seconds());
    if (!s.ok()) {
      *note = "cannot read the decoded file: " + s.ToString();
      return false;
    }
  }
  return true;
}

uint64_t FileSize(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? uint64_t(st.st_size) : 0;
}

void Check(const Image& reference, const Image& decoded, PeerRun* r) {
  std::string why;
  r->lossless = SamePixels(reference, decoded, &why);
  if (!r->lossless) r->note = why;
  r->outcome = Outcome::kOk;
}

// encode: IN -> encoded file; decode: encoded file -> a file ReadImage reads.
PeerRun RunExternal(const Image& reference, const PeerContext& c,
                    const std::vector<std::string>& encode_argv, const std::string& encoded,
                    const std::vector<std::string>& decode_argv, const std::string& decoded) {
  PeerRun r;
  ::unlink(encoded.c_str());
  ::unlink(decoded.c_str());
  std::string note;
  if (!TimeProcess(encode_argv, c.repeat, &r.encode_seconds, &r.encode_peak_kb, &note)) return Failed(note);
  r.bytes = FileSize(encoded);
  if (r.bytes == 0) return Failed(encode_argv[0] + " produced no output");
  Image back;
  if (decode_argv.empty()) {  // a PNG: decoded in-process
    if (!TimeReadImage(encoded, c.repeat, &back, &r.decode_seconds, &note)) return Failed(note);
  } else {
    double unused = 0;
    if (!TimeProcess(decode_argv, c.repeat, &r.decode_seconds, &r.decode_peak_kb, &note)) return Failed(note);
    if (!TimeReadImage(decoded, 1, &back, &unused, &note)) return Failed(note);
  }
  Check(reference, back, &r);
  ::unlink(encoded.c_str());
  ::unlink(decoded.c_str());
  return r;
}

std::string MissingTools(std::initializer_list<const char*> tools) {
  std::string missing;
  for (const char* t : tools) {
    if (ProgramInPath(t)) continue;
    if (!missing.empty()) missing += ", ";
    missing += t;
  }
  return missing.empty() ? "" : missing + " not installed";
}

class LibpngPeer : public Peer {
 public:
  std::string Name() const override { return "libpng -9"; }
  std::string Missing() const override { return ""; }
  PeerRun Run(const Image& image, const PeerContext& c) const override {
    PeerRun r;
    // Pixels, PLTE and tRNS only, like the other peers: no metadata, no interlacing.
    Image pixels = image;
    pixels.chunks.clear();
    pixels.trns_index = 0;
    pixels.interlaced = false;
    const PngWriteOptions level9{9, true};
    std::vector<uint8_t> png;
    r.encode_seconds = std::numeric_limits<double>::infinity();
    for (int i = 0; i < c.repeat; ++i) {
      Stopwatch clock;
      Status s = WritePng(pixels, level9, &png);
      r.encode_seconds = std::min(r.encode_seconds, clock.Seconds());
      if (!s.ok()) return Failed(s.ToString());
    }
    r.bytes = png.size();
    Image back;
    r.decode_seconds = std::numeric_limits<double>::infinity();
    for (int i = 0; i < c.repeat; ++i) {
      Stopwatch clock;
      Status s = ReadPng(png.data(), png.size(), ReadLimits(), &back);
      r.decode_seconds = std::min(r.decode_seconds, clock.Seconds());
      if (!s.ok()) return Failed("cannot read back: " + s.ToString());
    }
    Check(image, back, &r);
    return r;
  }
};

class OptipngPeer : public Peer {
 public:
  std::string Name() const override { return "optipng -o7"; }
  std::string Missing() const override { return MissingTools({"optipng"}); }
  PeerRun Run(const Image& image, const PeerContext& c) const override {
    const std::string out = c.dir + "/opt.png";
    return RunExternal(image, c,
                       {"optipng", "-o7", "-quiet", "-force", "-clobber", "-out", out, c.input_png},
                       out, {}, out);
  }
};

class CwebpPeer : public Peer {
 public:
  std::string Name() const override { return "cwebp -z 9"; }
  std::string Missing() const override { return MissingTools({"cwebp", "dwebp"}); }
  PeerRun Run(const Image& image, const PeerContext& c) const override {
    const bool eight_bit_direct = image.bit_depth == 8 && (image.color_type == ColorType::kGray ||
                                                           image.color_type == ColorType::kRGB ||
                                                           image.color_type == ColorType::kRGBA);
    if (!eight_bit_direct) {
      PeerRun r;
      r.outcome = Outcome::kNotApplicable;
      r.note = "only 8-bit gray/RGB/RGBA";
      return r;
    }
    const std::string webp = c.dir + "/out.webp", pam = c.dir + "/out.pam";
    // -exact keeps RGB under alpha 0, otherwise WebP is not pixel-lossless.
    return RunExternal(image, c,
                       {"cwebp", "-quiet", "-lossless", "-z", "9", "-exact", "-metadata", "none",
                        c.input_png, "-o", webp},
                       webp, {"dwebp", "-quiet", "-pam", webp, "-o", pam}, pam);
  }
};

class CjxlPeer : public Peer {
 public:
  explicit CjxlPeer(int effort) : effort_(effort) {}
  std::string Name() const override { return "cjxl -e " + std::to_string(effort_); }
  std::string Missing() const override { return MissingTools({"cjxl", "djxl"}); }
  PeerRun Run(const Image& image, const PeerContext& c) const override {
    // djxl picks PGM/PPM/PAM (P5/P6/P7) from the channels for a .ppm name.
    const std::string jxl = c.dir + "/out.jxl", pnm = c.dir + "/out.ppm";
    std::vector<std::string> decode = {"djxl", jxl, pnm, "--num_threads=1", "--quiet"};
    // djxl 0.7 writes 1/2/4-bit samples scaled to 8 bits under a maxval of
    // 2^depth-1 (an invalid PNM); asking for 8 bits gives consistent output.
    if (image.bit_depth < 16) decode.push_back("--bits_per_sample=8");
    return RunExternal(image, c,
                       {"cjxl", c.input_png, jxl, "-d", "0", "-e", std::to_string(effort_),
                        "--num_threads=1", "--quiet"},
                       jxl, decode, pnm);
  }

 private:
  int effort_;
};

}  // namespace

std::vector<std::unique_ptr<Peer>> MakePeers() {
  std::vector<std::unique_ptr<Peer>> peers;
  peers.push_back(std::make_unique<LibpngPeer>());
  peers.push_back(std::make_unique<OptipngPeer>());
  peers.push_back(std::make_unique<CwebpPeer>());
  peers.push_back(std::make_unique<CjxlPeer>(7));
  peers.push_back(std::make_unique<CjxlPeer>(9));
  return peers;
}

const std::vector<std::string>& PeerFileNames() {
  static const std::vector<std::string> kNames = {"in.png",  "opt.png",   "out.webp", "out.pam",
                                                  "out.jxl", "out.ppm",   "nlic.nlic", "nlic.pam"};
  return kNames;
}

}  // namespace nlic::cli
