// Builds a valid image from the fuzz bytes and requires Encode/Decode to give
// it back exactly, with one and two encoder threads giving identical bytes.
//
// The bytes' tail (FuzzedDataProvider takes integers from the end) chooses the
// shape: colour type, a bit depth valid for it, width and height 1..64,
// stripe_rows, effort, interlace flag, palette, optional tRNS, up to three
// metadata chunks and strip_metadata. The front fills the samples, masked to
// the bit depth (palette indices: modulo the palette size) and repeated
// cyclically when the bytes run out.
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_common.h"

namespace {

using nlic::ColorType;

constexpr ColorType kTypes[] = {ColorType::kGray, ColorType::kRGB, ColorType::kPalette, ColorType::kGrayAlpha,
                                ColorType::kRGBA};

uint8_t PickDepth(FuzzedDataProvider& fdp, ColorType t) {
  static const uint8_t kGray[] = {1, 2, 4, 8, 16}, kPalette[] = {1, 2, 4, 8}, kTrue[] = {8, 16};
  switch (t) {
    case ColorType::kGray: return fdp.PickValueInArray(kGray);
    case ColorType::kPalette: return fdp.PickValueInArray(kPalette);
    default: return fdp.PickValueInArray(kTrue);
  }
}

std::vector<uint8_t> Bytes(FuzzedDataProvider& fdp, size_t n) {
  std::vector<uint8_t> v = fdp.ConsumeBytes<uint8_t>(n);
  v.resize(n, 0);
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider fdp(data, size);
  nlic::Image img;
  img.color_type = fdp.PickValueInArray(kTypes);
  img.bit_depth = PickDepth(fdp, img.color_type);
  img.width = fdp.ConsumeIntegralInRange<uint32_t>(1, 64);
  img.height = fdp.ConsumeIntegralInRange<uint32_t>(1, 64);
  img.interlaced = fdp.ConsumeBool();

  nlic::EncodeOptions opt;
  opt.effort = fdp.ConsumeIntegralInRange<int>(1, 9);
  opt.stripe_rows = fdp.ConsumeIntegralInRange<uint32_t>(0, img.height + 1);  // 0 = automatic
  opt.strip_metadata = fdp.ConsumeBool();

  const uint8_t flags = fdp.ConsumeIntegral<uint8_t>();
  const bool want_trns = flags & 1, want_chunks = flags & 2, suggested = flags & 4;

  size_t entries = 0;
  if (img.color_type == ColorType::kPalette) {
    entries = fdp.ConsumeIntegralInRange<size_t>(1, size_t(1) << img.bit_depth);
  } else if (suggested && (img.color_type == ColorType::kRGB || img.color_type == ColorType::kRGBA)) {
    entries = fdp.ConsumeIntegralInRange<size_t>(1, 256);
  }
  img.palette = Bytes(fdp, entries * 3);

  // tRNS as the container allows it (ValidateTransparency): 2 bytes for gray,
  // 6 for RGB, 1..entries for a palette, none with an alpha channel.
  if (want_trns) {
    switch (img.color_type) {
      case ColorType::kGray: img.trns = Bytes(fdp, 2); break;
      case ColorType::kRGB: img.trns = Bytes(fdp, 6); break;
      case ColorType::kPalette: img.trns = Bytes(fdp, fdp.ConsumeIntegralInRange<size_t>(1, entries)); break;
      default: break;
    }
  }
  if (want_chunks) {
    const int count = fdp.ConsumeIntegralInRange<int>(1, 3);
    for (int i = 0; i < count; ++i) {
      nlic::Chunk c;
      for (char& ch : c.type) {
        const uint8_t b = fdp.ConsumeIntegralInRange<uint8_t>(0, 51);
        ch = char(b < 26 ? 'A' + b : 'a' + (b - 26));
      }
      // Only what a PNG may carry as metadata is a valid image (the
      // encoder refuses the rest): an ancillary type, and never tRNS.
      if (!nlic::IsMetadataChunkType(c.type)) continue;
      c.place = nlic::ChunkPlace(fdp.ConsumeIntegralInRange<uint8_t>(0, 2));
      c.data = Bytes(fdp, fdp.ConsumeIntegralInRange<size_t>(0, 64));
      img.chunks.push_back(std::move(c));
    }
  }
  if (!img.trns.empty()) img.trns_index = fdp.ConsumeIntegralInRange<uint32_t>(0, uint32_t(img.chunks.size()));

  // Samples: the remaining bytes, big-endian pairs for 16-bit, cycled.
  const std::vector<uint8_t> rest = fdp.ConsumeRemainingBytes<uint8_t>();
  const uint32_t mask = img.max_value();
  const bool wide = img.bit_depth == 16;
  img.samples.resize(img.sample_count());
  size_t pos = 0;
  auto next = [&]() -> uint8_t {
    if (rest.empty()) return 0;
    const uint8_t b = rest[pos];
    pos = (pos + 1) % rest.size();
    return b;
  };
  for (uint16_t& s : img.samples) {
    uint32_t v = next();
    if (wide) v = v << 8 | next();
    v &= mask;
    if (img.color_type == ColorType::kPalette) v %= uint32_t(entries);  // indices must name an entry
    s = uint16_t(v);
  }

  // Encode with one and with two threads: the bytes must not differ.
  opt.threads = 1;
  std::vector<uint8_t> bytes;
  nlic::Status s = nlic::Encode(img, opt, &bytes);
  NLIC_FUZZ_CHECK(s.ok(), "Encode rejected a valid image (" + nlic_fuzz::Describe(img) + "): " + s.ToString());
  opt.threads = 2;
  std::vector<uint8_t> bytes2;
  s = nlic::Encode(img, opt, &bytes2);
  NLIC_FUZZ_CHECK(s.ok(), "Encode with 2 threads failed: " + s.ToString());
  NLIC_FUZZ_CHECK(bytes == bytes2, "Encode output depends on the thread count (" + nlic_fuzz::Describe(img) + ")");

  nlic::FileInfo info;
  s = nlic::ReadInfo(bytes.data(), bytes.size(), &info);
  NLIC_FUZZ_CHECK(s.ok(), "ReadInfo failed on Encode's output: " + s.ToString());
  NLIC_FUZZ_CHECK(info.width == img.width && info.height == img.height, "ReadInfo: wrong dimensions");
  if (opt.stripe_rows)
    NLIC_FUZZ_CHECK(info.stripe_rows == std::min(opt.stripe_rows, img.height), "stripe_rows not honoured");

  nlic::Image expected = img;
  if (opt.strip_metadata) {
    expected.chunks.clear();
    expected.trns_index = 0;
  }
  nlic::Image back;
  s = nlic::Decode(bytes.data(), bytes.size(), nlic_fuzz::DecodeOpts(), &back);
  NLIC_FUZZ_CHECK(s.ok(), "Decode failed on Encode's output (" + nlic_fuzz::Describe(img) + "): " + s.ToString());
  std::string why;
  NLIC_FUZZ_CHECK(nlic::SameImage(expected, back, &why),
                  "round trip changed the image (" + nlic_fuzz::Describe(img) + "): " + why);
  return 0;
}
