// JPEG decoding through libjpeg(-turbo). The codec stores the decoded pixels
// losslessly; the JPEG bitstream itself is not preserved.
#include <csetjmp>
#include <cstdio>
#include <memory>
#include <new>
#include <string>
// jpeglib.h needs size_t and FILE declared first.
#include <jpeglib.h>
#include <jerror.h>

#include "io/image_io.h"
#include "io/pixel_limit.h"

namespace nlic {
namespace {

// A progressive JPEG can hold thousands of tiny scans, each one a full pass
// over the coefficients: same cap as libjpeg-turbo's TurboJPEG API.
constexpr int kMaxScans = 500;

struct ErrorManager {
  jpeg_error_mgr pub;  // first member: libjpeg hands us a jpeg_error_mgr*
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void OnError(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  std::longjmp(err->jump, 1);
}

// Level -1 is a warning, nearly always about corrupt data ("premature end of
// data file"...): libjpeg would carry on and invent pixels, which we must not
// archive as if they were the image. An odd JFIF version number is harmless.
void OnMessage(j_common_ptr cinfo, int level) {
  if (level < 0 && cinfo->err->msg_code != JWRN_JFIF_MAJOR) OnError(cinfo);
}

void OnProgress(j_common_ptr cinfo) {
  auto* d = reinterpret_cast<j_decompress_ptr>(cinfo);
  if (d->progressive_mode && d->input_scan_number > kMaxScans) {
    auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
    std::snprintf(err->message, sizeof err->message, "progressive JPEG has more than %d scans", kMaxScans);
    std::longjmp(err->jump, 1);
  }
}

struct JpegContext {
  jpeg_decompress_struct cinfo;
  ErrorManager err;
  jpeg_progress_mgr progress;
  const uint8_t* data = nullptr;
  size_t size = 0;
  ReadLimits limits;
  Image* image = nullptr;
  Status status;  // failures that are ours (limits, colour space), not libjpeg's
  std::vector<JSAMPLE> row;
};

// Only POD state on this frame: the longjmp from libjpeg skips no destructor.
bool Decode(JpegContext* ctx) {
  j_decompress_ptr cinfo = &ctx->cinfo;
  if (setjmp(ctx->err.jump)) return false;
  jpeg_create_decompress(cinfo);
  cinfo->progress = &ctx->progress;
  jpeg_mem_src(cinfo, ctx->data, static_cast<unsigned long>(ctx->size));
  jpeg_read_header(cinfo, TRUE);
  if (cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK) {
    ctx->status = Unsupported("JPEG: CMYK/YCCK images are not supported");
    return false;
  }
  ctx->status = CheckPixelLimit("JPEG", cinfo->image_width, cinfo->image_height, ctx->limits);
  if (!ctx->status.ok()) return false;
  const bool gray = cinfo->num_components == 1;
  cinfo->out_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
  Image* img = ctx->image;
  img->width = cinfo->image_width;
  img->height = cinfo->image_height;
  img->color_type = gray ? ColorType::kGray : ColorType::kRGB;
  img->bit_depth = 8;
  img->samples.resize(img->sample_count());
  jpeg_start_decompress(cinfo);
  const size_t row_samples = size_t(img->width) * img->channels();
  if (cinfo->output_components != img->channels() || cinfo->output_width != img->width) {
    ctx->status = Internal("JPEG: libjpeg output shape differs from the header");
    return false;
  }
  ctx->row.resize(row_samples);
  while (cinfo->output_scanline < cinfo->output_height) {
    const size_t y = cinfo->output_scanline;
    JSAMPROW rows[1] = {ctx->row.data()};
    jpeg_read_scanlines(cinfo, rows, 1);
    for (size_t i = 0; i < row_samples; ++i) img->samples[y * row_samples + i] = ctx->row[i];
  }
  jpeg_finish_decompress(cinfo);
  return true;
}

}  // namespace

Status ReadJpeg(const uint8_t* data, size_t size, const ReadLimits& limits, Image* out) {
  if (size < 3 || data[0] != 0xFF || data[1] != 0xD8 || data[2] != 0xFF)
    return NotAnImage("not a JPEG file (no SOI marker)");
  if (size > 0xFFFFFFFFu) return LimitExceeded("JPEG: file larger than 4 GiB");
  Image image;
  auto ctx = std::make_unique<JpegContext>();  // value-initialised, so libjpeg structs start zeroed
  ctx->data = data;
  ctx->size = size;
  ctx->limits = limits;
  ctx->image = &image;
  ctx->cinfo.err = jpeg_std_error(&ctx->err.pub);
  ctx->err.pub.error_exit = OnError;
  ctx->err.pub.emit_message = OnMessage;
  ctx->err.message[0] = '\0';
  ctx->progress.progress_monitor = OnProgress;
  bool ok = false;
  try {
    ok = Decode(ctx.get());
  } catch (const std::bad_alloc&) {  // our own resize, never from inside libjpeg
    ctx->status = LimitExceeded("JPEG: out of memory for the decoded image");
  }
  // Safe even if creation failed: the struct was zeroed by make_unique.
  jpeg_destroy_decompress(&ctx->cinfo);
  if (!ctx->status.ok()) return ctx->status;
  if (!ok)
    return CorruptInput(std::string("JPEG: ") + (ctx->err.message[0] ? ctx->err.message : "decoding failed"));
  *out = std::move(image);
  return Status::Ok();
}

}  // namespace nlic
