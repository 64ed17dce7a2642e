// ReadPng on arbitrary bytes (and on a copy with the chunk CRCs fixed). A PNG that reads must write back (WritePng) and
// read again to the same image; small ones also round-trip through the codec.
#include "fuzz_common.h"

namespace {

void ReadOne(const uint8_t* data, size_t size) {
  nlic::Image img;
  if (!nlic::ReadPng(data, size, nlic_fuzz::Limits(), &img).ok()) return;
  NLIC_FUZZ_CHECK(img.samples.size() == img.sample_count(), "ReadPng: sample buffer has the wrong size");

  std::vector<uint8_t> png;
  nlic::Status s = nlic::WritePng(img, &png);
  NLIC_FUZZ_CHECK(s.ok(), "WritePng rejected an image ReadPng produced (" + nlic_fuzz::Describe(img) +
                              "): " + s.ToString());
  nlic::Image back;
  s = nlic::ReadPng(png.data(), png.size(), nlic_fuzz::Limits(), &back);
  NLIC_FUZZ_CHECK(s.ok(), "ReadPng failed on WritePng's output: " + s.ToString());
  std::string why;
  NLIC_FUZZ_CHECK(nlic::SameImage(img, back, &why), "PNG write/read round trip changed the image: " + why);

  if (img.sample_count() <= nlic_fuzz::kMaxCodecSamples)
    nlic_fuzz::RequireCodecRoundTrip(img, nlic::EncodeOptions{}, "ReadPng");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ReadOne(data, size);
  // Also with every chunk CRC corrected (see FixPngCrcs).
  std::vector<uint8_t> fixed;
  if (nlic_fuzz::FixPngCrcs(data, size, &fixed)) ReadOne(fixed.data(), fixed.size());
  return 0;
}
