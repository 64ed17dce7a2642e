// nlic::Decode on arbitrary bytes. Whatever decodes must be a valid image
// that re-encodes and decodes to itself.
#include "fuzz_common.h"

namespace {

void DecodeOne(const uint8_t* data, size_t size) {
  nlic::Image img;
  if (!nlic::Decode(data, size, nlic_fuzz::DecodeOpts(), &img).ok()) return;

  nlic::FileInfo info;
  nlic::Status s = nlic::ReadInfo(data, size, &info);
  NLIC_FUZZ_CHECK(s.ok(), "Decode succeeded but ReadInfo failed: " + s.ToString());
  NLIC_FUZZ_CHECK(info.width == img.width && info.height == img.height && info.color_type == img.color_type &&
                      info.bit_depth == img.bit_depth,
                  "ReadInfo disagrees with Decode about the image shape");
  NLIC_FUZZ_CHECK(img.samples.size() == img.sample_count(), "decoded sample buffer has the wrong size");

  // Re-encode with the file's own stripe layout, decode again, compare.
  nlic::EncodeOptions opt;
  opt.stripe_rows = info.stripe_rows;
  nlic_fuzz::RequireCodecRoundTrip(img, opt, "Decode");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  DecodeOne(data, size);
  std::vector<uint8_t> fixed;
  if (nlic_fuzz::FixHeaderCrc(data, size, &fixed)) DecodeOne(fixed.data(), fixed.size());
  return 0;
}
