// PNG decoding through libpng with no pixel transformation at all: the codec
// must reproduce the file's exact samples, palette and metadata, so libpng is
// only used to inflate, unfilter and de-interlace.
#include <png.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string>

#include "io/image_io.h"
#include "io/pixel_limit.h"
#include "io/png_errors.h"
#include "io/png_signature.h"

namespace nlic {
namespace {

constexpr size_t kSignatureSize = 8;
// Counted per chunk on top of its payload so that millions of empty chunks
// cannot bypass the metadata cap (each costs a Chunk object in memory).
constexpr uint64_t kChunkOverhead = 12;

struct ReadContext {
  PngDiagnostics diag;
  const uint8_t* data = nullptr;
  size_t size = 0;
  size_t pos = 0;
  ReadLimits limits;
  uint64_t metadata_bytes = 0;
  bool have_trns = false;
  bool trns_before_plte = false;  // legal only if no PLTE follows
  bool after_idat = false;
  Image* image = nullptr;
  Status status;              // set for failures that are ours, not libpng's
  // Rows as libpng delivers them, uninitialised: the whole image for Adam7,
  // one row otherwise.
  std::unique_ptr<png_byte[]> image_bytes;
  std::vector<png_bytep> row_pointers;
};

void ReadFromMemory(png_structp png, png_bytep out, size_t length) {
  auto* ctx = static_cast<ReadContext*>(png_get_io_ptr(png));
  if (length > ctx->size - ctx->pos) png_error(png, "unexpected end of file (truncated PNG)");
  std::memcpy(out, ctx->data + ctx->pos, length);
  ctx->pos += length;
}

// png_read_info stops at the first IDAT and a chunk interrupting the IDAT run
// is an error, so whatever arrives after png_read_info comes after IDAT.
ChunkPlace PlaceOf(const ReadContext& ctx, png_byte location) {
  if (ctx.after_idat || (location & PNG_AFTER_IDAT)) return ChunkPlace::kAfterIdat;
  if (location & PNG_HAVE_PLTE) return ChunkPlace::kBeforeIdat;
  return ChunkPlace::kBeforePlte;
}

// Every ancillary chunk (and tRNS) arrives here raw, in file order, because
// we told libpng to treat them all as unknown. Returning 1 means "handled",
// so libpng neither parses nor stores a second copy.
int OnChunk(png_structp png, png_unknown_chunkp chunk) {
  auto* ctx = static_cast<ReadContext*>(png_get_user_chunk_ptr(png));
  const bool is_trns = std::memcmp(chunk->name, "tRNS", 4) == 0;
  if ((chunk->name[0] & 0x20) == 0) {  // critical: we cannot know what it does to the pixels
    char message[64];
    std::snprintf(message, sizeof message, "unknown critical chunk %.4s; cannot decode this image",
                  reinterpret_cast<const char*>(chunk->name));
    PngFail(png, StatusCode::kUnsupported, message);
  }
  const ChunkPlace place = PlaceOf(*ctx, chunk->location);
  if (is_trns && (ctx->have_trns || place == ChunkPlace::kAfterIdat))
    png_error(png, "tRNS: duplicate or after IDAT");
  ctx->metadata_bytes += chunk->size + kChunkOverhead;
  if (ctx->metadata_bytes > ctx->limits.max_metadata_bytes)
    PngFail(png, StatusCode::kLimitExceeded, "metadata chunks exceed the metadata size limit");
  bool stored = false;
  try {
    std::vector<uint8_t> payload(chunk->data, chunk->data + chunk->size);
    if (is_trns) {
      ctx->image->trns = std::move(payload);
      // Its position among the other ancillary chunks, so WritePng can put
      // it back between the same neighbours.
      ctx->image->trns_index = uint32_t(ctx->image->chunks.size());
      ctx->trns_before_plte = place == ChunkPlace::kBeforePlte;
      ctx->have_trns = true;
    } else {
      Chunk& c = ctx->image->chunks.emplace_back();
      std::memcpy(c.type.data(), chunk->name, 4);
      c.place = place;
      c.data = std::move(payload);
    }
    stored = true;
  } catch (...) {
  }
  // Outside the try block: png_error longjmps, which must not skip destructors.
  if (!stored) PngFail(png, StatusCode::kLimitExceeded, "out of memory storing a metadata chunk");
  return 1;
}

void ConfigureReader(png_structp png, ReadContext* ctx) {
  png_set_read_fn(png, ctx, ReadFromMemory);
  png_set_read_user_chunk_fn(png, ctx, OnChunk);
  // -1 = every chunk libpng knows except IHDR/PLTE/tRNS/IDAT/IEND, plus all
  // truly unknown ones; then tRNS too, so its payload stays byte-exact.
  png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_ALWAYS, nullptr, -1);
  static const png_byte kTrns[] = "tRNS";
  png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_ALWAYS, kTrns, 1);
  // Our pixel limit is the real bound; libpng's 1e6 default per side would
  // reject legal long strips.
  png_set_user_limits(png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
  // One chunk cannot be bigger than the whole metadata budget (0 = unlimited
  // to libpng, so keep a floor that still admits PLTE and IDAT buffers).
  png_set_chunk_malloc_max(png, std::max<uint64_t>(ctx->limits.max_metadata_bytes, 65536));
  // A damaged ancillary chunk would otherwise be dropped with a warning.
  png_set_crc_action(png, PNG_CRC_DEFAULT, PNG_CRC_ERROR_QUIT);
  // Palette indices are checked against PLTE after the rows are read.
  png_set_check_for_invalid_index(png, 0);
}

void ConvertRow(const png_byte* row, int bytes_per_sample, size_t count, uint16_t* out) {
  if (bytes_per_sample == 2) {
    for (size_t i = 0; i < count; ++i) out[i] = uint16_t(row[2 * i] << 8 | row[2 * i + 1]);
  } else {
    for (size_t i = 0; i < count; ++i) out[i] = row[i];
  }
}

// Everything between setjmp and the end lives in ctx (not on this frame), so
// a longjmp from libpng never skips a C++ destructor.
bool DecodeWithLibpng(png_structp png, png_infop info, ReadContext* ctx) {
  if (setjmp(png_jmpbuf(png))) return false;
  ConfigureReader(png, ctx);
  Image* img = ctx->image;
  png_read_info(png, info);
  ctx->after_idat = true;
  png_uint_32 w = 0, h = 0;
  int depth = 0, color = 0, interlace = 0;
  png_get_IHDR(png, info, &w, &h, &depth, &color, &interlace, nullptr, nullptr);
  ctx->status = CheckPixelLimit("PNG", w, h, ctx->limits);
  if (!ctx->status.ok()) png_longjmp(png, 1);
  img->width = w;
  img->height = h;
  img->color_type = static_cast<ColorType>(color);
  img->bit_depth = uint8_t(depth);
  img->interlaced = interlace != PNG_INTERLACE_NONE;
  png_colorp plte = nullptr;
  int entries = 0;
  if (png_get_PLTE(png, info, &plte, &entries) && plte) {
    for (int i = 0; i < entries; ++i)
      img->palette.insert(img->palette.end(), {plte[i].red, plte[i].green, plte[i].blue});
  }
  // libpng would catch this in its own tRNS handler, which we bypass. The
  // writer could not reproduce it either: tRNS always goes after PLTE.
  if (ctx->trns_before_plte && !img->palette.empty()) png_error(png, "tRNS: must come after PLTE");
  if (!TransparencyFits(img->color_type, img->trns.size(), img->palette.size() / 3))
    png_error(png, "tRNS: its length does not fit the colour type (or the image has alpha)");
  if (depth < 8) png_set_packing(png);
  const int passes = png_set_interlace_handling(png);
  png_read_update_info(png, info);
  const size_t row_samples = size_t(w) * img->channels();
  const int bytes_per_sample = depth == 16 ? 2 : 1;
  if (png_get_rowbytes(png, info) != row_samples * bytes_per_sample)
    png_error(png, "unexpected row layout after unpacking");
  // Memory follows the data, not IHDR: a PNG may claim 2^28 pixels and hold
  // a few bytes of IDAT. The sample buffer is reserved (not touched) and
  // grows row by row as rows actually decode; the Adam7 buffer is left
  // uninitialised, so rows libpng never reaches never become resident.
  img->samples.reserve(row_samples * h);
  if (passes > 1) {  // Adam7 fills each row over several passes: keep them all
    const size_t row_bytes = row_samples * bytes_per_sample;
    ctx->image_bytes.reset(new png_byte[row_bytes * h]);
    ctx->row_pointers.resize(h);
    for (png_uint_32 y = 0; y < h; ++y) ctx->row_pointers[y] = ctx->image_bytes.get() + y * row_bytes;
    png_read_image(png, ctx->row_pointers.data());
    img->samples.resize(row_samples * h);
    for (png_uint_32 y = 0; y < h; ++y)
      ConvertRow(ctx->row_pointers[y], bytes_per_sample, row_samples, &img->samples[y * row_samples]);
  } else {
    ctx->image_bytes.reset(new png_byte[row_samples * bytes_per_sample]);
    for (png_uint_32 y = 0; y < h; ++y) {
      png_read_row(png, ctx->image_bytes.get(), nullptr);
      img->samples.resize(img->samples.size() + row_samples);
      ConvertRow(ctx->image_bytes.get(), bytes_per_sample, row_samples, &img->samples[y * row_samples]);
    }
  }
  png_read_end(png, info);
  return true;
}

// Rejects an absurd IHDR before libpng reads any further chunk.
Status PrecheckHeader(const uint8_t* data, size_t size, const ReadLimits& limits) {
  if (size < kSignatureSize + 8 + 13) return Status::Ok();  // libpng reports truncation
  if (std::memcmp(data + 12, "IHDR", 4) != 0) return Status::Ok();
  auto be32 = [&](size_t at) {
    return uint32_t(data[at]) << 24 | uint32_t(data[at + 1]) << 16 | uint32_t(data[at + 2]) << 8 |
           data[at + 3];
  };
  return CheckPixelLimit("PNG", be32(16), be32(20), limits);
}

}  // namespace

Status ReadPng(const uint8_t* data, size_t size, const ReadLimits& limits, Image* out) {
  if (size < kSignatureSize || png_sig_cmp(data, 0, kSignatureSize) != 0) {
    if (LooksLikeDamagedPngSignature(data, size))
      return CorruptInput("PNG: damaged signature (file transferred in text mode or over a 7-bit channel?)");
    return NotAnImage("not a PNG file (bad or missing signature)");
  }
  NLIC_RETURN_IF_ERROR(PrecheckHeader(data, size, limits));
  Image image;
  ReadContext ctx;
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
  if (image.color_type == ColorType::kPalette) {
    // PNG forbids indices past the last PLTE entry; there is no colour to
    // give them, so such a file has no well-defined pixels to keep.
    const size_t entries = image.palette.size() / 3;
    for (uint16_t s : image.samples)
      if (s >= entries) return CorruptInput("PNG: palette index " + std::to_string(s) + " is past the last PLTE entry");
  }
  *out = std::move(image);
  return Status::Ok();
}

}  // namespace nlic
