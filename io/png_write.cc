// PNG encoding that puts back exactly what ReadPng took apart: same IHDR,
// palette, tRNS bytes and ancillary chunks in their original places/order.
#include <png.h>

#include <cstring>
#include <new>

#include "io/image_io.h"
#include "io/png_errors.h"
#include "io/row_io.h"

namespace nlic {
namespace {

struct WriteContext {
  PngDiagnostics diag;
  Image meta;  // everything but the samples
  PngWriteOptions options;
  const ByteSink* sink = nullptr;
  Status sink_status;
  std::vector<png_unknown_chunk> unknowns;
  std::vector<png_byte> rows;  // one row; every row of an interlaced image
  size_t row_bytes = 0;
  int passes = 1;
  bool out_of_memory = false;
};

void WriteToSink(png_structp png, png_bytep data, size_t length) {
  auto* ctx = static_cast<WriteContext*>(png_get_io_ptr(png));
  bool failed = false;
  try {
    ctx->sink_status = (*ctx->sink)(data, length);
    failed = !ctx->sink_status.ok();
  } catch (...) {
    ctx->out_of_memory = true;
    failed = true;
  }
  // Outside the try block: png_error longjmps, which must not skip destructors.
  if (failed) png_error(png, "cannot write the output");
}

void FlushNothing(png_structp) {}

Status ValidateForPng(const Image& img) {
  if (img.width == 0 || img.height == 0 || img.width > PNG_UINT_31_MAX || img.height > PNG_UINT_31_MAX)
    return InvalidArgument("PNG writer: image dimensions out of PNG's range");
  if (Status shape = CheckImageMeta(img); !shape.ok()) return InvalidArgument("PNG writer: " + shape.message());
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
  const Image& img = ctx->meta;
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

void FillRow(const uint16_t* s, size_t n, int bit_depth, png_byte* row) {
  if (bit_depth == 16) {
    for (size_t i = 0; i < n; ++i) {
      row[2 * i] = png_byte(s[i] >> 8);
      row[2 * i + 1] = png_byte(s[i]);
    }
  } else {
    for (size_t i = 0; i < n; ++i) row[i] = png_byte(s[i]);  // packed by png_set_packing
  }
}

// The helpers below call libpng under their own setjmp; no C++ object lives
// on their frames, so libpng's longjmp skips no destructor.
bool StartWithLibpng(png_structp png, png_infop info, WriteContext* ctx) {
  if (setjmp(png_jmpbuf(png))) return false;
  const Image& img = ctx->meta;
  png_set_write_fn(png, ctx, WriteToSink, FlushNothing);
  // libpng's default cap is 10^6 pixels per side; PNG allows 2^31 - 1 and our
  // images reach 2^24 (codec/resource_limits.h).
  png_set_user_limits(png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
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
  ctx->passes = png_set_interlace_handling(png);
  return true;
}

bool WriteRowsWithLibpng(png_structp png, WriteContext* ctx, const uint16_t* rows, uint32_t count) {
  if (setjmp(png_jmpbuf(png))) return false;
  const size_t n = size_t(ctx->meta.width) * ctx->meta.channels();
  for (uint32_t y = 0; y < count; ++y) {
    FillRow(rows + y * n, n, ctx->meta.bit_depth, ctx->rows.data());
    png_write_row(png, ctx->rows.data());
  }
  return true;
}

// An interlaced image's rows were kept: every pass goes over all of them.
bool EndWithLibpng(png_structp png, png_infop info, WriteContext* ctx) {
  if (setjmp(png_jmpbuf(png))) return false;
  if (ctx->passes > 1) {
    for (int pass = 0; pass < ctx->passes; ++pass)
      for (uint32_t y = 0; y < ctx->meta.height; ++y) png_write_row(png, &ctx->rows[y * ctx->row_bytes]);
  }
  png_write_end(png, info);
  return true;
}

class PngRowWriter final : public ImageRowWriter {
 public:
  ~PngRowWriter() override {
    if (png_) png_destroy_write_struct(&png_, &info_);
  }

  Status Open(const Image& meta, const PngWriteOptions& options, const ByteSink& sink) {
    NLIC_RETURN_IF_ERROR(ValidateForPng(meta));
    if (options.compression_level < 0 || options.compression_level > 9)
      return InvalidArgument("PNG writer: compression level must be 0..9");
    ctx_.diag.is_writer = true;
    ctx_.meta = CopyMeta(meta);
    ctx_.options = options;
    ctx_.sink = &sink;
    ctx_.row_bytes = size_t(meta.width) * meta.channels() * (meta.bit_depth == 16 ? 2 : 1);
    try {
      PrepareChunks(&ctx_);
      ctx_.rows.resize(ctx_.row_bytes * (meta.interlaced ? meta.height : 1));
    } catch (const std::bad_alloc&) {
      return LimitExceeded("PNG writer: out of memory");
    }
    png_ = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx_.diag, PngErrorCallback, PngWarningCallback);
    if (!png_) return Internal("PNG writer: cannot create libpng write struct");
    info_ = png_create_info_struct(png_);
    if (!info_) return Internal("PNG writer: cannot create libpng info struct");
    return Check(StartWithLibpng(png_, info_, &ctx_));
  }

  Status WriteRows(const uint16_t* rows, uint32_t count) override {
    if (count > ctx_.meta.height - next_row_) return Internal("PNG writer: more rows than the image has");
    const size_t n = size_t(ctx_.meta.width) * ctx_.meta.channels();
    if (ctx_.passes > 1) {
      for (uint32_t y = 0; y < count; ++y)
        FillRow(rows + y * n, n, ctx_.meta.bit_depth, &ctx_.rows[(next_row_ + y) * ctx_.row_bytes]);
      next_row_ += count;
      return Status::Ok();
    }
    next_row_ += count;
    return Check(WriteRowsWithLibpng(png_, &ctx_, rows, count));
  }

  Status Finish() override {
    if (next_row_ != ctx_.meta.height) return Internal("PNG writer: Finish before the last row");
    return Check(EndWithLibpng(png_, info_, &ctx_));
  }

 private:
  Status Check(bool ok) const {
    if (!ctx_.sink_status.ok()) return ctx_.sink_status;
    if (ctx_.out_of_memory) return LimitExceeded("PNG writer: out of memory for the output file");
    if (!ok) return PngErrorStatus(ctx_.diag, "encoding failed");
    // A warning means libpng skipped something we asked for: not a faithful copy.
    if (!ctx_.diag.warning.empty()) return Internal("PNG writer: " + ctx_.diag.warning);
    return Status::Ok();
  }

  WriteContext ctx_;
  png_structp png_ = nullptr;
  png_infop info_ = nullptr;
  uint32_t next_row_ = 0;
};

}  // namespace

Status OpenPngRowWriter(const Image& meta, const PngWriteOptions& options, const ByteSink& sink,
                        std::unique_ptr<ImageRowWriter>* out) {
  auto writer = std::make_unique<PngRowWriter>();
  NLIC_RETURN_IF_ERROR(writer->Open(meta, options, sink));
  *out = std::move(writer);
  return Status::Ok();
}

Status WritePng(const Image& image, std::vector<uint8_t>* out) { return WritePng(image, PngWriteOptions(), out); }

Status WritePng(const Image& image, const PngWriteOptions& options, std::vector<uint8_t>* out) {
  if (Status shape = CheckImageShape(image); !shape.ok()) return InvalidArgument("PNG writer: " + shape.message());
  std::vector<uint8_t> bytes;
  bool out_of_memory = false;
  const ByteSink sink = [&](const uint8_t* p, size_t n) {
    try {
      bytes.insert(bytes.end(), p, p + n);
    } catch (const std::bad_alloc&) {
      out_of_memory = true;
    }
    return out_of_memory ? LimitExceeded("PNG writer: out of memory for the output file") : Status::Ok();
  };
  std::unique_ptr<ImageRowWriter> writer;
  NLIC_RETURN_IF_ERROR(OpenPngRowWriter(image, options, sink, &writer));
  NLIC_RETURN_IF_ERROR(writer->WriteRows(image.samples.data(), image.height));
  NLIC_RETURN_IF_ERROR(writer->Finish());
  *out = std::move(bytes);
  return Status::Ok();
}

}  // namespace nlic
