// ReadJpeg on arbitrary bytes. Whatever reads must be a valid image (the encoder
// accepts it); small ones also round-trip through the codec.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nlic::Image img;
  if (!nlic::ReadJpeg(data, size, nlic_fuzz::Limits(), &img).ok()) return 0;
  NLIC_FUZZ_CHECK(img.width >= 1 && img.height >= 1, "ReadJpeg: empty image");
  NLIC_FUZZ_CHECK(uint64_t(img.width) * img.height <= nlic_fuzz::kMaxPixels, "ReadJpeg: pixel limit ignored");
  NLIC_FUZZ_CHECK(img.samples.size() == img.sample_count(), "ReadJpeg: sample buffer has the wrong size");
  if (img.sample_count() <= nlic_fuzz::kMaxCodecSamples)
    nlic_fuzz::RequireCodecRoundTrip(img, nlic::EncodeOptions{}, "ReadJpeg");
  return 0;
}
