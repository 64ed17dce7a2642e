// PNG encoding that puts back exactly what ReadPng took apart: same IHDR,
// palette, tRNS bytes and ancillary chunks in their original places/order.
#include <png.h>

#include <cstring>
#include <new>

#include "io/image_io.h"
#include "io/png_errors.h"

namespace nlic {
namespace {

struct WriteContext {
  PngDiagnostics diag;
  const Image* image = nullptr;
  PngWriteOptions options;
  std::vector<uint8_t>* out = nullptr;
  std::vector<png_unknown_chunk> unknowns;
  std::vector<png_byte> row;
  bool out_of_memory = false;
};

void WriteToVector(png_structp png, png_bytep data, size_t length) {
  auto* ctx = static_cast<WriteContext*>(png_get_io_ptr(png));
  try {
    ctx->out->insert(ctx->out->end(), data, data + length);
  } catch (...) {
    ctx->out_of_memory = true;
  }
  // Outside the try block: png_error longjmps, which must not skip destructors.
  if (ctx->out_of_memory) png_error(png, "out of memory for the output file");
}

void FlushNothing(png_structp) {}

Status ValidateForPng(const Image& img) {
  if (img.width == 0 || img.height == 0 || img.width > PNG_UINT_31_MAX || img.height > PNG_UINT_31_MAX)
    return InvalidArgument("PNG writer: image dimensions out of PNG's range");
  if (Status shape = CheckImageShape(img); !shape.ok()) return InvalidArgument("PNG writer: " + shape.message());
  for (const Chunk& c : img.chunks) {
    const auto& t = c.type;
    if (!IsChunkLetter(t[0]) || !IsChunkLetter(t[1]) || !IsChunkLetter(t[2]) || !IsChunkLetter(t[3]))
      return InvalidArgument("PNG writer: chunk type must be four ASCII letters");
    if (!IsMetadataChunkType(t))
      return InvalidArgument("PNG writer: chunk " + c.TypeString() + " cannot be written as metadata");
    if (c.data.size() > PNG_UINT_31_MAX) return InvalidArgument("PNG writer: chunk too large");
  }
  if (img.trns.size() > PNG_UINT_31_MAX) return InvalidArgument("PNG writer: tRNS too large");
  if (!img.trns.empty()) {
    // tRNS sits between chunks[trns_index - 1] and chunks[trns_index]; that
    // spot must be before IDAT and, when there is a PLTE, after it.
    if (img.trns_index > img.chunks.size())
      return InvalidArgument("PNG writer: tRNS position is past the end of the chunk list");
    if (img.trns_index > 0 && img.chunks[img.trns_index - 1].place == ChunkPlace::kAfterIdat)
      return InvalidArgument("PNG writer: tRNS position is after IDAT");
    if (!img.palette.empty() && img.trns_index < img.chunks.size() &&
        img.chunks[img.trns_index].place == ChunkPlace::kBeforePlte)
      return InvalidArgument("PNG writer: tRNS position is before PLTE");
  }
  return Status::Ok();
}

// The libpng location group that puts tRNS between its neighbours (checked
// by ValidateForPng): after PLTE when there is one; without a PLTE the two
// pre-IDAT groups are adjacent, so follow the chunk after it.
ChunkPlace TrnsPlace(const Image& img) {
  if (img.palette.empty() && img.trns_index < img.chunks.size() &&
      img.chunks[img.trns_index].place == ChunkPlace::kBeforePlte)
    return ChunkPlace::kBeforePlte;
  return ChunkPlace::kBeforeIdat;
}

png_byte LocationOf(ChunkPlace place) {
  switch (place) {
    case ChunkPlace::kBeforePlte:
      return PNG_HAVE_IHDR;
    case ChunkPlace::kBeforeIdat:
      return PNG_HAVE_PLTE;
    case ChunkPlace::kAfterIdat:
      return PNG_AFTER_IDAT;
  }
  return PNG_HAVE_PLTE;
}

png_unknown_chunk MakeUnknown(const char* type, ChunkPlace place, const std::vector<uint8_t>& data) {
  png_unknown_chunk u{};
  std::memcpy(u.name, type, 4);
  // libpng copies the payload in png_set_unknown_chunks; it never writes to it.
  u.data = const_cast<png_bytep>(data.data());
  u.size = data.size();
  u.location = LocationOf(place);
  return u;
}

// All metadata, tRNS included, goes through libpng's unknown-chunk path:
// it writes payloads verbatim and keeps array order within each location,
// so tRNS goes into the array at trns_index, in its neighbours' group.
void PrepareChunks(WriteContext* ctx) {
  const Image& img = *ctx->image;
  ctx->unknowns.reserve(img.chunks.size() + 1);
  for (size_t i = 0; i <= img.chunks.size(); ++i) {
    if (i == img.trns_index && !img.trns.empty())
      ctx->unknowns.push_back(MakeUnknown("tRNS", TrnsPlace(img), img.trns));
    if (i < img.chunks.size()) {
      const Chunk& c = img.chunks[i];
      ctx->unknowns.push_back(MakeUnknown(c.type.data(), c.place, c.data));
    }
  }
}

void FillRow(const Image& img, uint32_t y, png_byte* row) {
  const size_t n = size_t(img.width) * img.channels();
  const uint16_t* s = &img.samples[y * n];
  if (img.bit_depth == 16) {
    for (size_t i = 0; i < n; ++i) {
      row[2 * i] = png_byte(s[i] >> 8);
      row[2 * i + 1] = png_byte(s[i]);
    }
  } else {
    for (size_t i = 0; i < n; ++i) row[i] = png_byte(s[i]);  // packed by png_set_packing
  }
}

// No C++ object lives on this frame, so libpng's longjmp skips no destructor.
bool EncodeWithLibpng(png_structp png, png_infop info, WriteContext* ctx) {
  if (setjmp(png_jmpbuf(png))) return false;
  const Image& img = *ctx->image;
  png_set_write_fn(png, ctx, WriteToVector, FlushNothing);
  png_set_IHDR(png, info, img.width, img.height, img.bit_depth, int(img.color_type),
               img.interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  if (!img.palette.empty())
    png_set_PLTE(png, info, reinterpret_cast<png_const_colorp>(img.palette.data()),
                 int(img.palette.size() / 3));
  // Default "always": libpng otherwise refuses unsafe-to-copy chunks (gAMA, sBIT...).
  png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_ALWAYS, nullptr, 0);
  if (!ctx->unknowns.empty())
    png_set_unknown_chunks(png, info, ctx->unknowns.data(), int(ctx->unknowns.size()));
  png_set_compression_level(png, ctx->options.compression_level);
  if (ctx->options.try_all_filters) png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_ALL_FILTERS);
  png_set_check_for_invalid_index(png, 0);  // out-of-range indices round-trip as read
  png_write_info(png, info);
  if (img.bit_depth < 8) png_set_packing(png);
  const int passes = png_set_interlace_handling(png);
  for (int pass = 0; pass < passes; ++pass) {
    for (uint32_t y = 0; y < img.height; ++y) {
      FillRow(img, y, ctx->row.data());
      png_write_row(png, ctx->row.data());
    }
  }
  png_write_end(png, info);
  return true;
}

}  // namespace

