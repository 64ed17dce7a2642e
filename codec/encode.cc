#include <algorithm>
#include <string>

#include "codec/arith_coder.h"
#include "codec/fast_stripe.h"
#include "codec/header.h"
#include "codec/resource_limits.h"
#include "codec/nlic.h"
#include "codec/parallel_for.h"
#include "codec/pixel_crc.h"
#include "codec/stripe_codec.h"

namespace nlic {
namespace {

// Stripes of at most about a quarter megapixel, of equal height: a
// Kodak-sized photo (0.4 MP) already gets two, so two threads halve its time;
// each restart of the models costs about 0.3% in size.
constexpr uint64_t kStripeTargetPixels = uint64_t(1) << 18;

Status ValidateImage(const Image& img, bool strip) {
  NLIC_RETURN_IF_ERROR(CheckImageShape(img));
  if (img.width > kMaxDimension || img.height > kMaxDimension)
    return LimitExceeded("image dimension exceeds " + std::to_string(kMaxDimension));
  if (uint64_t(img.width) * img.height > kMaxPixels)
    return LimitExceeded("image exceeds " + std::to_string(kMaxPixels) + " pixels");
  if (img.color_type == ColorType::kPalette) {
    const size_t entries = img.palette.size() / 3;
    for (uint16_t s : img.samples)
      if (s >= entries) return InvalidArgument("palette index " + std::to_string(s) + " is past the last entry");
  }
  if (Status t = ValidateTransparency(img.color_type, img.trns.size(), img.palette.size() / 3); !t.ok())
    return InvalidArgument(t.message());
  if (!strip && !img.trns.empty() && img.trns_index > img.chunks.size())
    return InvalidArgument("tRNS position is past the last chunk");
  if (!strip) {
    if (img.chunks.size() > kMaxChunks) return LimitExceeded("too many metadata chunks");
    uint64_t total = img.trns.size();
    for (const Chunk& c : img.chunks) {
      total += c.data.size();
      if (!IsMetadataChunkType(c.type))
        return InvalidArgument("metadata chunk type must be four letters naming an ancillary chunk other than tRNS");
      if (uint8_t(c.place) > 2) return InvalidArgument("invalid chunk place");
    }
    if (total > kMaxMetadataBytes) return LimitExceeded("metadata exceeds " + std::to_string(kMaxMetadataBytes) + " bytes");
  }
  return Status::Ok();
}

// Efforts from here on use the neural predictor unless told otherwise.
constexpr int kFirstNeuralEffort = 5;

uint32_t AutoStripeRows(uint32_t width, uint32_t height) {
  const uint64_t pixels = uint64_t(width) * height;
  const uint64_t stripes = (pixels + kStripeTargetPixels - 1) / kStripeTargetPixels;
  uint64_t rows = (height + stripes - 1) / stripes;
  return uint32_t(std::min<uint64_t>(std::max<uint64_t>(rows, 16), height));
}

}  // namespace

Status Encode(const Image& img, const EncodeOptions& opt, std::vector<uint8_t>* out) {
  if (opt.effort < 1 || opt.effort > 9) return InvalidArgument("effort must be 1..9");
  NLIC_RETURN_IF_ERROR(ValidateImage(img, opt.strip_metadata));
  // The network is trained on photographic samples: palette indices and
  // 1/2/4-bit gray are not that, so they stay classical (and the file then
  // decodes without any model).
  const neural::NeuralModel* model = nullptr;
  const bool neural = opt.predictor == PredictorChoice::kNeural ||
                      (opt.predictor == PredictorChoice::kByEffort && opt.effort >= kFirstNeuralEffort);
  // The fast profile (effort 1) has no network either.
  if (neural && opt.effort != 1 && img.color_type != ColorType::kPalette && img.bit_depth >= 8) {
    model = neural::DefaultNeuralModel();
    if (!model) return Unsupported("this build has no neural model");
  }

  Header h;
  h.width = img.width;
  h.height = img.height;
  h.color_type = img.color_type;
  h.bit_depth = img.bit_depth;
  h.interlaced = img.interlaced;
  h.predictor = model ? PredictorKind::kNeural : PredictorKind::kClassical;
  // Effort 1 is the fast profile; the others share the full model for now.
  h.profile = opt.effort == 1 ? 1 : 0;
  h.model_id = model ? model->id : ClassicalPredictor::kModelId;
  h.stripe_rows = opt.stripe_rows ? std::min(opt.stripe_rows, img.height) : AutoStripeRows(img.width, img.height);
  h.palette = img.palette;
  h.trns = img.trns;
  if (!opt.strip_metadata) {
    h.chunks = img.chunks;
    h.trns_index = img.trns.empty() ? 0 : img.trns_index;
  }

  const uint32_t tiles = h.tile_count();
  if (tiles > kMaxTiles) return LimitExceeded("too many stripes; use more rows per stripe");
  const size_t stride = size_t(img.width) * img.channels();
  std::vector<std::vector<uint8_t>> payloads(tiles);
  std::vector<uint32_t> crcs(tiles);
  // The encoder only reads samples (Coder::kDecoding is false).
  uint16_t* pixels = const_cast<uint16_t*>(img.samples.data());
  ParallelFor(tiles, opt.threads, [&](uint32_t i) {
    const auto [y0, rows] = h.stripe(i);
    if (h.profile == 1) {
      EncodeFastStripe(h, pixels + y0 * stride, rows, &payloads[i]);
    } else {
      ArithEncoder enc(&payloads[i]);
      (void)CodeStripe(enc, h, model, pixels + y0 * stride, rows);  // the encoder cannot fail
      enc.Finish();
    }
    crcs[i] = StripeCrc(i, pixels + y0 * stride, rows * stride, h.bit_depth);
  });

  out->clear();
  WriteHeader(h, out);
  ByteWriter w(out);
  for (uint32_t i = 0; i < tiles; ++i) {
    w.Varint(payloads[i].size());
    w.U32LE(crcs[i]);
    w.Bytes(payloads[i].data(), payloads[i].size());
  }
  return Status::Ok();
}

const char* VersionString() { return "0.1.0 (format 2)"; }

}  // namespace nlic
