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
  Image photo;
  ASSERT_TRUE(testing::LoadPngImage("patch_gray_kodim23_32x64.png", &photo).ok());
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
      EXPECT_FALSE(st.ok());
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

// A header with the given fields and raw colour-table bytes after them
// (flag bit 4 set), its CRC recomputed: what a forger could write.
std::vector<uint8_t> ForgedHeader(Header h, const std::vector<uint8_t>& table_bytes) {
  h.color_table.clear();
  std::vector<uint8_t> out;
  WriteHeader(h, &out);
  out.resize(out.size() - 4);  // the CRC
  out[7] |= 0x10;
  // The table goes after the palette, before tRNS and chunks: none here.
  out.insert(out.end(), table_bytes.begin(), table_bytes.end());
  const uint32_t crc = uint32_t(crc32(0, out.data(), uInt(out.size())));
  ByteWriter(&out).U32LE(crc);
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
  ASSERT_TRUE(ReadForged(ForgedHeader(base, {2, 1, 2, 3, 4, 5, 6}), &got).ok());
  EXPECT_EQ(got.color_table, (std::vector<uint16_t>{1, 2, 3, 4, 5, 6}));

  EXPECT_EQ(ReadForged(ForgedHeader(base, {0}), &got).code(), StatusCode::kCorruptInput);  // no entries
  std::vector<uint8_t> too_many = {0x81, 0x02};                                            // 257
  too_many.resize(too_many.size() + 257 * 3, 7);
  EXPECT_EQ(ReadForged(ForgedHeader(base, too_many), &got).code(), StatusCode::kCorruptInput);
  EXPECT_EQ(ReadForged(ForgedHeader(base, {2, 1, 2, 3}), &got).code(), StatusCode::kCorruptInput);  // truncated

  Header gray2 = base;
  gray2.color_type = ColorType::kGray;
  gray2.bit_depth = 2;
  EXPECT_TRUE(ReadForged(ForgedHeader(gray2, {2, 0, 3}), &got).ok());
  EXPECT_EQ(ReadForged(ForgedHeader(gray2, {2, 0, 4}), &got).code(), StatusCode::kCorruptInput);  // beyond depth

  Header deep = base;
  deep.bit_depth = 16;
  ASSERT_TRUE(ReadForged(ForgedHeader(deep, {1, 0x34, 0x12, 0xFF, 0xFF, 0, 0}), &got).ok());
  EXPECT_EQ(got.color_table, (std::vector<uint16_t>{0x1234, 0xFFFF, 0}));

  Header palette = base;
  palette.color_type = ColorType::kPalette;
  palette.palette = {1, 2, 3};
  EXPECT_EQ(ReadForged(ForgedHeader(palette, {1, 0}), &got).code(), StatusCode::kCorruptInput);
  Header fast = base;
  fast.profile = 1;
  EXPECT_EQ(ReadForged(ForgedHeader(fast, {1, 1, 2, 3}), &got).code(), StatusCode::kCorruptInput);
  Header neural = base;
  neural.predictor = PredictorKind::kNeural;
  EXPECT_EQ(ReadForged(ForgedHeader(neural, {1, 1, 2, 3}), &got).code(), StatusCode::kCorruptInput);
}

TEST(ColorIndex, SurveyGivesUpPastTwoHundredFiftySixAndKeepsFirstOccurrenceOrder) {
  ColorCounter colors(2);
  const uint16_t px[] = {5, 6, 1, 2, 5, 6, 3, 4};
  colors.Add(px, 4);
  ASSERT_TRUE(colors.fits());
  EXPECT_EQ(colors.Table(), (std::vector<uint16_t>{5, 6, 1, 2, 3, 4}));
  std::vector<uint16_t> many;
  for (uint16_t k = 0; k < 257; ++k) many.insert(many.end(), {k, 0});
  colors.Add(many.data(), 257);
  EXPECT_FALSE(colors.fits());
}

}  // namespace
}  // namespace nlic
