// The .nlic decoders on arbitrary bytes: Decode, DecodeStream and
// DecodeSalvage. Whatever decodes must be a valid image that re-encodes and
// decodes to itself; the streaming decoder must accept exactly what Decode
// accepts and give the same pixels, and a salvage of a file Decode accepts
// must report no damage and give the same image.
#include <algorithm>
#include <cstring>

#include "fuzz_common.h"

namespace {

// DecodeStream over `data`, fed in small pieces so that record boundaries
// fall anywhere; the rows it hands over, concatenated.
nlic::Status DecodeStreamed(const uint8_t* data, size_t size, nlic::Image* out) {
  size_t pos = 0;
  const nlic::ByteSource source = [&](uint8_t* buf, size_t want, size_t* got) {
    *got = std::min({want, size - pos, size_t(7)});
    std::memcpy(buf, data + pos, *got);
    pos += *got;
    return nlic::Status::Ok();
  };
  const nlic::HeaderSink on_header = [&](const nlic::Image& meta) {
    *out = meta;
    return nlic::Status::Ok();
  };
  const nlic::RowSink rows = [&](const uint16_t* p, uint32_t count) {
    out->samples.insert(out->samples.end(), p, p + size_t(count) * out->width * out->channels());
    return nlic::Status::Ok();
  };
  return nlic::DecodeStream(source, nlic_fuzz::DecodeOpts(), on_header, rows);
}

void DecodeOne(const uint8_t* data, size_t size) {
  nlic::Image img;
  const bool decoded = nlic::Decode(data, size, nlic_fuzz::DecodeOpts(), &img).ok();
  nlic::Image streamed;
  const bool stream_ok = DecodeStreamed(data, size, &streamed).ok();
  NLIC_FUZZ_CHECK(decoded == stream_ok, "Decode and DecodeStream disagree on whether the file is valid");
  nlic::Image salvaged;
  std::vector<nlic::DamagedStripe> damaged;
  const bool salvage_ok = nlic::DecodeSalvage(data, size, nlic_fuzz::DecodeOpts(), &salvaged, &damaged).ok();
  if (!decoded) return;
  NLIC_FUZZ_CHECK(nlic::SameImage(img, streamed), "DecodeStream gave other pixels than Decode");
  NLIC_FUZZ_CHECK(salvage_ok && damaged.empty() && nlic::SameImage(img, salvaged),
                  "DecodeSalvage of a valid file reported damage or other pixels");

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
