#include "codec/header.h"

#include <zlib.h>

#include <string>

#include "codec/color_table_coder.h"
#include "codec/resource_limits.h"

namespace nlic {
namespace {

constexpr uint8_t kFlagInterlaced = 1 << 0;
constexpr uint8_t kFlagTrns = 1 << 1;
constexpr uint8_t kFlagChunks = 1 << 2;
constexpr uint8_t kFlagSuggestedPalette = 1 << 3;  // PLTE in an RGB(A) image
constexpr uint8_t kFlagColorTable = 1 << 4;        // pixels coded as colour-table indices
constexpr uint8_t kFlagsKnown =
    kFlagInterlaced | kFlagTrns | kFlagChunks | kFlagSuggestedPalette | kFlagColorTable;
// The same byte carries the predictor (bit 5) and the profile (bits 6..7).
constexpr uint8_t kFlagNeural = 1 << 5;
constexpr int kProfileShift = 6;
constexpr uint8_t kProfileMask = 3 << kProfileShift;
// At most this many colour-table entries (codec/color_index.h).
constexpr uint64_t kMaxTableEntries = 256;

class HeaderWriter {
 public:
  static constexpr bool kReading = false;
  explicit HeaderWriter(std::vector<uint8_t>* out) : w_(out) {}
  Status U8(uint8_t* v, uint8_t, uint8_t, const char*) {
    w_.U8(*v);
    return Status::Ok();
  }
  Status Varint(uint64_t* v, uint64_t, uint64_t, const char*) {
    w_.Varint(*v);
    return Status::Ok();
  }
  Status U32(uint32_t* v, const char*) {
    w_.U32LE(*v);
    return Status::Ok();
  }
  Status Blob(std::vector<uint8_t>* v, uint64_t, const char*) {
    w_.Bytes(v->data(), v->size());
    return Status::Ok();
  }

 private:
  ByteWriter w_;
};

class HeaderReader {
 public:
  static constexpr bool kReading = true;
  explicit HeaderReader(ByteReader* in) : in_(in) {}
  Status U8(uint8_t* v, uint8_t lo, uint8_t hi, const char* name) {
    if (!in_->U8(v)) return Truncated(name);
    if (*v < lo || *v > hi) return OutOfRange(name, *v);
    return Status::Ok();
  }
  Status Varint(uint64_t* v, uint64_t lo, uint64_t hi, const char* name) {
    if (!in_->Varint(v)) return CorruptInput(std::string("header field ") + name + " is truncated or malformed");
    if (*v < lo || *v > hi) return OutOfRange(name, *v);
    return Status::Ok();
  }
  Status U32(uint32_t* v, const char* name) {
    if (!in_->U32LE(v)) return Truncated(name);
    return Status::Ok();
  }
  // `size` was read and range-checked just before, so it is bounded.
  Status Blob(std::vector<uint8_t>* v, uint64_t size, const char* name) {
    const uint8_t* p;
    if (!in_->Bytes(size_t(size), &p)) return Truncated(name);
    v->assign(p, p + size);
    return Status::Ok();
  }

