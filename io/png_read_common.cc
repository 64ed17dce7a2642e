#include "io/png_read_common.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "io/pixel_limit.h"

namespace nlic {
namespace {

void ReadInput(png_structp png, png_bytep out, size_t length) {
  auto* ctx = static_cast<PngReadContext*>(png_get_io_ptr(png));
  if (ctx->file) {
    if (std::fread(out, 1, length, ctx->file) != length) png_error(png, "unexpected end of file (truncated PNG)");
    return;
  }
  if (length > ctx->size - ctx->pos) png_error(png, "unexpected end of file (truncated PNG)");
  std::memcpy(out, ctx->data + ctx->pos, length);
  ctx->pos += length;
}

// png_read_info stops at the first IDAT and a chunk interrupting the IDAT run
// is an error, so whatever arrives after png_read_info comes after IDAT.
ChunkPlace PlaceOf(const PngReadContext& ctx, png_byte location) {
  if (ctx.after_idat || (location & PNG_AFTER_IDAT)) return ChunkPlace::kAfterIdat;
  if (location & PNG_HAVE_PLTE) return ChunkPlace::kBeforeIdat;
  return ChunkPlace::kBeforePlte;
}

// Every ancillary chunk (and tRNS) arrives here raw, in file order, because
// we told libpng to treat them all as unknown. Returning 1 means "handled",
// so libpng neither parses nor stores a second copy.
int OnChunk(png_structp png, png_unknown_chunkp chunk) {
  auto* ctx = static_cast<PngReadContext*>(png_get_user_chunk_ptr(png));
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
  ctx->metadata_bytes += chunk->size + kPngChunkOverhead;
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

}  // namespace

void ConfigurePngReader(png_structp png, PngReadContext* ctx) {
  png_set_read_fn(png, ctx, ReadInput);
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

int ReadPngShape(png_structp png, png_infop info, PngReadContext* ctx) {
  Image* img = ctx->image;
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
  if (png_get_rowbytes(png, info) != row_samples * (depth == 16 ? 2 : 1))
    png_error(png, "unexpected row layout after unpacking");
  ctx->passes = passes;
  return passes;
}

void ConvertPngRow(const png_byte* row, int bytes_per_sample, size_t count, uint16_t* out) {
  if (bytes_per_sample == 2) {
    for (size_t i = 0; i < count; ++i) out[i] = uint16_t(row[2 * i] << 8 | row[2 * i + 1]);
  } else {
    for (size_t i = 0; i < count; ++i) out[i] = row[i];
  }
}

Status CheckPngPaletteIndices(const Image& meta, const uint16_t* samples, size_t count) {
  if (meta.color_type != ColorType::kPalette) return Status::Ok();
  // PNG forbids indices past the last PLTE entry; there is no colour to
  // give them, so such a file has no well-defined pixels to keep.
  const size_t entries = meta.palette.size() / 3;
  for (size_t i = 0; i < count; ++i)
    if (samples[i] >= entries)
      return CorruptInput("PNG: palette index " + std::to_string(samples[i]) + " is past the last PLTE entry");
  return Status::Ok();
}

}  // namespace nlic
