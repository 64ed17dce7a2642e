#include "tools/cli/png_level9.h"

#if __has_include(<png.h>)
#include <png.h>
#define NLIC_CLI_HAVE_LIBPNG 1
#else
#define NLIC_CLI_HAVE_LIBPNG 0
#endif

#include <csetjmp>
#include <new>

namespace nlic::cli {

#if NLIC_CLI_HAVE_LIBPNG
namespace {

void AppendBytes(png_structp png, png_bytep data, png_size_t size) {
  auto* out = static_cast<std::vector<uint8_t>*>(png_get_io_ptr(png));
  try {
    out->insert(out->end(), data, data + size);
  } catch (const std::bad_alloc&) {
    png_error(png, "out of memory");
  }
}
void NoFlush(png_structp) {}
void NoWarning(png_structp, png_const_charp) {}

// Rows in PNG's packed layout: sub-byte samples MSB first, 16-bit big-endian.
void PackRows(const Image& im, std::vector<uint8_t>* data, std::vector<png_bytep>* rows) {
  const int ch = im.channels();
  const int depth = im.bit_depth;
  const size_t row_bytes = (size_t(im.width) * size_t(ch) * size_t(depth) + 7) / 8;
  data->assign(row_bytes * im.height, 0);
  rows->resize(im.height);
  const size_t per_row = size_t(im.width) * size_t(ch);
  for (uint32_t y = 0; y < im.height; ++y) {
    uint8_t* row = data->data() + row_bytes * y;
    (*rows)[y] = row;
    const uint16_t* s = im.samples.data() + per_row * y;
    if (depth == 16) {
      for (size_t i = 0; i < per_row; ++i) {
        row[2 * i] = uint8_t(s[i] >> 8);
        row[2 * i + 1] = uint8_t(s[i]);
      }
    } else if (depth == 8) {
      for (size_t i = 0; i < per_row; ++i) row[i] = uint8_t(s[i]);
    } else {
      const size_t per_byte = size_t(8 / depth);
      for (size_t i = 0; i < per_row; ++i) {
        const int shift = 8 - depth * int(i % per_byte + 1);
        row[i / per_byte] |= uint8_t(s[i] << shift);
      }
    }
  }
}

// Only trivially destructible state after setjmp (libpng longjmps out).
Status WriteWithLibpng(const Image& im, png_bytep* rows, std::vector<uint8_t>* out) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, NoWarning);
  if (!png) return Internal("png_create_write_struct failed");
  png_infop info = png_create_info_struct(png);
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    return Internal("png_create_info_struct failed");
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return Internal("libpng failed to write the image");
  }
  png_set_write_fn(png, out, AppendBytes, NoFlush);
  png_set_compression_level(png, 9);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_ALL_FILTERS);
  png_set_IHDR(png, info, im.width, im.height, im.bit_depth, int(im.color_type),
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (im.color_type == ColorType::kPalette && !im.palette.empty()) {
    png_set_PLTE(png, info, reinterpret_cast<png_const_colorp>(im.palette.data()),
                 int(im.palette.size() / 3));
  }
  if (!im.trns.empty()) {
    if (im.color_type == ColorType::kPalette) {
      png_set_tRNS(png, info, im.trns.data(), int(im.trns.size()), nullptr);
    } else {
      png_color_16 key{};
      const auto& t = im.trns;
      if (im.color_type == ColorType::kGray && t.size() >= 2) {
        key.gray = png_uint_16(t[0] << 8 | t[1]);
        png_set_tRNS(png, info, nullptr, 0, &key);
      } else if (im.color_type == ColorType::kRGB && t.size() >= 6) {
        key.red = png_uint_16(t[0] << 8 | t[1]);
        key.green = png_uint_16(t[2] << 8 | t[3]);
        key.blue = png_uint_16(t[4] << 8 | t[5]);
        png_set_tRNS(png, info, nullptr, 0, &key);
      }
    }
  }
  png_set_rows(png, info, rows);
  png_write_png(png, info, PNG_TRANSFORM_IDENTITY, nullptr);
  png_destroy_write_struct(&png, &info);
  return Status::Ok();
}

}  // namespace

bool HaveLibpng() { return true; }

Status EncodePngLevel9(const Image& image, std::vector<uint8_t>* out) {
  if (!IsValidDepth(image.color_type, image.bit_depth) || image.width == 0 || image.height == 0 ||
      image.samples.size() != image.sample_count())
    return InvalidArgument("image cannot be written as PNG");
  std::vector<uint8_t> data;
  std::vector<png_bytep> rows;
  PackRows(image, &data, &rows);
  out->clear();
  return WriteWithLibpng(image, rows.data(), out);
}

#else  // !NLIC_CLI_HAVE_LIBPNG

bool HaveLibpng() { return false; }

Status EncodePngLevel9(const Image&, std::vector<uint8_t>*) {
  return Unsupported("nlic was built without libpng headers");
}

#endif

}  // namespace nlic::cli