 private:
  static Status Truncated(const char* name) {
    return CorruptInput(std::string("file is truncated in header field ") + name);
  }
  static Status OutOfRange(const char* name, uint64_t v) {
    return CorruptInput(std::string("header field ") + name + " has invalid value " + std::to_string(v));
  }
  ByteReader* in_;
};

// The single description of the header layout. Ranges are checked by the
// reader; the writer only ever sees values the encoder validated.
template <class V>
Status VisitHeader(V& v, Header& h, uint64_t max_pixels) {
  // One byte for the five flags, the predictor and the profile, one for the
  // colour type and depth, and a 32-bit neural model id: a 32x64 patch's
  // header fell from 29 to 20 bytes (format 6).
  const bool suggested = h.color_type != ColorType::kPalette && !h.palette.empty();
  uint8_t flags = (h.interlaced ? kFlagInterlaced : 0) | (h.trns.empty() ? 0 : kFlagTrns) |
                  (h.chunks.empty() ? 0 : kFlagChunks) | (suggested ? kFlagSuggestedPalette : 0) |
                  (h.color_table.empty() ? 0 : kFlagColorTable) |
                  (h.predictor == PredictorKind::kNeural ? kFlagNeural : 0) |
                  uint8_t(h.profile << kProfileShift);
  NLIC_RETURN_IF_ERROR(v.U8(&flags, 0, 255, "flags"));
  if (flags & ~(kFlagsKnown | kFlagNeural | kProfileMask))
    return CorruptInput("header field flags has invalid value " + std::to_string(flags));
  h.interlaced = flags & kFlagInterlaced;
  h.predictor = (flags & kFlagNeural) ? PredictorKind::kNeural : PredictorKind::kClassical;
  h.profile = uint8_t((flags & kProfileMask) >> kProfileShift);
  if (h.profile > 2) return CorruptInput("header field profile has invalid value " + std::to_string(h.profile));

  uint8_t format = uint8_t(uint8_t(h.color_type) << 4 | (h.bit_depth - 1));
  NLIC_RETURN_IF_ERROR(v.U8(&format, 0, 0x6f, "pixel_format"));
  const uint8_t color = format >> 4;
  if (!IsValidColorType(color)) return CorruptInput("header has invalid colour type " + std::to_string(color));
  h.color_type = ColorType(color);
  h.bit_depth = uint8_t((format & 15) + 1);
  if (!IsValidDepth(h.color_type, h.bit_depth))
    return CorruptInput("header has bit depth " + std::to_string(h.bit_depth) + " invalid for its colour type");

  uint64_t w = uint64_t(h.width) - 1, hh = uint64_t(h.height) - 1;
  NLIC_RETURN_IF_ERROR(v.Varint(&w, 0, kMaxDimension - 1, "width"));
  NLIC_RETURN_IF_ERROR(v.Varint(&hh, 0, kMaxDimension - 1, "height"));
  h.width = uint32_t(w + 1);
  h.height = uint32_t(hh + 1);
  if (uint64_t(h.width) * h.height > max_pixels)
    return LimitExceeded(std::to_string(h.width) + "x" + std::to_string(h.height) + " exceeds the limit of " +
                         std::to_string(max_pixels) + " pixels");

  // The fast coder has its own fixed predictor: a file claiming a network
  // for it is damaged, not something a newer decoder could read.
  if (h.profile == 1 && h.predictor != PredictorKind::kClassical)
    return CorruptInput("profile 1 files use predictor 0");
  // Palette indices have their own coder: the rich sample model never applies.
  if (h.profile == 2 && h.color_type == ColorType::kPalette) return CorruptInput("profile 2 files are not palette images");
  // The network only ever codes photographic samples (see Encode); anything
  // else claiming it is damaged.
  if (h.predictor == PredictorKind::kNeural && (h.color_type == ColorType::kPalette || h.bit_depth < 8))
    return CorruptInput("the neural predictor is only used for 8- and 16-bit non-palette images");
  // Neural ids are 32-bit hashes (spec/neural.md 2.2), stored whole; the
  // classical ids are small numbers.
  if (h.predictor == PredictorKind::kNeural) {
    uint32_t id = uint32_t(h.model_id);
    NLIC_RETURN_IF_ERROR(v.U32(&id, "model_id"));
    h.model_id = id;
  } else {
    NLIC_RETURN_IF_ERROR(v.Varint(&h.model_id, 0, ~uint64_t(0), "model_id"));
  }
  uint64_t rows = h.stripe_rows;
  NLIC_RETURN_IF_ERROR(v.Varint(&rows, 1, kMaxDimension, "stripe_rows"));
  h.stripe_rows = uint32_t(rows);
  if (h.tile_count() > kMaxTiles) return LimitExceeded("too many stripes");

  if (flags & kFlagSuggestedPalette) {
    if (h.color_type != ColorType::kRGB && h.color_type != ColorType::kRGBA)
      return CorruptInput("a suggested palette is only allowed in RGB and RGBA images");
  }
  if (h.color_type == ColorType::kPalette || (flags & kFlagSuggestedPalette)) {
    uint64_t entries = h.palette.size() / 3;
    const uint64_t max_entries = h.color_type == ColorType::kPalette ? uint64_t(1) << h.bit_depth : 256;
    NLIC_RETURN_IF_ERROR(v.Varint(&entries, 1, max_entries, "palette_entries"));
    NLIC_RETURN_IF_ERROR(v.Blob(&h.palette, entries * 3, "palette"));
  } else if (V::kReading) {
    h.palette.clear();
  }

  if (flags & kFlagColorTable) {
    if (h.color_type == ColorType::kPalette) return CorruptInput("a palette image has no colour table");
    // Indices are coded by the palette coder of profile 0 alone.
    if (h.profile != 0 || h.predictor != PredictorKind::kClassical)
      return CorruptInput("a colour table needs profile 0 and predictor 0");
    const size_t channels = size_t(h.channels());
    uint64_t entries = h.color_table.size() / channels;
    NLIC_RETURN_IF_ERROR(v.Varint(&entries, 1, kMaxTableEntries, "color_table_entries"));
    // Packed (codec/color_table_coder.h); unpacking checks the order.
    std::vector<uint8_t> packed;
    if (!V::kReading) packed = PackColorTable(h.color_table, int(channels), h.bit_depth);
    uint64_t size = packed.size();
    NLIC_RETURN_IF_ERROR(v.Varint(&size, 1, kMaxPackedColorTableBytes, "color_table_bytes"));
    NLIC_RETURN_IF_ERROR(v.Blob(&packed, size, "color_table"));
    if (V::kReading) {
      NLIC_RETURN_IF_ERROR(UnpackColorTable(packed.data(), packed.size(), uint32_t(entries), int(channels),
                                            h.bit_depth, &h.color_table));
      // One encoding per header: other bytes that decode to the same table
      // (trailing junk, another flush) are refused.
      if (PackColorTable(h.color_table, int(channels), h.bit_depth) != packed)
        return CorruptInput("header field color_table is not packed canonically");
    }
  } else if (V::kReading) {
    h.color_table.clear();
  }

  uint64_t budget = kMaxMetadataBytes;
  if (flags & kFlagTrns) {
    uint64_t n = h.trns.size();
    NLIC_RETURN_IF_ERROR(v.Varint(&n, 1, 256 * 2, "trns_length"));
    NLIC_RETURN_IF_ERROR(v.Blob(&h.trns, n, "trns"));
    NLIC_RETURN_IF_ERROR(ValidateTransparency(h.color_type, h.trns.size(), h.palette.size() / 3));
    budget -= n;
  }
  if (flags & kFlagChunks) {
    uint64_t count = h.chunks.size();
    NLIC_RETURN_IF_ERROR(v.Varint(&count, 1, kMaxChunks, "chunk_count"));
    if (V::kReading) h.chunks.resize(size_t(count));
    for (Chunk& c : h.chunks) {
      for (char& ch : c.type) {
        uint8_t b = uint8_t(ch);
        NLIC_RETURN_IF_ERROR(v.U8(&b, 0, 255, "chunk_type"));
        if (!IsChunkLetter(char(b))) return CorruptInput("metadata chunk type is not four letters");
        ch = char(b);
      }
      if (!IsMetadataChunkType(c.type))
        return CorruptInput("metadata chunk " + c.TypeString() + " is not an ancillary chunk other than tRNS");
      uint8_t place = uint8_t(c.place);
      NLIC_RETURN_IF_ERROR(v.U8(&place, 0, 2, "chunk_place"));
      c.place = ChunkPlace(place);
      uint64_t n = c.data.size();
      NLIC_RETURN_IF_ERROR(v.Varint(&n, 0, budget, "chunk_length"));
      NLIC_RETURN_IF_ERROR(v.Blob(&c.data, n, "chunk_data"));
      budget -= n;
    }
  } else if (V::kReading) {
    h.chunks.clear();
  }
  if (flags & kFlagTrns) {
    uint64_t index = h.trns_index;
    NLIC_RETURN_IF_ERROR(v.Varint(&index, 0, h.chunks.size(), "trns_index"));
    h.trns_index = uint32_t(index);
  } else if (V::kReading) {
    h.trns_index = 0;
  }
  return Status::Ok();
}

}  // namespace

Status ValidateTransparency(ColorType type, size_t trns_bytes, size_t palette_entries) {
  if (TransparencyFits(type, trns_bytes, palette_entries)) return Status::Ok();
  return CorruptInput("tRNS of " + std::to_string(trns_bytes) + " bytes does not fit the colour type");
}

void WriteHeader(const Header& h, std::vector<uint8_t>* out) {
  size_t start = out->size();
  out->insert(out->end(), kMagic, kMagic + sizeof(kMagic));
  out->push_back(h.version);
  HeaderWriter writer(out);
  Header copy = h;
  Status s = VisitHeader(writer, copy, ~uint64_t(0));
  (void)s;  // the writer cannot fail
  uint32_t crc = uint32_t(crc32(0, out->data() + start, uInt(out->size() - start)));
  ByteWriter(out).U32LE(crc);
}

Status ReadHeader(ByteReader* in, uint64_t max_pixels, Header* h) {
  size_t start = in->pos();
  const uint8_t* magic;
  if (!in->Bytes(sizeof(kMagic), &magic) || std::memcmp(magic, kMagic, sizeof(kMagic)) != 0) {
    // Distinguish "not ours" from "ours but mangled by a text-mode transfer".
    if (in->pos() - start + in->remaining() >= 3 && in->data()[start] == 0x8E && in->data()[start + 1] == 'N' &&
        in->data()[start + 2] == 'L')
      return CorruptInput("nlic signature damaged (line endings converted by a text-mode transfer?)");
    return NotAnImage("not an .nlic file (bad signature)");
  }
  if (!in->U8(&h->version)) return CorruptInput("file is truncated after the signature");
  if (h->version != kFormatVersion)
    return Unsupported("format version " + std::to_string(h->version) + " is not supported (this build reads " +
                       std::to_string(kFormatVersion) + ")");
  HeaderReader reader(in);
  NLIC_RETURN_IF_ERROR(VisitHeader(reader, *h, std::min<uint64_t>(max_pixels, kMaxPixels)));
  uint32_t expected = uint32_t(crc32(0, in->data() + start, uInt(in->pos() - start)));
  uint32_t stored;
  if (!in->U32LE(&stored)) return CorruptInput("file is truncated in the header checksum");
  if (stored != expected) return ChecksumMismatch("header checksum mismatch (the header is damaged)");
  return Status::Ok();
}

}  // namespace nlic
