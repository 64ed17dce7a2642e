// nlic_gen_huge: writes a large photo-like PNG without holding it in memory,
// for the bounded-memory measurements in tools/huge/huge_image.sh.
//
//   nlic_gen_huge KODAK_DIR WIDTH HEIGHT OUT.png [rgb8|rgb16|rgba8|rgba16]
//
// The picture tiles the 24 Kodak photos (768x512 tiles, portrait ones
// transposed), mirrored on odd tiles so most seams are continuous, and
// rotates the photo choice per tile row so the coder never sees a period.
// Deterministic: the same arguments always give the same file. 16-bit
// output widens with a low byte of smooth texture; alpha is a slow ramp.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "codec/nlic.h"
#include "io/row_io.h"

namespace {

constexpr uint32_t kTileW = 768, kTileH = 512;

struct Photo {
  nlic::Image img;
  bool transposed;
  uint16_t at(uint32_t u, uint32_t v, int c) const {
    return transposed ? img.at(v, u, c) : img.at(u, v, c);
  }
};

int Usage() {
  std::fputs("usage: nlic_gen_huge KODAK_DIR WIDTH HEIGHT OUT.png [rgb8|rgb16|rgba8|rgba16]\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5 || argc > 6) return Usage();
  const std::string dir = argv[1];
  const uint32_t width = uint32_t(std::strtoul(argv[2], nullptr, 10));
  const uint32_t height = uint32_t(std::strtoul(argv[3], nullptr, 10));
  const std::string kind = argc == 6 ? argv[5] : "rgb8";
  const bool alpha = kind == "rgba8" || kind == "rgba16";
  const bool wide = kind == "rgb16" || kind == "rgba16";
  if (width == 0 || height == 0 || (kind != "rgb8" && kind != "rgb16" && !alpha)) return Usage();

  std::vector<Photo> photos;
  for (int i = 1; i <= 24; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/kodim%02d.png", i);
    std::vector<uint8_t> bytes;
    Photo p;
    nlic::Status s = nlic::ReadFileBytes(dir + name, &bytes);
    if (s.ok()) s = nlic::ReadPng(bytes.data(), bytes.size(), {}, &p.img);
    if (!s.ok() || p.img.color_type != nlic::ColorType::kRGB || p.img.bit_depth != 8) {
      std::fprintf(stderr, "nlic_gen_huge: %s%s: %s\n", dir.c_str(), name, s.ok() ? "not 8-bit RGB" : s.ToString().c_str());
      return 1;
    }
    p.transposed = p.img.width < p.img.height;
    photos.push_back(std::move(p));
  }

  nlic::Image meta;
  meta.width = width;
  meta.height = height;
  meta.color_type = alpha ? nlic::ColorType::kRGBA : nlic::ColorType::kRGB;
  meta.bit_depth = wide ? 16 : 8;
  std::FILE* out = std::fopen(argv[4], "wb");
  if (!out) {
    std::perror(argv[4]);
    return 1;
  }
  const nlic::ByteSink sink = [out](const uint8_t* p, size_t n) {
    return std::fwrite(p, 1, n, out) == n ? nlic::Status::Ok() : nlic::IoError("write failed");
  };
  nlic::PngWriteOptions options;
  options.compression_level = 3;  // the file is scratch; do not spend minutes on zlib
  std::unique_ptr<nlic::ImageRowWriter> writer;
  nlic::Status s = nlic::OpenPngRowWriter(meta, options, sink, &writer);
  const int C = meta.channels();
  std::vector<uint16_t> row(size_t(width) * C);
  for (uint32_t y = 0; s.ok() && y < height; ++y) {
    const uint32_t ty = y / kTileH, v0 = y % kTileH;
    const uint32_t v = ty % 2 ? kTileH - 1 - v0 : v0;
    for (uint32_t x = 0; x < width; ++x) {
      const uint32_t tx = x / kTileW, u0 = x % kTileW;
      const uint32_t u = tx % 2 ? kTileW - 1 - u0 : u0;
      const Photo& p = photos[(tx + 5 * ty) % photos.size()];
      uint16_t* px = &row[size_t(x) * C];
      for (int c = 0; c < 3; ++c) {
        const uint16_t s8 = p.at(u, v, c);
        // The low byte: the neighbouring photo sample, so it is texture, not noise.
        px[c] = wide ? uint16_t(s8 << 8 | p.at(u, kTileH - 1 - v, c)) : s8;
      }
      if (alpha) {
        const uint32_t ramp = uint32_t((uint64_t(x) + y) * 255 / (uint64_t(width) + height));
        px[3] = wide ? uint16_t(ramp << 8 | ramp) : uint16_t(ramp);
      }
    }
    s = writer->WriteRows(row.data(), 1);
  }
  if (s.ok()) s = writer->Finish();
  if (std::fclose(out) != 0 && s.ok()) s = nlic::IoError("close failed");
  if (!s.ok()) {
    std::fprintf(stderr, "nlic_gen_huge: %s\n", s.ToString().c_str());
    return 1;
  }
  return 0;
}
