// ReadPnm on arbitrary bytes. What reads must write back (WritePnm, as
// PNM/PAM and as forced PAM) and read again to the same image; small ones
// also round-trip through the codec.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nlic::Image img;
  if (!nlic::ReadPnm(data, size, nlic_fuzz::Limits(), &img).ok()) return 0;
  NLIC_FUZZ_CHECK(uint64_t(img.width) * img.height <= nlic_fuzz::kMaxPixels, "ReadPnm: pixel limit ignored");
  NLIC_FUZZ_CHECK(img.samples.size() == img.sample_count(), "ReadPnm: sample buffer has the wrong size");

  for (bool pam : {false, true}) {
    std::vector<uint8_t> out;
    nlic::Status s = nlic::WritePnm(img, pam, &out);
    NLIC_FUZZ_CHECK(s.ok(), "WritePnm rejected an image ReadPnm produced (" + nlic_fuzz::Describe(img) +
                                "): " + s.ToString());
    nlic::Image back;
    s = nlic::ReadPnm(out.data(), out.size(), nlic_fuzz::Limits(), &back);
    NLIC_FUZZ_CHECK(s.ok(), "ReadPnm failed on WritePnm's output: " + s.ToString());
    std::string why;
    NLIC_FUZZ_CHECK(nlic::SameImage(img, back, &why), std::string("PNM write/read round trip (") +
                                                          (pam ? "PAM" : "PNM") + ") changed the image: " + why);
  }

  if (img.sample_count() <= nlic_fuzz::kMaxCodecSamples)
    nlic_fuzz::RequireCodecRoundTrip(img, nlic::EncodeOptions{}, "ReadPnm");
  return 0;
}
