#include "codec/decode_stripe.h"

#include <string>

#include "codec/arith_coder.h"
#include "codec/color_index.h"
#include "codec/fast_stripe.h"
#include "codec/pixel_crc.h"
#include "codec/stripe_codec.h"
#include "codec/tile_table.h"

namespace nlic {

Status FindModel(const Header& h, const neural::NeuralModel** model) {
  *model = nullptr;
  if (h.predictor == PredictorKind::kNeural) *model = neural::FindNeuralModel(h.model_id);
  if (h.predictor == PredictorKind::kNeural ? !*model : !ClassicalPredictor::KnownModelId(h.model_id))
    return Unsupported("file was coded with predictor model " + std::to_string(h.model_id) +
                       ", which this build does not have");
  return Status::Ok();
}

Image MetaFromHeader(Header&& h) {
  Image img;
  img.width = h.width;
  img.height = h.height;
  img.color_type = h.color_type;
  img.bit_depth = h.bit_depth;
  img.interlaced = h.interlaced;
  img.palette = std::move(h.palette);
  img.trns = std::move(h.trns);
  img.trns_index = h.trns_index;
  img.chunks = std::move(h.chunks);
  return img;
}

StripeState DecodeStripe(const Header& h, const neural::NeuralModel* model, uint32_t index, const uint8_t* payload,
                          size_t size, uint32_t pixel_crc, uint16_t* rows, uint32_t row_count) {
  bool decoded;
  if (h.profile == 1) {
    decoded = DecodeFastStripe(h, payload, size, rows, row_count);
  } else {
    ArithDecoder dec(payload, size);
    decoded = CodeStripe(dec, h, model, rows, row_count);
    // Colour-table indices, one a pixel at the start of `rows`, become pixels.
    if (decoded && !h.color_table.empty()) decoded = ExpandIndices(h, rows, size_t(row_count) * h.width);
  }
  if (!decoded) return StripeState::kBadPayload;
  const size_t samples = size_t(row_count) * h.width * h.channels();
  return StripeCrc(index, rows, samples, h.bit_depth) == pixel_crc ? StripeState::kIntact : StripeState::kBadChecksum;
}

Status StripeProblem(const Header& h, uint32_t i, StripeState state) {
  const Header::Rows rows = h.stripe(i);
  const std::string where = StripeName(i, h.tile_count()) + " (rows " + std::to_string(rows.first) + "-" +
                            std::to_string(rows.first + rows.count - 1) + ") is damaged: ";
  switch (state) {
    case StripeState::kBadChecksum: return ChecksumMismatch(where + "its pixels fail their checksum");
    case StripeState::kBadPayload: return CorruptInput(where + "its payload is malformed or ends too early");
    case StripeState::kMissing: return CorruptInput(where + "its record is missing or unreadable");
    case StripeState::kIntact: break;
  }
  return Internal(where + "reported although intact");
}

}  // namespace nlic
