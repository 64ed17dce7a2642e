// The container header: defined once, in VisitHeader(), and both written and
// read by running that one description through a writer or a reader visitor
// (the libjxl VisitFields idea). spec/format.md mirrors it field by field.
#pragma once

#include <cstdint>
#include <vector>

#include "codec/byte_io.h"
#include "codec/nlic.h"

namespace nlic {

// 0x8E: high bit set catches 7-bit channels; "NL" names the format; CR LF
// catches line-ending conversion either way; 0x1A stops DOS `type`.
inline constexpr uint8_t kMagic[6] = {0x8E, 'N', 'L', 0x0D, 0x0A, 0x1A};
// 2: profile 1 (the fast coder), the neural predictor, and stripe CRCs that
// cover the stripe's index (swapped stripes are detected).
// 3: the colour table (few-colour images coded as indices, codec/color_index.h)
// and the palette coder's neighbourhood-table candidates (spec/palette.md).
// Also profile 2, the rich sample model of efforts 7..9 (spec/model.md 4.9).
// 5: a stripe of samples starts with a bit that turns on the match model
// (spec/model.md 4.11).
// 6: a compact header (flags, predictor and profile in one byte, colour type
// and depth in one, the neural model id in 32 bits: 29 -> 20 bytes for a
// small gray image), and profile 0's mixer sets, T1/T2 counters and APM
// rows of coding position 0 start from trained states (codec/mixer_prior.h,
// counter_prior.h, apm_prior.h; spec/model.md 5.2, 5.3, 5.4).
// 7: a stripe coded by the neural predictor carries the refiner bit at the
// start of its row MatchTrialRows() (spec/neural.md 7.2), which can turn
// the LMS refiner off for the rest of the stripe.
inline constexpr uint8_t kFormatVersion = 7;

struct Header {
  uint8_t version = kFormatVersion;
  uint32_t width = 0, height = 0;
  ColorType color_type = ColorType::kRGB;
  uint8_t bit_depth = 8;
  bool interlaced = false;
  PredictorKind predictor = PredictorKind::kClassical;
  uint8_t profile = 0;       // 0 full model, 1 fast (effort 1), 2 rich (efforts 7..9); spec/format.md
  uint64_t model_id = 0;     // identifier of the predictor's parameters
  uint32_t stripe_rows = 0;  // rows per independently coded stripe (tile)
  std::vector<uint8_t> palette;
  // Colour indexing (codec/color_index.h): entries x channels samples, the
  // pixel values the palette coder's indices stand for; empty when unused.
  std::vector<uint16_t> color_table;
  std::vector<uint8_t> trns;
  uint32_t trns_index = 0;  // chunks that precede tRNS in the original file
  std::vector<Chunk> chunks;

  uint32_t tile_count() const { return stripe_rows ? (height + stripe_rows - 1) / stripe_rows : 0; }
  // Rows [first, first + count) of stripe i < tile_count().
  struct Rows {
    uint32_t first, count;
  };
  Rows stripe(uint32_t i) const {
    const uint32_t first = i * stripe_rows;
    return {first, height - first < stripe_rows ? height - first : stripe_rows};
  }
  int channels() const { return ChannelCount(color_type); }
};

// TransparencyFits() as a Status, for the header reader and the encoder.
Status ValidateTransparency(ColorType type, size_t trns_bytes, size_t palette_entries);

// Serialises magic, version, fields and the header CRC32.
void WriteHeader(const Header& h, std::vector<uint8_t>* out);
// Parses and validates (ranges, limits, CRC); `max_pixels` may tighten kMaxPixels.
Status ReadHeader(ByteReader* in, uint64_t max_pixels, Header* h);

}  // namespace nlic
