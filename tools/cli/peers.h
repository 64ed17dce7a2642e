// Other lossless codecs that `nlic bench --peers` runs on the same pixels:
// libpng -9 (in-process), optipng -o7, cwebp -lossless -z 9 -exact (8-bit
// gray/RGB/RGBA only), cjxl -d 0 -e 7 and -e 9. External tools run
// single-threaded (cjxl/djxl --num_threads=1; cwebp without -mt) with
// their files in a private temporary directory; each result is decoded and
// checked with SamePixels. Decode time is the decoder process (dwebp/djxl,
// writing PAM/PNM) or, for PNG output, nlic's in-process ReadImage. Peak
// memory is measured for the external processes only (subprocess.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "codec/nlic.h"

namespace nlic::cli {

struct PeerContext {
  std::string dir;        // private temporary directory
  std::string input_png;  // the image as PNG (pixels only), already written
  int repeat = 1;         // runs per step, the fastest is kept
};

struct PeerRun {
  enum class Outcome { kOk, kNotApplicable, kFailed };
  Outcome outcome = Outcome::kFailed;
  uint64_t bytes = 0;
  double encode_seconds = 0;
  double decode_seconds = 0;
  // ru_maxrss of the encoder / decoder process (largest over repeats);
  // 0 = not measured (in-process steps, or nlic-peak-rss missing).
  uint64_t encode_peak_kb = 0, decode_peak_kb = 0;
  bool lossless = false;
  std::string note;  // why n/a or failed, or what differed
};

class Peer {
 public:
  virtual ~Peer() = default;
  virtual std::string Name() const = 0;
  // Empty when usable, else what is missing ("cjxl not installed").
  virtual std::string Missing() const = 0;
  virtual PeerRun Run(const Image& image, const PeerContext& context) const = 0;
};

std::vector<std::unique_ptr<Peer>> MakePeers();

// File names peers, and nlic's measured processes, may create inside
// PeerContext::dir (for cleanup).
const std::vector<std::string>& PeerFileNames();

}  // namespace nlic::cli
