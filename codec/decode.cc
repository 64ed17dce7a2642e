#include <string>

#include "codec/decode_stripe.h"
#include "codec/header.h"
#include "codec/resource_limits.h"
#include "codec/nlic.h"
#include "codec/parallel_for.h"
#include "codec/tile_table.h"

namespace nlic {

bool LooksLikeNlic(const uint8_t* data, size_t size) {
  return size >= sizeof(kMagic) && std::memcmp(data, kMagic, sizeof(kMagic)) == 0;
}

Status Decode(const uint8_t* data, size_t size, const DecodeOptions& opt, Image* out) {
  ByteReader in(data, size);
  Header h;
  const uint64_t max_pixels = opt.max_pixels ? opt.max_pixels : kMaxPixels;
  NLIC_RETURN_IF_ERROR(ReadHeader(&in, max_pixels, &h));
  const neural::NeuralModel* model;
  NLIC_RETURN_IF_ERROR(FindModel(h, &model));
  std::vector<TileRecord> tiles;
  NLIC_RETURN_IF_ERROR(ReadTileTable(&in, h, &tiles));

  Image img = MetaFromHeader(Header(h));
  img.samples.assign(img.sample_count(), 0);
  const size_t stride = size_t(h.width) * img.channels();
  std::vector<StripeResult> results(tiles.size(), StripeResult::kIntact);
  ParallelFor(uint32_t(tiles.size()), opt.threads, [&](uint32_t i) {
    const TileRecord& t = tiles[i];
    results[i] = DecodeStripe(h, model, t.payload, t.payload_size, t.pixel_crc,
                              img.samples.data() + t.first_row * stride, t.row_count);
  });
  for (uint32_t i = 0; i < uint32_t(tiles.size()); ++i)
    if (results[i] != StripeResult::kIntact) return StripeError(h, i, results[i]);
  *out = std::move(img);
  return Status::Ok();
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
  info->has_trns = !h.trns.empty();
  info->chunk_count = uint32_t(h.chunks.size());
  for (const Chunk& c : h.chunks) {
    info->metadata_bytes += c.data.size();
    info->chunk_types.push_back(c.TypeString());
  }
  info->predictor = h.predictor;
  info->model_id = h.model_id;
  info->stripe_rows = h.stripe_rows;
  info->tile_count = uint32_t(tiles.size());
  info->header_bytes = header_end;
  for (const TileRecord& t : tiles) info->payload_bytes += t.payload_size;
  return Status::Ok();
}

}  // namespace nlic
