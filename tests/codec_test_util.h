// Helpers shared by the codec tests: loading the committed test images,
// building synthetic images of any shape, and one-call round trips.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "codec/nlic.h"
#include "tests/io_test_util.h"

namespace nlic::testing {

// Reads testimages/<name> (a PNG) into `out`.
inline Status LoadPngImage(const std::string& name, Image* out) {
  const std::vector<uint8_t> bytes = LoadTestImage(name);
  if (bytes.empty()) return IoError("cannot read test image " + name);
  return ReadPng(bytes.data(), bytes.size(), {}, out);
}

// Sorted *.png names directly in testimages/<dir> ("" = testimages itself);
// `keep` filters by file name.
template <class Pred>
std::vector<std::string> PngNamesIn(const std::string& dir, Pred keep) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(TestImagePath(dir))) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && e.path().extension() == ".png" && keep(name)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// gtest parameter names may only hold [A-Za-z0-9_].
inline std::string ParamName(std::string s) {
  if (s.size() > 4 && s.substr(s.size() - 4) == ".png") s.resize(s.size() - 4);
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

enum class Fill { kRandom, kConstant, kGradient, kZero, kMax };

inline const char* FillName(Fill f) {
  switch (f) {
    case Fill::kRandom: return "random";
    case Fill::kConstant: return "constant";
    case Fill::kGradient: return "gradient";
    case Fill::kZero: return "zero";
    case Fill::kMax: return "max";
  }
  return "?";
}

// A valid image of the given shape. Palette images get `palette_entries`
// random entries (0 = 2^depth, capped at 256) and indices below that count,
// so "max" means the last palette entry.
inline Image MakeImage(uint32_t w, uint32_t h, ColorType ct, int depth, Fill fill, uint32_t seed,
                       uint32_t palette_entries = 0) {
  std::mt19937 rng(seed);
  Image img;
  img.width = w;
  img.height = h;
  img.color_type = ct;
  img.bit_depth = uint8_t(depth);
  uint32_t maxv = img.max_value();
  if (ct == ColorType::kPalette) {
    uint32_t n = palette_entries ? palette_entries : std::min<uint32_t>(256, maxv + 1);
    for (uint32_t i = 0; i < 3 * n; ++i) img.palette.push_back(uint8_t(rng()));
    maxv = n - 1;
  }
  img.samples.resize(img.sample_count());
  const int C = img.channels();
  const uint16_t constant = uint16_t(rng() % (maxv + 1));
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x)
      for (int c = 0; c < C; ++c) {
        uint32_t v = 0;
        switch (fill) {
          case Fill::kRandom: v = rng() % (maxv + 1); break;
          case Fill::kConstant: v = constant; break;
          // Diagonal ramp, per-channel phase, wrapping over the full range.
          case Fill::kGradient: v = uint32_t((uint64_t(x + 2 * y + 5 * c) * (maxv + 1)) / (w + 2 * h + 1)) % (maxv + 1); break;
          case Fill::kZero: v = 0; break;
          case Fill::kMax: v = maxv; break;
        }
        img.samples[(size_t(y) * w + x) * C + c] = uint16_t(v);
      }
  return img;
}

// Every colour type with every bit depth PNG allows for it.
struct Shape {
  ColorType ct;
  int depth;
};
inline std::vector<Shape> AllShapes() {
  std::vector<Shape> out;
  for (ColorType ct : {ColorType::kGray, ColorType::kRGB, ColorType::kPalette, ColorType::kGrayAlpha,
                       ColorType::kRGBA})
    for (int d : {1, 2, 4, 8, 16})
      if (IsValidDepth(ct, d)) out.push_back({ct, d});
  return out;
}

inline Status EncodeDecode(const Image& img, const EncodeOptions& eo, Image* back,
                           std::vector<uint8_t>* bytes = nullptr) {
  std::vector<uint8_t> local;
  std::vector<uint8_t>* out = bytes ? bytes : &local;
  NLIC_RETURN_IF_ERROR(Encode(img, eo, out));
  return Decode(out->data(), out->size(), {}, back);
}

// Copy of a rectangle of `src` (same colour type, depth, palette and tRNS; no chunks).
inline Image CropImage(const Image& src, uint32_t x0, uint32_t y0, uint32_t w, uint32_t h) {
  Image out = src;
  out.chunks.clear();
  out.width = w;
  out.height = h;
  out.samples.clear();
  const int C = src.channels();
  for (uint32_t y = y0; y < y0 + h; ++y)
    for (uint32_t x = x0; x < x0 + w; ++x)
      for (int c = 0; c < C; ++c) out.samples.push_back(src.at(x, y, c));
  return out;
}

}  // namespace nlic::testing
