// DecodeStream: Decode's checks and pixels, read record by record from a
// byte source so that only the stripes in the pipeline's window are ever in
// memory. The structural checks ReadTileTable makes up front on a whole file
// are made here as each record arrives.
#include <algorithm>
#include <memory>
#include <string>

#include "codec/decode_stripe.h"
#include "codec/header.h"
#include "codec/nlic.h"
#include "codec/resource_limits.h"
#include "codec/source_buffer.h"
#include "codec/stripe_pipeline.h"
#include "codec/tile_table.h"

namespace nlic {
namespace {

// A header never exceeds its fixed fields, palette and tRNS plus the
// metadata budget and each chunk's type, place and length: past this many
// bytes, more input cannot complete it.
constexpr size_t kMaxHeaderBytes = size_t(kMaxMetadataBytes) + size_t(kMaxChunks) * 16 + 4096;
// Varint (at most 10 bytes) and CRC.
constexpr size_t kMaxRecordHead = 14;

// The header has no length field, so parse what is buffered and read more
// (doubling) only while the parse failed for lack of bytes.
Status ReadStreamHeader(SourceBuffer* in, uint64_t max_pixels, Header* h) {
  size_t want = 4096;
  for (;;) {
    NLIC_RETURN_IF_ERROR(in->Fill(want));
    ByteReader r = in->View();
    Status s = ReadHeader(&r, max_pixels, h);
    if (s.ok()) {
      in->Consume(r.pos());
      return s;
    }
    // Every "ran out of bytes" error of the header reader says "truncated";
    // anything else is final whatever follows.
    const bool truncated = s.code() == StatusCode::kCorruptInput && s.message().find("truncated") != std::string::npos;
    if (!truncated || in->ended() || in->available() >= kMaxHeaderBytes) return s;
    want = std::min(in->available() * 2, kMaxHeaderBytes);
  }
}

struct DecodeSlot {
  std::vector<uint8_t> payload;
  uint32_t crc = 0;
  // Uninitialised (new[] without "()"): the decoder writes every sample
  // before anything reads it, and untouched pages of a forged stripe that
  // fails early never become resident.
  std::unique_ptr<uint16_t[]> rows;
  size_t capacity = 0;
  StripeState result = StripeState::kIntact;
};

// The same checks, in the same words, as ReadTileTable.
Status ReadRecord(SourceBuffer* in, const Header& h, uint32_t i, DecodeSlot* s) {
  const uint32_t n = h.tile_count();
  NLIC_RETURN_IF_ERROR(in->Fill(kMaxRecordHead));
  ByteReader r = in->View();
  uint64_t size;
  if (!r.Varint(&size) || !r.U32LE(&s->crc)) return CorruptInput("file is truncated in the record of " + StripeName(i, n));
  in->Consume(r.pos());
  if (size > kMaxTilePayloadBytes)
    return CorruptInput(StripeName(i, n) + " claims " + std::to_string(size) + " bytes, more than a stripe may have");
  if (size == 0) return CorruptInput(StripeName(i, n) + " has an empty payload");
  s->payload.clear();
  uint64_t got;
  NLIC_RETURN_IF_ERROR(in->Read(size, &s->payload, &got));
  if (got < size)
    return CorruptInput("file is truncated: " + StripeName(i, n) + " claims " + std::to_string(size) +
                        " bytes but only " + std::to_string(got) + " remain");
  return Status::Ok();
}

}  // namespace

Status DecodeStream(const ByteSource& source, const DecodeOptions& opt, const HeaderSink& on_header,
                    const RowSink& sink) {
  SourceBuffer in(source);
  Header h;
  NLIC_RETURN_IF_ERROR(ReadStreamHeader(&in, opt.max_pixels ? opt.max_pixels : kMaxPixels, &h));
  const neural::NeuralModel* model;
  NLIC_RETURN_IF_ERROR(FindModel(h, &model));
  // The caller hears of the image only once its first stripe has decoded and
  // passed its checksum: a forged header over a tiny payload then fails
  // before the caller sets up anything the size of a row (a PNG writer's row
  // buffers, or its whole image when interlaced).
  bool announced = false;

  const uint32_t tiles = h.tile_count();
  const size_t stride = size_t(h.width) * h.channels();
  std::vector<DecodeSlot> slots;
  StripePipeline pipeline(opt.threads);  // after `slots`: joined before they go
  slots.resize(std::min(pipeline.window(), tiles));
  const uint32_t window = uint32_t(slots.size());

  auto emit = [&](uint32_t i) -> Status {
    DecodeSlot& s = slots[i % window];
    pipeline.Wait(i % window);
    if (s.result != StripeState::kIntact) return StripeProblem(h, i, s.result);
    if (!announced) {
      NLIC_RETURN_IF_ERROR(on_header(MetaFromHeader(Header(h))));
      announced = true;
    }
    return sink(s.rows.get(), h.stripe(i).count);
  };
  for (uint32_t i = 0; i < tiles; ++i) {
    if (i >= window) NLIC_RETURN_IF_ERROR(emit(i - window));
    DecodeSlot& s = slots[i % window];
    NLIC_RETURN_IF_ERROR(ReadRecord(&in, h, i, &s));
    const uint32_t rows = h.stripe(i).count;
    // Bounded by the header's checked pixel limit; only a window of these exists.
    if (s.capacity < rows * stride) {
      s.rows.reset(new uint16_t[rows * stride]);
      s.capacity = rows * stride;
    }
    pipeline.Submit(i % window, [&h, model, &s, i, rows] {
      s.result = DecodeStripe(h, model, i, s.payload.data(), s.payload.size(), s.crc, s.rows.get(), rows);
    });
  }
  NLIC_RETURN_IF_ERROR(in.Fill(1));
  if (in.available() != 0) return CorruptInput("unexpected bytes after the last stripe");
  for (uint32_t i = tiles > window ? tiles - window : 0; i < tiles; ++i) NLIC_RETURN_IF_ERROR(emit(i));
  return Status::Ok();
}

}  // namespace nlic
