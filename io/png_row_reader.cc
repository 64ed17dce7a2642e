// PNG row by row: ReadPng's set-up and checks, with libpng's png_read_row
// driven by the caller's pace instead of a loop over the whole image.
#include <png.h>

#include <new>
#include <string>

#include "io/png_chunk_scan.h"
#include "io/png_read_common.h"
#include "io/row_io.h"

namespace nlic {
namespace {

// The helpers below call libpng under their own setjmp. No C++ object with
// a destructor lives on their frames (all state is in ctx), so a longjmp out
// of libpng skips nothing.
bool StartLibpng(png_structp png, png_infop info, PngReadContext* ctx) {
  if (setjmp(png_jmpbuf(png))) return false;
  ConfigurePngReader(png, ctx);
  png_read_info(png, info);
  ctx->after_idat = true;
  ReadPngShape(png, info, ctx);
  return true;
}

bool ReadRowsWithLibpng(png_structp png, PngReadContext* ctx, uint16_t* out, uint32_t count, size_t row_samples,
                        int bytes_per_sample) {
  if (setjmp(png_jmpbuf(png))) return false;
  for (uint32_t y = 0; y < count; ++y) {
    png_read_row(png, ctx->rows.get(), nullptr);
    ConvertPngRow(ctx->rows.get(), bytes_per_sample, row_samples, out + y * row_samples);
  }
  return true;
}

bool ReadImageWithLibpng(png_structp png, PngReadContext* ctx) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_read_image(png, ctx->row_pointers.data());
  return true;
}

bool EndWithLibpng(png_structp png, png_infop info) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_read_end(png, info);
  return true;
}

class PngRowReader final : public ImageRowReader {
 public:
  ~PngRowReader() override {
    if (png_) png_destroy_read_struct(&png_, &info_, nullptr);
  }

  Status Open(std::FILE* file, const ReadLimits& limits) {
    std::vector<Chunk> trailing;
    NLIC_RETURN_IF_ERROR(ScanPngTrailingChunks(file, limits, &trailing));
    if (fseeko(file, 0, SEEK_SET) != 0) return IoError("PNG: input is not seekable");
    ctx_.file = file;
    ctx_.limits = limits;
    ctx_.image = &meta_;
    png_ = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx_.diag, PngErrorCallback, PngWarningCallback);
    if (!png_) return Internal("PNG: cannot create libpng read struct");
    info_ = png_create_info_struct(png_);
    if (!info_) return Internal("PNG: cannot create libpng info struct");
    if (!StartLibpng(png_, info_, &ctx_)) return Failure("decoding failed");
    NLIC_RETURN_IF_ERROR(Warnings());
    // The budget covers the chunks on both sides of IDAT, as in ReadPng.
    uint64_t total = ctx_.metadata_bytes;
    for (const Chunk& c : trailing) total += c.data.size() + kPngChunkOverhead;
    if (total > limits.max_metadata_bytes) return LimitExceeded("PNG: metadata chunks exceed the metadata size limit");
    trailing_ = trailing;
    for (Chunk& c : trailing) meta_.chunks.push_back(std::move(c));
    row_samples_ = size_t(meta_.width) * meta_.channels();
    bytes_per_sample_ = meta_.bit_depth == 16 ? 2 : 1;
    ctx_.rows.reset(new png_byte[row_samples_ * bytes_per_sample_]);
    return Status::Ok();
  }

  const Image& meta() const override { return meta_; }

  Status ReadRows(uint16_t* rows, uint32_t count) override {
    if (count > meta_.height - next_row_) return Internal("PNG: rows requested past the bottom of the image");
    if (ctx_.passes > 1) {
      NLIC_RETURN_IF_ERROR(LoadInterlaced());
      const size_t row_bytes = row_samples_ * bytes_per_sample_;
      for (uint32_t y = 0; y < count; ++y)
        ConvertPngRow(&ctx_.rows[(next_row_ + y) * row_bytes], bytes_per_sample_, row_samples_, rows + y * row_samples_);
    } else if (!ReadRowsWithLibpng(png_, &ctx_, rows, count, row_samples_, bytes_per_sample_)) {
      return Failure("decoding failed");
    }
    next_row_ += count;
    NLIC_RETURN_IF_ERROR(Warnings());
    return CheckPngPaletteIndices(meta_, rows, size_t(count) * row_samples_);
  }

  Status Finish() override {
    if (next_row_ != meta_.height) return Internal("PNG: Finish before the last row");
    ctx_.image = &late_;  // libpng's own reading of the trailing chunks
    if (!EndWithLibpng(png_, info_)) return Failure("decoding failed");
    NLIC_RETURN_IF_ERROR(Warnings());
    bool same = late_.chunks.size() == trailing_.size();
    for (size_t i = 0; same && i < trailing_.size(); ++i)
      same = late_.chunks[i].type == trailing_[i].type && late_.chunks[i].data == trailing_[i].data;
    if (!same) return CorruptInput("PNG: the chunks after the image data changed while the file was read");
    return Status::Ok();
  }

 private:
  // Adam7 spreads every row over seven passes: there is no row-by-row way.
  Status LoadInterlaced() {
    if (!ctx_.row_pointers.empty()) return Status::Ok();
    const size_t row_bytes = row_samples_ * bytes_per_sample_;
    try {
      ctx_.rows.reset(new png_byte[row_bytes * meta_.height]);
      ctx_.row_pointers.resize(meta_.height);
    } catch (const std::bad_alloc&) {
      return LimitExceeded("PNG: out of memory for the decoded interlaced image");
    }
    for (uint32_t y = 0; y < meta_.height; ++y) ctx_.row_pointers[y] = ctx_.rows.get() + y * row_bytes;
    if (!ReadImageWithLibpng(png_, &ctx_)) return Failure("decoding failed");
    return Status::Ok();
  }

  Status Failure(const char* fallback) const {
    if (!ctx_.status.ok()) return ctx_.status;
    return PngErrorStatus(ctx_.diag, fallback);
  }
  Status Warnings() const {
    if (!ctx_.diag.warning.empty()) return CorruptInput("PNG: " + ctx_.diag.warning);
    return Status::Ok();
  }

  PngReadContext ctx_;
  Image meta_, late_;
  std::vector<Chunk> trailing_;
  png_structp png_ = nullptr;
  png_infop info_ = nullptr;
  size_t row_samples_ = 0;
  int bytes_per_sample_ = 1;
  uint32_t next_row_ = 0;
};

}  // namespace

Status OpenPngRowReader(std::FILE* file, const ReadLimits& limits, std::unique_ptr<ImageRowReader>* out) {
  auto reader = std::make_unique<PngRowReader>();
  NLIC_RETURN_IF_ERROR(reader->Open(file, limits));
  *out = std::move(reader);
  return Status::Ok();
}

}  // namespace nlic
