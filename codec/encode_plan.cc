#include "codec/encode_plan.h"

#include <algorithm>
#include <string>

#include "codec/arith_coder.h"
#include "codec/color_table_coder.h"
#include "codec/fast_stripe.h"
#include "codec/pixel_crc.h"
#include "codec/resource_limits.h"
#include "codec/stripe_codec.h"

namespace nlic {
namespace {

// Stripes of at most about a quarter megapixel, of equal height: a
// Kodak-sized photo (0.4 MP) already gets two, so two threads halve its time;
// each restart of the models costs about 0.3% in size. It also bounds what a
// streaming coder holds per stripe in flight.
constexpr uint64_t kStripeTargetPixels = uint64_t(1) << 18;

// Efforts from here on use the neural predictor unless told otherwise.
constexpr int kFirstNeuralEffort = 4;
// Efforts from here on try the match model on every stripe (MatchChoice::kTrial).
constexpr int kFirstMatchTrialEffort = 5;
// Efforts from here on code every stripe with and without it (MatchChoice::kBoth).
constexpr int kFirstMatchBothEffort = 9;
// Efforts from here on use the rich sample model (profile 2).
constexpr int kFirstRichEffort = 7;
// Below the network the classical efforts climb too: effort 2 leaves out the
// LMS refiner (model 2: about 10% faster, 1.7% larger on photos), 3 adds it.
constexpr int kUnrefinedEffort = 2;

Status ValidateMeta(const Image& img, bool strip) {
  NLIC_RETURN_IF_ERROR(CheckImageMeta(img));
  if (img.width > kMaxDimension || img.height > kMaxDimension)
    return LimitExceeded("image dimension exceeds " + std::to_string(kMaxDimension));
  if (uint64_t(img.width) * img.height > kMaxPixels)
    return LimitExceeded("image exceeds " + std::to_string(kMaxPixels) + " pixels");
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

uint32_t AutoStripeRows(uint32_t width, uint32_t height, uint64_t target_pixels) {
  const uint64_t pixels = uint64_t(width) * height;
  const uint64_t stripes = (pixels + target_pixels - 1) / target_pixels;
  const uint64_t rows = (height + stripes - 1) / stripes;
  return uint32_t(std::min<uint64_t>(std::max<uint64_t>(rows, 16), height));
}

}  // namespace

// Efforts 6 to 9 trade that parallelism for size: 2x larger stripes at 6
// and 7, 4x at 8, 8x at 9 restart the models less often (a Kodak photo
// becomes one stripe), which matters most where the match model is on: its
// table of neighbourhoods starts empty in every stripe. Each effort's files
// are smaller than the one below's; they decode on fewer cores.
// Whatever the effort, a large image's stripes grow towards an eighth of it
// (at least 8 stripes keep 8 cores busy), up to kLargeStripePixels: on a
// 12.6 MP photo mosaic at effort 5, 2^18-pixel stripes cost 2.5% against
// one stripe. The cap bounds what the streaming coders hold per stripe in
// flight (8 MiB of RGBA16 samples).
constexpr uint64_t kLargeStripePixels = uint64_t(1) << 20;
constexpr uint64_t kMinStripes = 8;

uint64_t StripeTargetPixels(int effort, uint64_t pixels) {
  uint64_t target = kStripeTargetPixels;
  if (effort >= 9) target <<= 3;
  else if (effort == 8) target <<= 2;
  else if (effort >= 6) target <<= 1;
  return std::max(target, std::min(pixels / kMinStripes, kLargeStripePixels));
}

Status PlanEncode(const Image& img, const EncodeOptions& opt, EncodePlan* plan) {
  if (opt.effort < 1 || opt.effort > 9) return InvalidArgument("effort must be 1..9");
  NLIC_RETURN_IF_ERROR(ValidateMeta(img, opt.strip_metadata));
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

  Header& h = plan->header;
  h = Header{};
  h.width = img.width;
  h.height = img.height;
  h.color_type = img.color_type;
  h.bit_depth = img.bit_depth;
  h.interlaced = img.interlaced;
  h.predictor = model ? PredictorKind::kNeural : PredictorKind::kClassical;
  // Effort 1 is the fast profile, 7..9 the rich sample model, the others the
  // full model. Palette indices always take profile 0's palette coder: the
  // fast profile has none, and at effort 1 it is twice as small as profile 1
  // on the eval palette image for about the same speed (spec/format.md 9.1).
  if (img.color_type == ColorType::kPalette) h.profile = 0;
  else if (opt.effort == 1) h.profile = 1;
  else h.profile = opt.effort >= kFirstRichEffort ? 2 : 0;
  h.model_id = model ? model->id
               : opt.effort == kUnrefinedEffort ? ClassicalPredictor::kUnrefinedModelId
                                                : ClassicalPredictor::kModelId;
  h.stripe_rows = opt.stripe_rows ? std::min(opt.stripe_rows, img.height) : AutoStripeRows(img.width, img.height, StripeTargetPixels(opt.effort, uint64_t(img.width) * img.height));
  h.palette = img.palette;
  h.trns = img.trns;
  if (!opt.strip_metadata) {
    h.chunks = img.chunks;
    h.trns_index = img.trns.empty() ? 0 : img.trns_index;
  }
  if (h.tile_count() > kMaxTiles) return LimitExceeded("too many stripes; use more rows per stripe");
  plan->model = model;
  // From effort 5 the encoder also tries the match model on every stripe
  // the cheap gate leaves out (codec/match_gate.h).
  // Effort 9 codes each stripe both ways and keeps the smaller.
  plan->match = opt.effort >= kFirstMatchBothEffort    ? MatchChoice::kBoth
                : opt.effort >= kFirstMatchTrialEffort ? MatchChoice::kTrial
                                                       : MatchChoice::kGate;
  // An explicit --predictor asks for the predictor to code the samples.
  plan->may_index = opt.predictor == PredictorChoice::kByEffort && ColorIndexApplies(h);
  return Status::Ok();
}

namespace {

// Payload bytes of `rows` coded as one stripe under `h`.
uint64_t TrialBytes(const Header& h, const neural::NeuralModel* model, uint16_t* rows, uint32_t row_count) {
  std::vector<uint8_t> payload;
  if (h.profile == 1) {
    EncodeFastStripe(h, rows, row_count, &payload);
    return payload.size();
  }
  ArithEncoder enc(&payload);
  (void)CodeStripe(enc, h, model, rows, row_count);
  enc.Finish();
  return payload.size();
}

}  // namespace

void ChooseColorTable(const ColorSurvey& survey, EncodePlan* plan) {
  if (!survey.colors().fits() || !plan->may_index) return;
  Header indexed = plan->header;
  indexed.color_table = survey.colors().Table();
  // Profile 0's palette coder codes the indices, also at effort 1 (it is
  // about as fast as profile 1 there and far smaller): no predictor, so no
  // model to name.
  indexed.profile = 0;
  indexed.predictor = PredictorKind::kClassical;
  indexed.model_id = ClassicalPredictor::kModelId;

  const uint32_t rows = survey.sample_rows();
  std::vector<uint16_t> samples = survey.sample();
  std::vector<uint16_t> indices(size_t(rows) * indexed.width);
  (void)ColorIndexer(indexed).ToIndices(samples.data(), indices.size(), indices.data());
  const uint64_t plain = TrialBytes(plan->header, plan->model, samples.data(), rows);
  const uint64_t as_indices = TrialBytes(indexed, nullptr, indices.data(), rows);
  // Scaled from the sample to the whole image; the table is paid once.
  const uint64_t pixels = uint64_t(indexed.width) * indexed.height, sampled = indices.size();
  const uint64_t table_bytes = PackColorTable(indexed.color_table, indexed.channels(), indexed.bit_depth).size();
  if (as_indices * pixels + table_bytes * sampled >= plain * pixels) return;
  plan->header = std::move(indexed);
  plan->model = nullptr;
}

Status CheckStripeSamples(const Header& h, const uint16_t* samples, size_t count) {
  if (h.color_type != ColorType::kPalette) {
    Image meta;
    meta.bit_depth = h.bit_depth;
    NLIC_RETURN_IF_ERROR(CheckSampleRange(meta, samples, count));
    if (h.color_table.empty()) return Status::Ok();
    // EncodeStream built the table from a first read of its rows.
    std::vector<uint16_t> indices(count / size_t(h.channels()));
    if (!ColorIndexer(h).ToIndices(samples, indices.size(), indices.data()))
      return InvalidArgument("a pixel is not in the colour table: the rows differ from the ones pre-scanned");
    return Status::Ok();
  }
  const size_t entries = h.palette.size() / 3;
  for (size_t i = 0; i < count; ++i)
    if (samples[i] >= entries)
      return InvalidArgument("palette index " + std::to_string(samples[i]) + " is past the last entry");
  return Status::Ok();
}

void EncodeStripe(const EncodePlan& plan, uint32_t index, const uint16_t* pixels, uint32_t rows,
                  std::vector<uint8_t>* payload, uint32_t* crc) {
  const Header& h = plan.header;
  payload->clear();
  if (h.profile == 1) {
    EncodeFastStripe(h, pixels, rows, payload);
  } else if (!h.color_table.empty()) {
    // Indices one a pixel; CheckStripeSamples found every pixel in the table.
    std::vector<uint16_t> indices(size_t(rows) * h.width);
    (void)ColorIndexer(h).ToIndices(pixels, indices.size(), indices.data());
    ArithEncoder enc(payload);
    (void)CodeStripe(enc, h, plan.model, indices.data(), rows);
    enc.Finish();
  } else {
    ArithEncoder enc(payload);
    // The encoder only reads samples (Coder::kDecoding is false) and cannot fail.
    (void)CodeStripe(enc, h, plan.model, const_cast<uint16_t*>(pixels), rows, plan.match);
    enc.Finish();
  }
  *crc = StripeCrc(index, pixels, size_t(rows) * h.width * h.channels(), h.bit_depth);
}

void AppendRecordHead(uint64_t payload_size, uint32_t crc, std::vector<uint8_t>* out) {
  ByteWriter w(out);
  w.Varint(payload_size);
  w.U32LE(crc);
}

}  // namespace nlic
