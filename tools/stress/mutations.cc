#include "tools/stress/mutations.h"

#include <zlib.h>

#include <algorithm>
#include <random>

#include "codec/byte_io.h"
#include "codec/header.h"
#include "codec/resource_limits.h"
#include "codec/tile_table.h"

namespace nlic::stress {
namespace {

// Kinds by index % 10: three tenths truncations, two bit flips, and one
// tenth each of the rest.
enum Kind { kTruncate, kBitFlip, kByteRun, kRecords, kForgedHuge, kHeaderField, kSeedHuge };
constexpr Kind kKindOf[10] = {kTruncate, kTruncate, kTruncate, kBitFlip, kBitFlip,
                              kByteRun,  kRecords,  kForgedHuge, kHeaderField, kSeedHuge};

struct Dims {
  uint32_t w, h;
};
constexpr Dims kHugeDims[] = {
    {1u << 24, 16},      {16, 1u << 24},       {1u << 14, 1u << 14}, {1u << 24, 1u << 24},
    {1u << 16, 1u << 12}, {1u << 24, 1},       {1, 1u << 24},        {1u << 20, 1u << 8},
    {(1u << 14) + 1, 1u << 14},  // one column past 2^28 pixels: a limit, not a decode
};

struct Shape {
  ColorType ct;
  uint8_t depth;
};
constexpr Shape kShapes[] = {{ColorType::kGray, 8},  {ColorType::kGray, 16},     {ColorType::kGray, 1},
                             {ColorType::kRGB, 8},   {ColorType::kRGB, 16},      {ColorType::kRGBA, 8},
                             {ColorType::kRGBA, 16}, {ColorType::kGrayAlpha, 16}, {ColorType::kPalette, 8}};

std::vector<uint8_t> Records(const Seed& s, size_t from, size_t to) {
  if (from >= to) return {};
  return std::vector<uint8_t>(s.bytes.begin() + long(s.records[from].first),
                              s.bytes.begin() + long(s.records[to - 1].second));
}

// Truncation lengths of a seed in order: every length through the header and
// the first record's length and CRC, a few either side of every record
// boundary, then every other length in a scattered order.
size_t TruncationLength(const Seed& s, size_t j) {
  std::vector<size_t> first;
  for (size_t n = 0; n < std::min(s.bytes.size(), s.header_end + 8); ++n) first.push_back(n);
  for (const auto& r : s.records)
    for (size_t d = 0; d < 7; ++d)
      if (r.first + d >= 3 && r.first + d - 3 < s.bytes.size()) first.push_back(r.first + d - 3);
  if (j < first.size()) return first[j];
  return ((j - first.size()) * 1000003u) % s.bytes.size();  // a permutation: 1000003 is prime
}

// Payloads up to 64 bytes must stay within the run's RSS bound. Longer
// ones need not: the coder can legitimately spend a byte on ~10^4 samples
// of flat content, so 256 bytes may honestly describe a million pixels of
// a 2^24-pixel row, with their per-column model state (~100 bytes each),
// before the stripe's CRC can tell. Those get a bound of their own.
constexpr size_t kLongPayload = 256;
constexpr long kLongPayloadRssKib = 256 * 1024;

std::vector<uint8_t> HugeHeader(std::mt19937_64& rng, std::string* what) {
  Header h;
  const Dims d = kHugeDims[rng() % std::size(kHugeDims)];
  const Shape sh = kShapes[rng() % std::size(kShapes)];
  h.width = d.w;
  h.height = d.h;
  h.color_type = sh.ct;
  h.bit_depth = sh.depth;
  h.model_id = 1;
  if (sh.ct == ColorType::kPalette) h.palette.assign(3 * 256, 0x40);
  const uint32_t rows[] = {1, 16, 1024, d.h};
  h.stripe_rows = std::min(d.h, rows[rng() % 4]);
  std::vector<uint8_t> out;
  WriteHeader(h, &out);
  const uint64_t tiles = (uint64_t(d.h) + h.stripe_rows - 1) / h.stripe_rows;
  const uint64_t records = tiles <= 64 && rng() % 2 ? tiles : 1 + rng() % 3;
  const size_t sizes[] = {0, 1, 2, 4, 8, 16, 64, kLongPayload};
  const size_t payload = sizes[rng() % std::size(sizes)];
  const uint8_t fill[] = {0x00, 0xFF, 0x5A};
  const int pattern = int(rng() % 4);
  for (uint64_t i = 0; i < records; ++i) {
    ByteWriter(&out).Varint(payload);
    ByteWriter(&out).U32LE(uint32_t(rng()));
    for (size_t k = 0; k < payload; ++k) out.push_back(pattern == 3 ? uint8_t(rng()) : fill[pattern]);
  }
  *what = std::to_string(d.w) + "x" + std::to_string(d.h) + " type " + std::to_string(int(sh.ct)) + "/" +
          std::to_string(sh.depth) + ", stripe_rows " + std::to_string(h.stripe_rows) + ", " +
          std::to_string(records) + " record(s) of " + std::to_string(payload) + " bytes";
  return out;
}

}  // namespace

bool DescribeSeed(const std::string& name, std::vector<uint8_t> bytes, Seed* out) {
  ByteReader in(bytes.data(), bytes.size());
  Header h;
  std::vector<TileRecord> tiles;
  if (!ReadHeader(&in, kMaxPixels, &h).ok()) return false;
  const size_t header_end = in.pos();
  if (!ReadTileTable(&in, h, &tiles).ok()) return false;
  out->name = name;
  out->header_end = header_end;
  out->records.clear();
  size_t begin = header_end;
  for (const TileRecord& t : tiles) {
    const size_t end = size_t(t.payload - bytes.data()) + t.payload_size;
    out->records.emplace_back(begin, end);
    begin = end;
  }
  out->bytes = std::move(bytes);
  return true;
}

Mutation MakeMutation(const std::vector<Seed>& seeds, uint64_t index) {
  Mutation m;
  std::mt19937_64 rng(index * 0x9E3779B97F4A7C15ull + 1);
  if (index == 0) {
    m.kind = "empty";
    m.what = "zero-length file";
    return m;
  }
  const Kind kind = kKindOf[index % 10];
  const uint64_t nth = index / 10;  // how many of this slot came before
  m.seed = int((kind == kTruncate ? nth * 3 + index % 10 : nth) % seeds.size());
  const Seed& s = seeds[size_t(m.seed)];
  m.bytes = s.bytes;
  switch (kind) {
    case kTruncate: {
      const size_t len = TruncationLength(s, (nth * 3 + index % 10) / seeds.size());
      m.kind = "truncate";
      m.what = s.name + " cut to " + std::to_string(len) + " of " + std::to_string(s.bytes.size()) + " bytes";
      m.bytes.resize(len);
      break;
    }
    case kBitFlip: {
      const int flips = 1 + int(rng() % 3);
      m.kind = "bitflip";
      m.what = s.name + " bits";
      for (int f = 0; f < flips; ++f) {
        const size_t pos = rng() % m.bytes.size();
        const int bit = int(rng() % 8);
        m.bytes[pos] ^= uint8_t(1 << bit);
        // Appended piecewise: GCC 12 warns (falsely) on " " + to_string() here.
        m.what.append(1, ' ').append(std::to_string(pos)).append(1, '.').append(std::to_string(bit));
      }
      break;
    }
    case kByteRun: {
      const size_t pos = rng() % m.bytes.size(), len = 1 + rng() % 16;
      for (size_t k = pos; k < pos + len && k < m.bytes.size(); ++k) m.bytes[k] = uint8_t(rng());
      m.kind = "byterun";
      m.what = s.name + " bytes " + std::to_string(pos) + "+" + std::to_string(len);
      break;
    }
    case kRecords: {
      const size_t n = s.records.size();
      const size_t i = rng() % n, j = n > 1 ? (i + 1 + rng() % (n - 1)) % n : i;
      const size_t a = std::min(i, j), b = std::max(i, j);
      std::vector<uint8_t> out(s.bytes.begin(), s.bytes.begin() + long(s.header_end));
      auto append = [&](const std::vector<uint8_t>& v) { out.insert(out.end(), v.begin(), v.end()); };
      const int op = int(rng() % 4);
      m.kind = "records";
      if (op == 0 && n > 1) {  // swap a and b
        append(Records(s, 0, a));
        append(Records(s, b, b + 1));
        append(Records(s, a + 1, b));
        append(Records(s, a, a + 1));
        append(Records(s, b + 1, n));
        m.what = s.name + " records " + std::to_string(a) + " and " + std::to_string(b) + " swapped";
      } else if (op == 1 && n > 1) {  // b replaced by a copy of a
        append(Records(s, 0, b));
        append(Records(s, a, a + 1));
        append(Records(s, b + 1, n));
        m.what = s.name + " record " + std::to_string(b) + " replaced by a copy of " + std::to_string(a);
      } else if (op == 2) {  // record i dropped
        append(Records(s, 0, i));
        append(Records(s, i + 1, n));
        m.what = s.name + " record " + std::to_string(i) + " dropped";
      } else {  // record i repeated after itself
        append(Records(s, 0, i + 1));
        append(Records(s, i, n));
        m.what = s.name + " record " + std::to_string(i) + " doubled";
      }
      m.bytes = std::move(out);
      break;
    }
    case kForgedHuge:
      m.kind = "forged-huge";
      m.seed = -1;
      m.forged_crc = true;
      m.bytes = HugeHeader(rng, &m.what);
      if (m.what.find(" of " + std::to_string(kLongPayload) + " bytes") != std::string::npos) {
        m.kind = "forged-huge-256B";
        m.rss_bound_kib = kLongPayloadRssKib;
      }
      break;
    case kHeaderField: {
      // Any byte from the version to the last header field, then a correct CRC.
      const size_t crc_at = s.header_end - 4;
      const size_t pos = 6 + rng() % (crc_at - 6);
      const uint8_t v = rng() % 4 == 0 ? uint8_t(rng() % 2 ? 0xFF : 0x00) : uint8_t(rng());
      m.bytes[pos] = v;
      const uint32_t crc = uint32_t(crc32(0, m.bytes.data(), uInt(crc_at)));
      for (int k = 0; k < 4; ++k) m.bytes[crc_at + size_t(k)] = uint8_t(crc >> (8 * k));
      m.kind = "header-field";
      m.what = s.name + " header byte " + std::to_string(pos) + " = " + std::to_string(v) + ", CRC fixed";
      m.forged_crc = true;
      break;
    }
    case kSeedHuge: {
      // The seed's own records behind a header claiming an extreme size.
      ByteReader in(s.bytes.data(), s.bytes.size());
      Header h;
      (void)ReadHeader(&in, kMaxPixels, &h);  // the seed parsed when it was described
      const Dims d = kHugeDims[rng() % std::size(kHugeDims)];
      h.width = d.w;
      h.height = d.h;
      h.stripe_rows = std::min(d.h, rng() % 2 ? h.stripe_rows : d.h);
      std::vector<uint8_t> out;
      WriteHeader(h, &out);
      const std::vector<uint8_t> recs = Records(s, 0, s.records.size());
      out.insert(out.end(), recs.begin(), recs.end());
      m.bytes = std::move(out);
      m.kind = "seed-huge";
      m.what = s.name + " as " + std::to_string(d.w) + "x" + std::to_string(d.h) + ", stripe_rows " +
               std::to_string(h.stripe_rows);
      m.forged_crc = true;
      break;
    }
  }
  return m;
}

}  // namespace nlic::stress
