#include <string>

#include "codec/arith_coder.h"
#include "codec/fast_stripe.h"
#include "codec/header.h"
#include "codec/resource_limits.h"
#include "codec/nlic.h"
#include "codec/parallel_for.h"
#include "codec/pixel_crc.h"
#include "codec/stripe_codec.h"
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
  const neural::NeuralModel* model = nullptr;
  if (h.predictor == PredictorKind::kNeural) model = neural::FindNeuralModel(h.model_id);
  if (h.predictor == PredictorKind::kNeural ? !model : h.model_id != ClassicalPredictor::kModelId)
    return Unsupported("file was coded with predictor model " + std::to_string(h.model_id) +
                       ", which this build does not have");
  std::vector<TileRecord> tiles;
  NLIC_RETURN_IF_ERROR(ReadTileTable(&in, h, &tiles));

  Image img;
  img.width = h.width;
  img.height = h.height;
  img.color_type = h.color_type;
  img.bit_depth = h.bit_depth;
  img.interlaced = h.interlaced;
  img.palette = h.palette;  // a copy: the palette coder needs h's entry count
  img.trns = std::move(h.trns);
  img.trns_index = h.trns_index;
  img.chunks = std::move(h.chunks);
  img.samples.assign(img.sample_count(), 0);

  const size_t stride = size_t(h.width) * img.channels();
  enum : uint8_t { kIntact, kBadChecksum, kPayloadTooShort };
  std::vector<uint8_t> ok(tiles.size(), kIntact);
  ParallelFor(uint32_t(tiles.size()), opt.threads, [&](uint32_t i) {
    const TileRecord& t = tiles[i];
    uint16_t* rows = img.samples.data() + t.first_row * stride;
    bool decoded;
    if (h.profile == 1) {
      decoded = DecodeFastStripe(h, t.payload, t.payload_size, rows, t.row_count);
    } else {
      ArithDecoder dec(t.payload, t.payload_size);
      decoded = CodeStripe(dec, h, model, rows, t.row_count);
    }
    if (!decoded) {
      ok[i] = kPayloadTooShort;
      return;
    }
    ok[i] = PixelCrc(rows, t.row_count * stride, h.bit_depth) == t.pixel_crc ? kIntact : kBadChecksum;
  });
  for (uint32_t i = 0; i < uint32_t(tiles.size()); ++i) {
    if (ok[i] == kIntact) continue;
    const std::string where = StripeName(i, uint32_t(tiles.size())) + " (rows " + std::to_string(tiles[i].first_row) +
                              "-" + std::to_string(tiles[i].first_row + tiles[i].row_count - 1) + ")";
    if (ok[i] == kBadChecksum) return ChecksumMismatch(where + " is damaged: its pixels fail their checksum");
    return CorruptInput(where + " is damaged: its payload is malformed or ends too early");
  }
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
