// PNG decoding through libpng with no pixel transformation at all: the codec
// must reproduce the file's exact samples, palette and metadata, so libpng is
// only used to inflate, unfilter and de-interlace.
#include <png.h>

#include <cstring>
#include <new>
#include <string>

#include "io/image_io.h"
#include "io/pixel_limit.h"
#include "io/png_read_common.h"
#include "io/png_signature.h"

namespace nlic {
namespace {

// Everything between setjmp and the end lives in ctx (not on this frame), so
// a longjmp from libpng never skips a C++ destructor.
bool DecodeWithLibpng(png_structp png, png_infop info, PngReadContext* ctx) {
  if (setjmp(png_jmpbuf(png))) return false;
  ConfigurePngReader(png, ctx);
  Image* img = ctx->image;
  png_read_info(png, info);
  ctx->after_idat = true;
  const int passes = ReadPngShape(png, info, ctx);
  const size_t row_samples = size_t(img->width) * img->channels();
  const int bytes_per_sample = img->bit_depth == 16 ? 2 : 1;
  const png_uint_32 h = img->height;
  // Memory follows the data, not IHDR: the sample buffer is reserved (not
  // touched) and grows row by row as rows actually decode.
  img->samples.reserve(row_samples * h);
  const size_t row_bytes = row_samples * bytes_per_sample;
  if (passes > 1) {  // Adam7 fills each row over several passes: keep them all
    ctx->rows.reset(new png_byte[row_bytes * h]);
    ctx->row_pointers.resize(h);
    for (png_uint_32 y = 0; y < h; ++y) ctx->row_pointers[y] = ctx->rows.get() + y * row_bytes;
    png_read_image(png, ctx->row_pointers.data());
    img->samples.resize(row_samples * h);
    for (png_uint_32 y = 0; y < h; ++y)
      ConvertPngRow(ctx->row_pointers[y], bytes_per_sample, row_samples, &img->samples[y * row_samples]);
  } else {
    ctx->rows.reset(new png_byte[row_bytes]);
    for (png_uint_32 y = 0; y < h; ++y) {
      png_read_row(png, ctx->rows.get(), nullptr);
      img->samples.resize(img->samples.size() + row_samples);
      ConvertPngRow(ctx->rows.get(), bytes_per_sample, row_samples, &img->samples[y * row_samples]);
    }
  }
  png_read_end(png, info);
  return true;
}

// Rejects an absurd IHDR before libpng reads any further chunk.
Status PrecheckHeader(const uint8_t* data, size_t size, const ReadLimits& limits) {
  if (size < kPngSignatureSize + 8 + 13) return Status::Ok();  // libpng reports truncation
  if (std::memcmp(data + 12, "IHDR", 4) != 0) return Status::Ok();
  auto be32 = [&](size_t at) {
    return uint32_t(data[at]) << 24 | uint32_t(data[at + 1]) << 16 | uint32_t(data[at + 2]) << 8 |
           data[at + 3];
  };
  return CheckPixelLimit("PNG", be32(16), be32(20), limits);
}

}  // namespace

Status CheckPngSignature(const uint8_t* data, size_t size) {
  if (size >= kPngSignatureSize && png_sig_cmp(data, 0, kPngSignatureSize) == 0) return Status::Ok();
  if (LooksLikeDamagedPngSignature(data, size))
    return CorruptInput("PNG: damaged signature (file transferred in text mode or over a 7-bit channel?)");
  return NotAnImage("not a PNG file (bad or missing signature)");
}

Status ReadPng(const uint8_t* data, size_t size, const ReadLimits& limits, Image* out) {
  NLIC_RETURN_IF_ERROR(CheckPngSignature(data, size));
  NLIC_RETURN_IF_ERROR(PrecheckHeader(data, size, limits));
  Image image;
  PngReadContext ctx;
  ctx.data = data;
  ctx.size = size;
  ctx.limits = limits;
  ctx.image = &image;
  png_structp png =
      png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx.diag, PngErrorCallback, PngWarningCallback);
  if (!png) return Internal("PNG: cannot create libpng read struct");
  png_infop info = png_create_info_struct(png);
  if (!info) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    return Internal("PNG: cannot create libpng info struct");
  }
  bool ok = false;
  try {
    ok = DecodeWithLibpng(png, info, &ctx);
  } catch (const std::bad_alloc&) {  // thrown by our own resize, not inside libpng
    ctx.status = LimitExceeded("PNG: out of memory for the decoded image");
  }
  png_destroy_read_struct(&png, &info, nullptr);
  if (!ctx.status.ok()) return ctx.status;
  if (!ok) return PngErrorStatus(ctx.diag, "decoding failed");
  if (!ctx.diag.warning.empty()) return CorruptInput("PNG: " + ctx.diag.warning);
  NLIC_RETURN_IF_ERROR(CheckPngPaletteIndices(image, image.samples.data(), image.samples.size()));
  *out = std::move(image);
  return Status::Ok();
}

}  // namespace nlic
