// Colour indexing (codec/color_index.h, spec/format.md section 10): few-colour
// images of every non-palette shape come back exact and are coded as
// colour-table indices (at effort 1 too); 257 colours and a forced predictor
// are not; the streaming encoder writes the same bytes; a damaged stripe
// salvages to zeros; and the header's colour table is validated.
#include <gtest/gtest.h>

#include <zlib.h>

#include <algorithm>
#include <random>
#include <vector>

#include "codec/byte_io.h"
#include "codec/color_index.h"
#include "codec/color_table_coder.h"
#include "codec/header.h"
#include "codec/nlic.h"
#include "codec/resource_limits.h"
#include "tests/codec_test_util.h"

namespace nlic {
namespace {

// Flag bit 4 of the header (the byte after the magic and the version).
bool HasColorTable(const std::vector<uint8_t>& file) { return file.size() > 7 && (file[7] & 0x10); }

// `colors` random pixel values of `ct` at `depth`, laid out in 4x4 blocks
// chosen at random: a predictor sees edges everywhere, the palette coder
// repeats. Every colour occurs when there are at least `colors` blocks.
Image FewColors(uint32_t w, uint32_t h, ColorType ct, int depth, uint32_t colors, uint32_t seed) {
  Image img;
  img.width = w;
  img.height = h;
  img.color_type = ct;
  img.bit_depth = uint8_t(depth);
  const int c = img.channels();
  std::mt19937 rng(seed);
  // Distinct values: colour k spelled in base (max + 1) over the channels,
  // each digit scrambled by a bijection (an odd multiplier and an offset) so
  // that consecutive colours differ a lot.
  const uint32_t range = uint32_t(img.max_value()) + 1;
  std::vector<uint16_t> table(size_t(colors) * c);
  for (uint32_t k = 0; k < colors; ++k) {
    uint64_t v = k;
    for (int ch = 0; ch < c; ++ch) {
      table[k * c + ch] = uint16_t((v % range * 97 + 13 * uint64_t(ch)) % range);
      v /= range;
    }
  }
  img.samples.resize(size_t(w) * h * c);
  const uint32_t bw = (w + 3) / 4;
  std::vector<uint32_t> block(size_t(bw) * ((h + 3) / 4));
  for (size_t i = 0; i < block.size(); ++i) block[i] = i < colors ? uint32_t(i) : rng() % colors;
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) {
      const uint32_t k = block[(y / 4) * bw + x / 4];
      for (int ch = 0; ch < c; ++ch) img.samples[(size_t(y) * w + x) * c + ch] = table[k * c + ch];
    }
  return img;
}

size_t CountColors(const Image& img) {
  const int c = img.channels();
  std::vector<std::vector<uint16_t>> seen;
  for (size_t i = 0; i < img.samples.size(); i += c) {
    std::vector<uint16_t> px(img.samples.begin() + i, img.samples.begin() + i + c);
    bool found = false;
    for (const auto& s : seen) found |= s == px;
    if (!found) seen.push_back(px);
    if (seen.size() > 300) break;
  }
  return seen.size();
}

struct Shape {
  ColorType ct;
  int depth;
};

TEST(ColorIndex, FewColourImagesOfEveryShapeRoundTripAsIndices) {
  for (Shape s : {Shape{ColorType::kGray, 8}, Shape{ColorType::kGray, 16}, Shape{ColorType::kGrayAlpha, 8},
                  Shape{ColorType::kGrayAlpha, 16}, Shape{ColorType::kRGB, 8}, Shape{ColorType::kRGB, 16},
                  Shape{ColorType::kRGBA, 8}, Shape{ColorType::kRGBA, 16}})
    for (int effort : {2, 5}) {
      const Image img = FewColors(64, 48, s.ct, s.depth, 12, 5);
      EncodeOptions eo;
      eo.effort = effort;
      Image back;
      std::vector<uint8_t> bytes;
      const Status st = testing::EncodeDecode(img, eo, &back, &bytes);
      ASSERT_TRUE(st.ok()) << st.ToString();
      EXPECT_TRUE(SameImage(img, back)) << int(s.ct) << "/" << s.depth;
      EXPECT_TRUE(HasColorTable(bytes)) << int(s.ct) << "/" << s.depth << " e" << effort;
      FileInfo info;
      ASSERT_TRUE(ReadInfo(bytes.data(), bytes.size(), &info).ok());
      EXPECT_EQ(info.predictor, PredictorKind::kClassical);  // the file needs no model
    }
}

TEST(ColorIndex, ExactlyTwoHundredFiftySixColoursAreIndexedAndMoreAreNot) {
  for (uint32_t colors : {256u, 257u}) {
    const Image img = FewColors(128, 64, ColorType::kRGBA, 8, colors, 9);  // 512 blocks
    ASSERT_EQ(CountColors(img), colors);
    Image back;
    std::vector<uint8_t> bytes;
    ASSERT_TRUE(testing::EncodeDecode(img, {}, &back, &bytes).ok());
    EXPECT_TRUE(SameImage(img, back));
    EXPECT_EQ(HasColorTable(bytes), colors == 256) << colors;
  }
}

// All-ones 16-bit RGBA fills every bit of the encoder's lookup key: it must
// still find its entry (fuzz_roundtrip found it did not).
TEST(ColorIndex, WhitestSixteenBitPixelFirst) {
  Image img = FewColors(64, 64, ColorType::kRGBA, 16, 5, 1);
  for (size_t i = 0; i < 4 * 40; ++i) img.samples[i] = 0xFFFF;
  Image back;
  std::vector<uint8_t> bytes;
  const Status s = testing::EncodeDecode(img, {}, &back, &bytes);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(HasColorTable(bytes));
  EXPECT_TRUE(SameImage(img, back));
}

TEST(ColorIndex, OnePixelAndOneColour) {
  for (Shape s : {Shape{ColorType::kGray, 8}, Shape{ColorType::kRGBA, 16}}) {
    for (auto [w, h] : {std::pair<uint32_t, uint32_t>{1, 1}, {40, 30}}) {
      const Image img = FewColors(w, h, s.ct, s.depth, 1, 3);
      Image back;
      std::vector<uint8_t> bytes;
      ASSERT_TRUE(testing::EncodeDecode(img, {}, &back, &bytes).ok());
      EXPECT_TRUE(SameImage(img, back)) << w << "x" << h;
    }
  }
}

TEST(ColorIndex, NotWithAForcedPredictorNorForPalettes) {
  const Image img = FewColors(64, 48, ColorType::kRGB, 8, 12, 5);
  for (PredictorChoice p : {PredictorChoice::kClassical, PredictorChoice::kNeural}) {
    EncodeOptions eo;
    eo.predictor = p;
    Image back;
    std::vector<uint8_t> bytes;
    ASSERT_TRUE(testing::EncodeDecode(img, eo, &back, &bytes).ok());
    EXPECT_TRUE(SameImage(img, back));
    EXPECT_FALSE(HasColorTable(bytes)) << int(p);
  }
  const Image palette = testing::MakeImage(32, 32, ColorType::kPalette, 8, testing::Fill::kRandom, 4, 20);
  std::vector<uint8_t> bytes;
  ASSERT_TRUE(Encode(palette, {}, &bytes).ok());
  EXPECT_FALSE(HasColorTable(bytes));
}

// Effort 1 indexes too, through profile 0's palette coder; what stays
// unindexed keeps profile 1.
TEST(ColorIndex, EffortOneIndexesWithProfileZero) {
  EncodeOptions eo;
  eo.effort = 1;
  const Image img = FewColors(64, 48, ColorType::kRGBA, 8, 12, 5);
  Image back;
  std::vector<uint8_t> bytes;
  ASSERT_TRUE(testing::EncodeDecode(img, eo, &back, &bytes).ok());
  EXPECT_TRUE(SameImage(img, back));
  EXPECT_TRUE(HasColorTable(bytes));
  ByteReader in(bytes.data(), bytes.size());
  Header h;
  ASSERT_TRUE(ReadHeader(&in, kMaxPixels, &h).ok());
  EXPECT_EQ(h.profile, 0);
  Image photo;  // more than 256 colours
  ASSERT_TRUE(testing::LoadPngImage("photo_kodim23_192x128.png", &photo).ok());
  ASSERT_TRUE(Encode(photo, eo, &bytes).ok());
  EXPECT_FALSE(HasColorTable(bytes));
  ByteReader in2(bytes.data(), bytes.size());
  ASSERT_TRUE(ReadHeader(&in2, kMaxPixels, &h).ok());
  EXPECT_EQ(h.profile, 1);
}

TEST(ColorIndex, PhotographicGrayStaysWithThePredictor) {
  // 8-bit gray always has at most 256 values; the trial must still find
  // that a photo codes smaller through the predictor.
  Image img;
  ASSERT_TRUE(testing::LoadPngImage("patch_gray_kodim23_32x64.png", &img).ok());
  std::vector<uint8_t> bytes;
  ASSERT_TRUE(Encode(img, {}, &bytes).ok());
  EXPECT_FALSE(HasColorTable(bytes));
}

TEST(ColorIndex, StreamingWritesTheSameBytes) {
  for (Shape s : {Shape{ColorType::kRGBA, 8}, Shape{ColorType::kGray, 16}}) {
    const Image img = FewColors(50, 300, s.ct, s.depth, 30, 8);
    for (uint32_t stripe_rows : {0u, 16u}) {
      EncodeOptions eo;
      eo.stripe_rows = stripe_rows;
      eo.threads = 2;
      std::vector<uint8_t> whole;
      ASSERT_TRUE(Encode(img, eo, &whole).ok());
      ASSERT_TRUE(HasColorTable(whole));
      Image meta = img;
      meta.samples.clear();
      size_t next = 0, prescanned = 0;
      auto rows_of = [&img](size_t* pos) {
        return [&img, pos](uint16_t* rows, uint32_t count) {
          const size_t n = size_t(count) * img.width * img.channels();
          if (*pos + n > img.samples.size()) return InvalidArgument("past the bottom");
          std::copy_n(img.samples.data() + *pos, n, rows);
          *pos += n;
          return Status::Ok();
        };
      };
      std::vector<uint8_t> streamed;
      const ByteSink sink = [&](const uint8_t* p, size_t n) {
        streamed.insert(streamed.end(), p, p + n);
        return Status::Ok();
      };
      ASSERT_TRUE(EncodeStream(meta, eo, rows_of(&next), sink, rows_of(&prescanned)).ok());
      EXPECT_EQ(streamed, whole);
      // Rows that differ from the pre-scan (a file changed between reads) fail.
      Image other = img;
      other.samples[other.samples.size() / 2] ^= 1;
      Image other_meta = meta;
      next = prescanned = 0;
      streamed.clear();
      auto changed = [&other, &next](uint16_t* rows, uint32_t count) {
        const size_t n = size_t(count) * other.width * other.channels();
        std::copy_n(other.samples.data() + next, n, rows);
        next += n;
        return Status::Ok();
      };
      const Status st = EncodeStream(other_meta, eo, changed, sink, rows_of(&prescanned));
      EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
      // A sample beyond the depth in the pre-scan fails before any coding.
      next = prescanned = 0;
      size_t bad = 0;
      auto beyond = [&img, &bad](uint16_t* rows, uint32_t count) {
        const size_t n = size_t(count) * img.width * img.channels();
        std::copy_n(img.samples.data() + bad, n, rows);
        if (bad == 0) rows[0] = uint16_t(img.max_value() + 1);
        bad += n;
        return Status::Ok();
      };
      if (img.bit_depth < 16) {
        EXPECT_EQ(EncodeStream(meta, eo, rows_of(&next), sink, beyond).code(), StatusCode::kInvalidArgument);
      }
    }
  }
}

TEST(ColorIndex, DamagedStripeSalvagesToZeros) {
  const Image img = FewColors(40, 48, ColorType::kRGB, 8, 7, 2);
  EncodeOptions eo;
  eo.stripe_rows = 16;
  std::vector<uint8_t> bytes;
  ASSERT_TRUE(Encode(img, eo, &bytes).ok());
  ASSERT_TRUE(HasColorTable(bytes));
  bytes[bytes.size() - 3] ^= 0x5A;  // inside the last stripe's payload
  Image out;
  std::vector<DamagedStripe> damaged;
  ASSERT_TRUE(DecodeSalvage(bytes.data(), bytes.size(), {}, &out, &damaged).ok());
  ASSERT_EQ(damaged.size(), 1u);
  EXPECT_EQ(damaged[0].index, 2u);
  const size_t stripe = size_t(16) * 40 * 3;
  for (size_t i = 0; i < out.samples.size(); ++i)
    ASSERT_EQ(out.samples[i], i < 2 * stripe ? img.samples[i] : 0) << i;
  Image strict;
  EXPECT_FALSE(Decode(bytes.data(), bytes.size(), {}, &strict).ok());
}

// A header with the given fields and `table_fields` after them (flag bit 4
// set), its CRC recomputed: what a forger could write.
std::vector<uint8_t> ForgedHeader(Header h, const std::vector<uint8_t>& table_fields) {
  h.color_table.clear();
  std::vector<uint8_t> out;
  WriteHeader(h, &out);
  out.resize(out.size() - 4);  // the CRC
  out[7] |= 0x10;
  // The table goes after the palette, before tRNS and chunks: none here.
  out.insert(out.end(), table_fields.begin(), table_fields.end());
  const uint32_t crc = uint32_t(crc32(0, out.data(), uInt(out.size())));
  ByteWriter(&out).U32LE(crc);
  return out;
}

// color_table_entries, color_table_bytes and the packed table of `table`.
std::vector<uint8_t> TableFields(const std::vector<uint16_t>& table, int channels, int depth) {
  const std::vector<uint8_t> packed = PackColorTable(table, channels, depth);
  std::vector<uint8_t> out;
  ByteWriter w(&out);
  w.Varint(table.size() / size_t(channels));
  w.Varint(packed.size());
  w.Bytes(packed.data(), packed.size());
  return out;
}

Status ReadForged(const std::vector<uint8_t>& bytes, Header* h) {
  ByteReader in(bytes.data(), bytes.size());
  return ReadHeader(&in, kMaxPixels, h);
}

TEST(ColorIndex, HeaderRejectsBadTables) {
  Header base;
  base.width = 4;
  base.height = 4;
  base.color_type = ColorType::kRGB;
  base.bit_depth = 8;
  base.model_id = 1;
  base.stripe_rows = 4;
  Header got;
  // A good one first, so the forging itself is known to work.
  const std::vector<uint16_t> good = {1, 2, 3, 4, 5, 6, 4, 5, 7, 250, 0, 255};
  ASSERT_TRUE(ReadForged(ForgedHeader(base, TableFields(good, 3, 8)), &got).ok());
  EXPECT_EQ(got.color_table, good);

  EXPECT_EQ(ReadForged(ForgedHeader(base, {0, 1, 0}), &got).code(), StatusCode::kCorruptInput);  // no entries
  EXPECT_EQ(ReadForged(ForgedHeader(base, {0x81, 0x02, 1, 0}), &got).code(), StatusCode::kCorruptInput);  // 257
  EXPECT_EQ(ReadForged(ForgedHeader(base, {2, 0}), &got).code(), StatusCode::kCorruptInput);  // no bytes
  std::vector<uint8_t> truncated = TableFields(good, 3, 8);
  truncated[1] += 10;  // claims more bytes than follow
  EXPECT_EQ(ReadForged(ForgedHeader(base, truncated), &got).code(), StatusCode::kCorruptInput);
  // Out of order, or twice the same colour.
  EXPECT_EQ(ReadForged(ForgedHeader(base, TableFields({4, 5, 6, 1, 2, 3}, 3, 8)), &got).code(),
            StatusCode::kCorruptInput);
  EXPECT_EQ(ReadForged(ForgedHeader(base, TableFields({1, 2, 3, 1, 2, 3}, 3, 8)), &got).code(),
            StatusCode::kCorruptInput);
  // The same table with a byte more: not its canonical packing.
  std::vector<uint8_t> longer = TableFields(good, 3, 8);
  longer[1] += 1;
  longer.push_back(0);
  EXPECT_EQ(ReadForged(ForgedHeader(base, longer), &got).code(), StatusCode::kCorruptInput);
  // 256 entries from one byte: the decoder runs past it.
  EXPECT_EQ(ReadForged(ForgedHeader(base, {0x80, 0x02, 1, 0xFF}), &got).code(), StatusCode::kCorruptInput);

  // Samples are differences modulo 2^depth, so no entry can leave the
  // depth, whatever the bytes say.
  Header gray2 = base;
  gray2.color_type = ColorType::kGray;
  gray2.bit_depth = 2;
  ASSERT_TRUE(ReadForged(ForgedHeader(gray2, TableFields({0, 3}, 1, 2)), &got).ok());
  EXPECT_EQ(got.color_table, (std::vector<uint16_t>{0, 3}));
  for (uint8_t junk = 0; junk < 255; ++junk) {
    if (!ReadForged(ForgedHeader(gray2, {4, 2, junk, uint8_t(junk * 7)}), &got).ok()) continue;
    for (uint16_t v : got.color_table) EXPECT_LT(v, 4) << int(junk);
  }

  Header deep = base;
  deep.bit_depth = 16;
  const std::vector<uint16_t> wide = {0x1234, 0xFFFF, 0, 0x1234, 0xFFFF, 1, 0xFFFF, 0, 0x8000};
  ASSERT_TRUE(ReadForged(ForgedHeader(deep, TableFields(wide, 3, 16)), &got).ok());
  EXPECT_EQ(got.color_table, wide);

  Header palette = base;
  palette.color_type = ColorType::kPalette;
  palette.palette = {1, 2, 3};
  EXPECT_EQ(ReadForged(ForgedHeader(palette, TableFields({0}, 1, 8)), &got).code(), StatusCode::kCorruptInput);
  Header fast = base;
  fast.profile = 1;
  EXPECT_EQ(ReadForged(ForgedHeader(fast, TableFields(good, 3, 8)), &got).code(), StatusCode::kCorruptInput);
  Header neural = base;
  neural.predictor = PredictorKind::kNeural;
  EXPECT_EQ(ReadForged(ForgedHeader(neural, TableFields(good, 3, 8)), &got).code(), StatusCode::kCorruptInput);
}

TEST(ColorIndex, SurveyGivesUpPastTwoHundredFiftySixAndSortsTheTable) {
  ColorCounter colors(2);
  const uint16_t px[] = {5, 6, 1, 2, 5, 6, 3, 4, 1, 3};
  colors.Add(px, 5);
  ASSERT_TRUE(colors.fits());
  EXPECT_EQ(colors.Table(), (std::vector<uint16_t>{1, 2, 1, 3, 3, 4, 5, 6}));
  std::vector<uint16_t> many;
  for (uint16_t k = 0; k < 257; ++k) many.insert(many.end(), {k, 0});
  colors.Add(many.data(), 257);
  EXPECT_FALSE(colors.fits());
}

}  // namespace
}  // namespace nlic
