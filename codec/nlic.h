// nlic public API: the only header a user of libnlic needs.
//
//   nlic::Image img;                       // from nlic::ReadImageFile(...)
//   std::vector<uint8_t> bytes;
//   NLIC_RETURN_IF_ERROR(nlic::Encode(img, {}, &bytes));
//   nlic::Image back;
//   NLIC_RETURN_IF_ERROR(nlic::Decode(bytes.data(), bytes.size(), {}, &back));
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "image.h"
#include "image_io.h"
#include "status.h"

namespace nlic {

enum class PredictorKind : uint8_t {
  kClassical = 0,  // weighted blend of neighbour predictors with error feedback
  kNeural = 1,     // the classical blend refined by a small integer network (predictor/neural.h)
};

// What the encoder should predict with: chosen by effort unless forced.
enum class PredictorChoice : uint8_t { kByEffort, kClassical, kNeural };

struct EncodeOptions {
  // 1..9: 1 = fast coder, 2..4 full model with the classical predictor,
  // 5..9 with the neural one (spec/format.md 9.1).
  int effort = 5;
  int threads = 0;             // 0 = number of cores; never changes the output bytes
  bool strip_metadata = false; // drop ancillary chunks (tRNS is pixels, always kept)
  // Forcing classical or neural overrides the effort's choice (not effort 1,
  // which has its own predictor).
  PredictorChoice predictor = PredictorChoice::kByEffort;
  uint32_t stripe_rows = 0;    // 0 = automatic (depends only on image size)
};

struct DecodeOptions {
  int threads = 0;             // 0 = number of cores
  uint64_t max_pixels = 0;     // 0 = the format limit kMaxPixels; lower to tighten
};

// What `nlic info` shows; read without decoding the payload.
struct FileInfo {
  uint32_t format_version = 0;
  uint32_t width = 0, height = 0;
  ColorType color_type = ColorType::kRGB;
  uint8_t bit_depth = 8;
  bool interlaced = false;
  uint32_t palette_entries = 0;
  uint32_t color_table_entries = 0;  // > 0: pixels were coded as indices into this many colours
  bool has_trns = false;
  uint32_t chunk_count = 0;
  uint64_t metadata_bytes = 0;
  PredictorKind predictor = PredictorKind::kClassical;
  uint8_t profile = 0;  // the residual coder: see spec/format.md
  uint64_t model_id = 0;
  uint32_t stripe_rows = 0;
  uint32_t tile_count = 0;
  uint64_t header_bytes = 0;
  uint64_t payload_bytes = 0;
  std::vector<std::string> chunk_types;
};

// A stripe that DecodeSalvage() could not recover; its rows are zeros.
struct DamagedStripe {
  uint32_t index = 0;                     // 0-based stripe number
  uint32_t first_row = 0, row_count = 0;  // the rows it covers
  Status problem;                         // names the stripe, its rows and what was wrong
};

Status Encode(const Image& image, const EncodeOptions& options, std::vector<uint8_t>* out);
// Strict: any damage fails the call, naming the first damaged stripe.
Status Decode(const uint8_t* data, size_t size, const DecodeOptions& options, Image* out);
// For rotted archives: decodes every stripe it can. A stripe whose payload
// is damaged or whose record is missing (decoder overrun, checksum
// mismatch, truncated file) comes back as zeros and is listed in *damaged,
// in stripe order, and the call still succeeds. What leaves nothing to
// salvage (signature, header or its CRC, unknown version or model, limits)
// fails as in Decode(); bytes after the last stripe are ignored.
Status DecodeSalvage(const uint8_t* data, size_t size, const DecodeOptions& options, Image* out,
                     std::vector<DamagedStripe>* damaged);
Status ReadInfo(const uint8_t* data, size_t size, FileInfo* info);

// Streaming: the same files, with memory bounded by a few stripes (about
// (threads + 1) megapixels of samples at the automatic stripe height) plus
// the models, not by the image. Rows are laid out as in Image::samples:
// `count` consecutive rows of width * channels samples, top to bottom.
using RowSource = std::function<Status(uint16_t* rows, uint32_t count)>;  // fills the next rows
using RowSink = std::function<Status(const uint16_t* rows, uint32_t count)>;
using ByteSink = std::function<Status(const uint8_t* data, size_t size)>;
// Reads up to `size` bytes into `data`; *got == 0 means the input ended.
using ByteSource = std::function<Status(uint8_t* data, size_t size, size_t* got)>;
using HeaderSink = std::function<Status(const Image& meta)>;

// `meta` is the image without its pixels (samples empty): the header goes to
// `out` first, then each stripe's record as soon as its rows are in and
// coded. The bytes equal Encode()'s for the same image and options, for
// every thread count, when `prescan` is given: a source of the same rows,
// read first (only until the image shows more than 256 colours) to decide
// on colour indexing (spec/format.md 10). Without it the image is never
// colour-indexed. A bad sample is only found when its stripe is read, so
// on failure `out` has received a partial file the caller must discard.
Status EncodeStream(const Image& meta, const EncodeOptions& options, const RowSource& rows, const ByteSink& out,
                    const RowSource& prescan = RowSource());

// Reads the header from `in`, then hands the metadata (samples empty) to
// `on_header` once the first stripe has decoded and passed its checksum, then
// every row to `rows` in order, each stripe only after its checksum passed. Errors are the ones Decode reports, but found in file
// order: rows handed over before a failure must be discarded by the caller.
Status DecodeStream(const ByteSource& in, const DecodeOptions& options, const HeaderSink& on_header,
                    const RowSink& rows);

// True when the bytes start with the nlic magic.
bool LooksLikeNlic(const uint8_t* data, size_t size);

const char* VersionString();

}  // namespace nlic
