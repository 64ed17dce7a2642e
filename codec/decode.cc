#include <cstring>
#include <string>

#include "codec/decode_stripe.h"
#include "codec/header.h"
#include "codec/nlic.h"
#include "codec/resource_limits.h"
#include "codec/stripe_decoder.h"
#include "codec/tile_table.h"

namespace nlic {

bool LooksLikeNlic(const uint8_t* data, size_t size) {
  return size >= sizeof(kMagic) && std::memcmp(data, kMagic, sizeof(kMagic)) == 0;
}

namespace {

// Decode() and DecodeSalvage() differ only in what they do with damaged
// stripes: `damaged` == nullptr means fail on the first one.
Status DecodeImpl(const uint8_t* data, size_t size, const DecodeOptions& opt, Image* out,
                  std::vector<DamagedStripe>* damaged) {
  ByteReader in(data, size);
  Header h;
  const uint64_t max_pixels = opt.max_pixels ? opt.max_pixels : kMaxPixels;
  NLIC_RETURN_IF_ERROR(ReadHeader(&in, max_pixels, &h));
  const neural::NeuralModel* model;
  NLIC_RETURN_IF_ERROR(FindModel(h, &model));
  std::vector<TileRecord> tiles;
  Status table = ReadTileTable(&in, h, &tiles);
  // A salvage decodes the records before the damage; the rest are missing.
  if (!table.ok() && !damaged) return table;

  std::vector<uint16_t> samples;
  const std::vector<StripeState> states = DecodeStripes(h, model, tiles, opt.threads, damaged != nullptr, &samples);
  for (uint32_t i = 0; i < uint32_t(states.size()); ++i) {
    if (states[i] == StripeState::kIntact) continue;
    Status problem = StripeProblem(h, i, states[i]);
    if (!damaged) return problem;
    const Header::Rows rows = h.stripe(i);
    damaged->push_back(DamagedStripe{i, rows.first, rows.count, std::move(problem)});
  }
  // Only now: the palette coder reads the palette from the header.
  Image img = MetaFromHeader(std::move(h));
  img.samples = std::move(samples);
  *out = std::move(img);
  return Status::Ok();
}

}  // namespace

Status Decode(const uint8_t* data, size_t size, const DecodeOptions& opt, Image* out) {
  return DecodeImpl(data, size, opt, out, nullptr);
}

Status DecodeSalvage(const uint8_t* data, size_t size, const DecodeOptions& opt, Image* out,
                     std::vector<DamagedStripe>* damaged) {
  damaged->clear();
  return DecodeImpl(data, size, opt, out, damaged);
}

Status ReadInfo(const uint8_t* data, size_t size, FileInfo* info) {
  ByteReader in(data, size);
  Header h;
  NLIC_RETURN_IF_ERROR(ReadHeader(&in, kMaxPixels, &h));
  const size_t header_end = in.pos();
  std::vector<TileRecord> tiles;
  NLIC_RETURN_IF_ERROR(ReadTileTable(&in, h, &tiles));
  *info = FileInfo{};
  info->format_version = h.version;
  info->width = h.width;
  info->height = h.height;
  info->color_type = h.color_type;
  info->bit_depth = h.bit_depth;
  info->interlaced = h.interlaced;
  info->palette_entries = uint32_t(h.palette.size() / 3);
  info->color_table_entries = uint32_t(h.color_table.size() / size_t(h.channels()));
  info->has_trns = !h.trns.empty();
  info->chunk_count = uint32_t(h.chunks.size());
  for (const Chunk& c : h.chunks) {
    info->metadata_bytes += c.data.size();
    info->chunk_types.push_back(c.TypeString());
  }
  info->predictor = h.predictor;
  info->profile = h.profile;
  info->model_id = h.model_id;
  info->stripe_rows = h.stripe_rows;
  info->tile_count = uint32_t(tiles.size());
  info->header_bytes = header_end;
  for (const TileRecord& t : tiles) info->payload_bytes += t.payload_size;
  return Status::Ok();
}

}  // namespace nlic