Status WritePng(const Image& image, std::vector<uint8_t>* out) { return WritePng(image, PngWriteOptions(), out); }

Status WritePng(const Image& image, const PngWriteOptions& options, std::vector<uint8_t>* out) {
  NLIC_RETURN_IF_ERROR(ValidateForPng(image));
  if (options.compression_level < 0 || options.compression_level > 9)
    return InvalidArgument("PNG writer: compression level must be 0..9");
  std::vector<uint8_t> bytes;
  WriteContext ctx;
  ctx.diag.is_writer = true;
  ctx.image = &image;
  ctx.options = options;
  ctx.out = &bytes;
  try {
    PrepareChunks(&ctx);
    ctx.row.resize(size_t(image.width) * image.channels() * (image.bit_depth == 16 ? 2 : 1));
  } catch (const std::bad_alloc&) {
    return LimitExceeded("PNG writer: out of memory");
  }
  png_structp png =
      png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx.diag, PngErrorCallback, PngWarningCallback);
  if (!png) return Internal("PNG writer: cannot create libpng write struct");
  png_infop info = png_create_info_struct(png);
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    return Internal("PNG writer: cannot create libpng info struct");
  }
  const bool ok = EncodeWithLibpng(png, info, &ctx);
  png_destroy_write_struct(&png, &info);
  if (ctx.out_of_memory) return LimitExceeded("PNG writer: out of memory for the output file");
  if (!ok) return PngErrorStatus(ctx.diag, "encoding failed");
  // A warning means libpng skipped something we asked for: not a faithful copy.
  if (!ctx.diag.warning.empty()) return Internal("PNG writer: " + ctx.diag.warning);
  *out = std::move(bytes);
  return Status::Ok();
}

}  // namespace nlic
