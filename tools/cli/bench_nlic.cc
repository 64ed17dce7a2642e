#include "tools/cli/bench_nlic.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <limits>
#include <vector>

#include "tools/cli/command_common.h"
#include "tools/cli/strings.h"
#include "tools/cli/stopwatch.h"
#include "tools/cli/subprocess.h"

namespace nlic::cli {

void Describe(const Image& im, BenchRow* row) {
  row->width = im.width;
  row->height = im.height;
  row->channels = im.channels();
  row->bit_depth = im.bit_depth;
}

int MeasureNlic(const Image& image, const NlicSettings& s, BenchRow* row) {
  std::vector<uint8_t> encoded;
  row->encode_seconds = std::numeric_limits<double>::infinity();
  for (int i = 0; i < s.repeat; ++i) {
    Stopwatch clock;
    Status st = Encode(image, s.encode, &encoded);
    row->encode_seconds = std::min(row->encode_seconds, clock.Seconds());
    if (!st.ok()) {
      row->status = RowStatus::kFailed;
      row->note = "encode: " + st.ToString();
      return ExitCodeFor(st.code(), Stage::kCodec);
    }
  }
  row->bytes = encoded.size();
  Image decoded;
  row->decode_seconds = std::numeric_limits<double>::infinity();
  for (int i = 0; i < s.repeat; ++i) {
    Stopwatch clock;
    Status st = Decode(encoded.data(), encoded.size(), s.decode, &decoded);
    row->decode_seconds = std::min(row->decode_seconds, clock.Seconds());
    if (!st.ok()) {
      row->status = RowStatus::kLossy;
      row->note = "own output does not decode: " + st.ToString();
      return kExitVerifyOrInternal;
    }
  }
  std::string why;
  if (!SameImage(image, decoded, &why)) {
    row->status = RowStatus::kLossy;
    row->note = why;
    return kExitVerifyOrInternal;
  }
  return kExitOk;
}

std::string MeasureNlicMemory(const std::string& input_path, const NlicSettings& s,
                              const std::string& dir, BenchRow* row) {
  if (PeakRssHelper().empty()) return "nlic-peak-rss not found next to nlic";
  const std::string nlic_file = dir + "/nlic.nlic", pam = dir + "/nlic.pam";
  const std::string threads = std::to_string(s.encode.threads);
  std::vector<std::string> encode = {SelfPath(), "encode", "-q", "-f", "-e",
                                     std::to_string(s.encode.effort), "--threads", threads};
  if (s.encode.predictor != PredictorChoice::kByEffort)
    encode.insert(encode.end(), {"--predictor", PredictorName(s.encode.predictor)});
  encode.insert(encode.end(), {"--", input_path, nlic_file});
  ProcessResult enc = RunSilenced(encode);
  std::string note;
  struct stat st;
  const bool written = enc.ok() && ::stat(nlic_file.c_str(), &st) == 0;
  if (!enc.ok()) {
    note = "nlic encode " + enc.Describe();
  } else if (!written || uint64_t(st.st_size) != row->bytes) {
    note = Sprintf("nlic encode wrote %lld bytes, the library %llu",
                   written ? (long long)st.st_size : -1LL, (unsigned long long)row->bytes);
  } else {
    ProcessResult dec = RunSilenced({SelfPath(), "decode", "-q", "-f", "--threads",
                                     std::to_string(s.decode.threads), nlic_file, pam});
    if (!dec.ok()) {
      note = "nlic decode " + dec.Describe();
    } else {
      row->encode_peak_kb = enc.peak_rss_kb;
      row->decode_peak_kb = dec.peak_rss_kb;
    }
  }
  ::unlink(nlic_file.c_str());
  ::unlink(pam.c_str());
  return note;
}

}  // namespace nlic::cli
