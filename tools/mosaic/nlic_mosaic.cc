// nlic-mosaic WIDTH HEIGHT OUT.png IN.png...: a large 8-bit RGB test image
// made of the inputs, for measuring nlic at sizes no corpus image has (the
// 12 MP thread-scaling run in README). Deterministic: the same inputs in
// the same order give the same file, so the image itself need not be
// committed. Cells of 768x512 are filled in raster order with the inputs in
// turn; a portrait input is read transposed, and every other cell is
// mirrored left-right so the seams are not all alike.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "codec/nlic.h"

namespace {

constexpr uint32_t kCellW = 768, kCellH = 512;

int Usage() {
  std::fputs("usage: nlic-mosaic WIDTH HEIGHT OUT.png IN.png...\n", stderr);
  return 2;
}

nlic::Status Load(const std::string& path, nlic::Image* im) {
  std::vector<uint8_t> bytes;
  NLIC_RETURN_IF_ERROR(nlic::ReadFileBytes(path, &bytes));
  NLIC_RETURN_IF_ERROR(nlic::ReadImage(bytes.data(), bytes.size(), nlic::ReadLimits(), im));
  if (im->color_type != nlic::ColorType::kRGB || im->bit_depth != 8)
    return nlic::InvalidArgument(path + ": only 8-bit RGB inputs");
  return nlic::Status();
}

// Sample c of the source pixel that lands at (x, y) of a cell.
uint16_t CellSample(const nlic::Image& src, uint32_t x, uint32_t y, bool mirror, int c) {
  if (mirror) x = kCellW - 1 - x;
  uint32_t sx = x, sy = y;
  if (src.width < src.height) std::swap(sx, sy);  // portrait: transposed
  sx %= src.width;
  sy %= src.height;
  return src.samples[(size_t(sy) * src.width + sx) * 3 + size_t(c)];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) return Usage();
  const long w = std::atol(argv[1]), h = std::atol(argv[2]);
  if (w <= 0 || h <= 0 || w > 65535 || h > 65535) return Usage();
  std::vector<nlic::Image> inputs(size_t(argc - 4));
  for (size_t i = 0; i < inputs.size(); ++i) {
    nlic::Status s = Load(argv[4 + i], &inputs[i]);
    if (!s.ok()) {
      std::fprintf(stderr, "nlic-mosaic: %s\n", s.ToString().c_str());
      return 1;
    }
  }
  nlic::Image out;
  out.width = uint32_t(w);
  out.height = uint32_t(h);
  out.color_type = nlic::ColorType::kRGB;
  out.bit_depth = 8;
  out.samples.resize(size_t(w) * size_t(h) * 3);
  const uint32_t cols = (out.width + kCellW - 1) / kCellW;
  for (uint32_t y = 0; y < out.height; ++y) {
    for (uint32_t x = 0; x < out.width; ++x) {
      const uint32_t cell = (y / kCellH) * cols + x / kCellW;
      const nlic::Image& src = inputs[cell % inputs.size()];
      for (int c = 0; c < 3; ++c)
        out.samples[(size_t(y) * out.width + x) * 3 + size_t(c)] =
            CellSample(src, x % kCellW, y % kCellH, cell % 2 == 1, c);
    }
  }
  std::vector<uint8_t> png;
  nlic::Status s = nlic::WritePng(out, &png);
  FILE* f = s.ok() ? std::fopen(argv[3], "wb") : nullptr;
  if (!f || std::fwrite(png.data(), 1, png.size(), f) != png.size() || std::fclose(f) != 0) {
    std::fprintf(stderr, "nlic-mosaic: cannot write %s %s\n", argv[3], s.ToString().c_str());
    return 1;
  }
  return 0;
}
