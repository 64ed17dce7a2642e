// Encode -> Decode must give back exactly the image (pixels, shape, palette,
// tRNS, chunks, interlace flag) for real files, every colour type and depth,
// every option; the options must never change the decoded result, and the
// thread count must not even change the bytes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "codec/nlic.h"
#include "tests/codec_test_util.h"

namespace nlic {
namespace {

using testing::EncodeDecode;
using testing::Fill;
using testing::MakeImage;

// Encodes with `eo`, decodes, and checks the result is `img` again.
void ExpectRoundTrip(const Image& img, const EncodeOptions& eo, const std::string& what) {
  Image back;
  Status s = EncodeDecode(img, eo, &back);
  ASSERT_TRUE(s.ok()) << what << ": " << s.ToString();
  std::string why;
  EXPECT_TRUE(SameImage(img, back, &why)) << what << ": " << why;
}

// --- Real files -------------------------------------------------------------

class PngSuiteRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(PngSuiteRoundTrip, IsExactInBothProfiles) {
  Image img;
  Status s = testing::LoadPngImage("pngsuite/" + GetParam(), &img);
  ASSERT_TRUE(s.ok()) << s.ToString();
  for (int effort : {1, 5}) {
    EncodeOptions eo;
    eo.effort = effort;
    ExpectRoundTrip(img, eo, GetParam() + " effort " + std::to_string(effort));
  }
}

INSTANTIATE_TEST_SUITE_P(Valid, PngSuiteRoundTrip,
                         ::testing::ValuesIn(testing::PngNamesIn("pngsuite",
                                                                 [](const std::string& n) { return n[0] != 'x'; })),
                         [](const auto& info) { return testing::ParamName(info.param); });

class TestImageRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(TestImageRoundTrip, IsExactAtEveryEffort) {
  Image img;
  Status s = testing::LoadPngImage(GetParam(), &img);
  ASSERT_TRUE(s.ok()) << s.ToString();
  for (int effort : {1, 5, 9}) {
    EncodeOptions eo;
    eo.effort = effort;
    ExpectRoundTrip(img, eo, GetParam() + " effort " + std::to_string(effort));
  }
}

INSTANTIATE_TEST_SUITE_P(Committed, TestImageRoundTrip,
                         ::testing::ValuesIn(testing::PngNamesIn("", [](const std::string&) { return true; })),
                         [](const auto& info) { return testing::ParamName(info.param); });

TEST(TestImages, AreAllPresent) {
  EXPECT_GE(testing::PngNamesIn("", [](const std::string&) { return true; }).size(), 16u);
}

// --- Synthetic images of every shape ------------------------------------------

// Every profile: 5 stands for the full model, 1 is the fast coder, 9 the
// rich sample model (profile 2).
constexpr int kProfileEfforts[] = {1, 5, 9};

TEST(SyntheticRoundTrip, EveryColourTypeDepthAndContent) {
  const std::pair<uint32_t, uint32_t> kSizes[] = {{1, 1}, {17, 13}, {3, 40}, {64, 2}};
  for (int effort : kProfileEfforts)
    for (const testing::Shape& shape : testing::AllShapes())
      for (Fill fill : {Fill::kRandom, Fill::kConstant, Fill::kGradient, Fill::kZero, Fill::kMax})
        for (auto [w, h] : kSizes) {
          const Image img = MakeImage(w, h, shape.ct, shape.depth, fill, w * 31 + h);
          EncodeOptions eo;
          eo.effort = effort;
          ExpectRoundTrip(img, eo,
                          "effort " + std::to_string(effort) + " type " + std::to_string(int(shape.ct)) + " depth " +
                              std::to_string(shape.depth) + " " + testing::FillName(fill) + " " + std::to_string(w) +
                              "x" + std::to_string(h));
        }
}

// Large residuals at 16 bits reach the longest binarizations (and in
// profile 1 the most raw bits).
TEST(SyntheticRoundTrip, NoisySixteenBit) {
  for (int effort : kProfileEfforts)
    for (ColorType ct : {ColorType::kGray, ColorType::kGrayAlpha, ColorType::kRGB, ColorType::kRGBA})
      for (uint32_t seed = 0; seed < 3; ++seed) {
        EncodeOptions eo;
        eo.effort = effort;
        ExpectRoundTrip(MakeImage(48, 32, ct, 16, Fill::kRandom, seed), eo, "16-bit noise " + std::to_string(int(ct)));
      }
}

TEST(SyntheticRoundTrip, PaletteSizesFromOneTo256) {
  for (int depth : {1, 2, 4, 8})
    for (uint32_t entries : {1u, 2u, 3u, 5u, 15u, 16u, 17u, 100u, 255u, 256u}) {
      if (entries > (1u << depth)) continue;
      for (Fill fill : {Fill::kRandom, Fill::kGradient, Fill::kMax}) {
        const Image img = MakeImage(23, 9, ColorType::kPalette, depth, fill, entries, entries);
        ExpectRoundTrip(img, {}, "palette depth " + std::to_string(depth) + " entries " + std::to_string(entries));
      }
    }
}

// Palette images have their own coder in profile 0 (spec/palette.md): its
// candidate guesses, its escape tree over all 256 indices (each index used,
// runs and noise mixed so both paths are taken) and a one-entry palette,
// whose indices cost no decisions at all, at every effort.
TEST(SyntheticRoundTrip, PaletteIndicesOverTheFullRangeAndASingleEntry) {
  Image full = MakeImage(97, 41, ColorType::kPalette, 8, Fill::kRandom, 7, 256);
  for (uint32_t i = 0; i < full.samples.size(); ++i) {
    if (i % 5 == 1) full.samples[i] = full.samples[i - 1];  // runs: W hits
    if (i < 256) full.samples[i] = uint16_t(255 - i);        // every index, 255 first
  }
  Image single = MakeImage(64, 33, ColorType::kPalette, 8, Fill::kZero, 3, 1);
  Image single1 = MakeImage(9, 7, ColorType::kPalette, 1, Fill::kZero, 4, 1);
  for (int effort = 1; effort <= 9; ++effort) {
    EncodeOptions eo;
    eo.effort = effort;
    eo.stripe_rows = 16;
    ExpectRoundTrip(full, eo, "256 indices, effort " + std::to_string(effort));
    ExpectRoundTrip(single, eo, "single entry, effort " + std::to_string(effort));
    ExpectRoundTrip(single1, eo, "single entry at 1 bit, effort " + std::to_string(effort));
  }
  // A one-entry palette costs (nearly) nothing beyond the container.
  std::vector<uint8_t> out;
  ASSERT_TRUE(Encode(single, {}, &out).ok());
  EXPECT_LT(out.size(), 80u);
}

TEST(SyntheticRoundTrip, InterlacedFlagIsKept) {
  for (bool interlaced : {false, true}) {
    Image img = MakeImage(9, 7, ColorType::kRGB, 8, Fill::kGradient, 1);
    img.interlaced = interlaced;
    ExpectRoundTrip(img, {}, interlaced ? "interlaced" : "progressive");
  }
}

TEST(SyntheticRoundTrip, SuggestedPaletteInTruecolourIsKept) {
  for (ColorType ct : {ColorType::kRGB, ColorType::kRGBA})
    for (int depth : {8, 16})
      for (uint32_t entries : {1u, 17u, 256u}) {
        Image img = MakeImage(8, 8, ct, depth, Fill::kRandom, entries);
        img.palette = MakeImage(1, 1, ColorType::kPalette, 8, Fill::kZero, entries, entries).palette;
        ExpectRoundTrip(img, {}, "suggested palette");
        EncodeOptions strip;
        strip.strip_metadata = true;  // PLTE is not metadata: kept
        ExpectRoundTrip(img, strip, "suggested palette, stripped");
      }
}

TEST(SyntheticRoundTrip, TransparencyIsKeptEvenWhenStripping) {
  EncodeOptions strip;
  strip.strip_metadata = true;
  Image gray = MakeImage(5, 5, ColorType::kGray, 16, Fill::kRandom, 1);
  gray.trns = {0x12, 0x34};
  Image rgb = MakeImage(5, 5, ColorType::kRGB, 8, Fill::kRandom, 2);
  rgb.trns = {0, 1, 0, 2, 0, 3};
  Image pal = MakeImage(5, 5, ColorType::kPalette, 4, Fill::kRandom, 3);
  pal.trns = {0, 128, 255};
  for (const Image* img : {&gray, &rgb, &pal}) {
    ExpectRoundTrip(*img, {}, "tRNS");
    ExpectRoundTrip(*img, strip, "tRNS, stripped");
  }
}

// Where tRNS sat among the chunks is kept, from before the first chunk to
// after the last; stripping the chunks leaves nothing for it to be among.
TEST(SyntheticRoundTrip, TransparencyPositionAmongChunksIsKept) {
  Image img;
  ASSERT_TRUE(testing::LoadPngImage("metadata_kodim23_48x32.png", &img).ok());
  ASSERT_FALSE(img.trns.empty());
  EXPECT_EQ(img.trns_index, 4u);  // after gAMA, cHRM, iCCP, bKGD
  for (uint32_t index = 0; index <= img.chunks.size(); ++index) {
    img.trns_index = index;
    ExpectRoundTrip(img, {}, "trns_index " + std::to_string(index));
  }
  EncodeOptions strip;
  strip.strip_metadata = true;
  Image back;
  ASSERT_TRUE(EncodeDecode(img, strip, &back).ok());
  EXPECT_EQ(back.trns, img.trns);
  EXPECT_EQ(back.trns_index, 0u);
}

// --- Options ----------------------------------------------------------------

TEST(EncodeOptions, EffortOneAndNineRoundTrip) {
  for (const testing::Shape& shape : testing::AllShapes())
    for (int effort : {1, 9}) {
      EncodeOptions eo;
      eo.effort = effort;
      ExpectRoundTrip(MakeImage(20, 20, shape.ct, shape.depth, Fill::kRandom, 5), eo, "effort");
    }
}

TEST(EncodeOptions, ThreadCountNeverChangesTheBytes) {
  Image img;
  ASSERT_TRUE(testing::LoadPngImage("photo_kodim23_192x128.png", &img).ok());
  for (int effort : kProfileEfforts)
  for (uint32_t stripe_rows : {0u, 7u, 16u}) {
    std::vector<std::vector<uint8_t>> files;
    for (int threads : {1, 2, 0}) {
      EncodeOptions eo;
      eo.effort = effort;
      eo.threads = threads;
      eo.stripe_rows = stripe_rows;
      files.emplace_back();
      ASSERT_TRUE(Encode(img, eo, &files.back()).ok());
    }
    EXPECT_EQ(files[0], files[1]) << "stripe_rows " << stripe_rows;
    EXPECT_EQ(files[0], files[2]) << "stripe_rows " << stripe_rows;
    for (int threads : {1, 2, 0}) {
      DecodeOptions dopt;
      dopt.threads = threads;
      Image back;
      ASSERT_TRUE(Decode(files[0].data(), files[0].size(), dopt, &back).ok());
      EXPECT_TRUE(SameImage(img, back)) << "decode threads " << threads;
    }
  }
}

TEST(EncodeOptions, AnyStripeHeightRoundTrips) {
  const Image img = MakeImage(19, 50, ColorType::kRGBA, 8, Fill::kGradient, 9);
  // 0 = automatic, which for a small image is one stripe of the whole height.
  for (int effort : kProfileEfforts)
  for (uint32_t rows : {0u, 1u, 7u, 16u, 49u, 50u, 51u, 1000u}) {
    EncodeOptions eo;
    eo.effort = effort;
    eo.stripe_rows = rows;
    std::vector<uint8_t> bytes;
    Image back;
    Status s = EncodeDecode(img, eo, &back, &bytes);
    ASSERT_TRUE(s.ok()) << rows << ": " << s.ToString();
    EXPECT_TRUE(SameImage(img, back)) << "stripe_rows " << rows;
    FileInfo info;
    ASSERT_TRUE(ReadInfo(bytes.data(), bytes.size(), &info).ok());
    const uint32_t expected_rows = rows == 0 || rows > 50 ? 50 : rows;
    EXPECT_EQ(info.stripe_rows, expected_rows) << rows;
    EXPECT_EQ(info.tile_count, (50 + expected_rows - 1) / expected_rows) << rows;
  }
}

// Metadata survives by default, goes with strip_metadata; pixels-related
// PLTE and tRNS stay either way.
TEST(EncodeOptions, StripMetadataDropsOnlyAncillaryChunks) {
  Image img;
  ASSERT_TRUE(testing::LoadPngImage("metadata_kodim23_48x32.png", &img).ok());
  ASSERT_GE(img.chunks.size(), 10u);
  ASSERT_FALSE(img.trns.empty());
  ExpectRoundTrip(img, {}, "metadata kept");

  EncodeOptions strip;
  strip.strip_metadata = true;
  Image back;
  std::vector<uint8_t> bytes;
  ASSERT_TRUE(EncodeDecode(img, strip, &back, &bytes).ok());
  EXPECT_TRUE(back.chunks.empty());
  EXPECT_EQ(back.palette, img.palette);
  EXPECT_EQ(back.trns, img.trns);
  EXPECT_EQ(back.samples, img.samples);
  FileInfo info;
  ASSERT_TRUE(ReadInfo(bytes.data(), bytes.size(), &info).ok());
  EXPECT_EQ(info.chunk_count, 0u);
  EXPECT_TRUE(info.has_trns);

  Image pal;
  ASSERT_TRUE(testing::LoadPngImage("palette_trns_kodim23_96x64.png", &pal).ok());
  ASSERT_FALSE(pal.trns.empty());
  ExpectRoundTrip(pal, strip, "palette + tRNS, stripped");
}

TEST(EncodeOptions, ReadInfoDescribesTheFile) {
  Image img;
  ASSERT_TRUE(testing::LoadPngImage("metadata_kodim23_48x32.png", &img).ok());
  std::vector<uint8_t> bytes;
  ASSERT_TRUE(Encode(img, {}, &bytes).ok());
  FileInfo info;
  ASSERT_TRUE(ReadInfo(bytes.data(), bytes.size(), &info).ok());
  EXPECT_EQ(info.width, img.width);
  EXPECT_EQ(info.height, img.height);
  EXPECT_EQ(info.color_type, img.color_type);
  EXPECT_EQ(info.bit_depth, img.bit_depth);
  EXPECT_EQ(info.palette_entries, img.palette.size() / 3);
  ASSERT_EQ(info.chunk_types.size(), img.chunks.size());
  for (size_t i = 0; i < img.chunks.size(); ++i) EXPECT_EQ(info.chunk_types[i], img.chunks[i].TypeString());
  // One stripe: header, payload length varint, pixel CRC, payload.
  ASSERT_EQ(info.tile_count, 1u);
  const uint64_t varint_bytes = info.payload_bytes < 128 ? 1 : info.payload_bytes < 16384 ? 2 : 3;
  EXPECT_EQ(info.header_bytes + varint_bytes + 4 + info.payload_bytes, bytes.size());
  EXPECT_TRUE(LooksLikeNlic(bytes.data(), bytes.size()));
}

// --- Invalid input ------------------------------------------------------------

TEST(EncodeRejects, InvalidImagesAndOptions) {
  const Image good = MakeImage(4, 3, ColorType::kRGB, 8, Fill::kRandom, 1);
  const Image good_palette = MakeImage(4, 3, ColorType::kPalette, 2, Fill::kRandom, 1, 4);
  struct Case {
    const char* what;
    Image img;
    EncodeOptions eo;
  };
  std::vector<Case> cases;
  auto add = [&](const char* what, const Image& base, auto mutate, EncodeOptions eo = {}) {
    Image img = base;
    mutate(img);
    cases.push_back({what, std::move(img), eo});
  };
  add("sample above max", good, [](Image& i) { i.samples[5] = 256; });
  add("16-bit-sized sample in 1-bit image", MakeImage(3, 3, ColorType::kGray, 1, Fill::kZero, 1),
      [](Image& i) { i.samples[0] = 2; });
  add("too few samples", good, [](Image& i) { i.samples.pop_back(); });
  add("too many samples", good, [](Image& i) { i.samples.push_back(0); });
  add("zero width", good, [](Image& i) { i.width = 0; i.samples.clear(); });
  add("zero height", good, [](Image& i) { i.height = 0; i.samples.clear(); });
  add("palette on gray", MakeImage(2, 2, ColorType::kGray, 8, Fill::kZero, 1), [](Image& i) { i.palette = {1, 2, 3}; });
  add("palette on gray+alpha", MakeImage(2, 2, ColorType::kGrayAlpha, 8, Fill::kZero, 1),
      [](Image& i) { i.palette = {1, 2, 3}; });
  add("palette image without palette", good_palette, [](Image& i) { i.palette.clear(); });
  add("palette larger than 2^depth", good_palette, [](Image& i) { i.palette.resize(5 * 3); });
  add("palette not a multiple of 3", good_palette, [](Image& i) { i.palette.pop_back(); });
  add("suggested palette of 257 entries", good, [](Image& i) { i.palette.assign(257 * 3, 0); });
  add("RGB at 4 bits", good, [](Image& i) { i.bit_depth = 4; });
  add("gray at 3 bits", MakeImage(2, 2, ColorType::kGray, 2, Fill::kZero, 1), [](Image& i) { i.bit_depth = 3; });
  add("colour type 5", good, [](Image& i) { i.color_type = ColorType(5); });
  add("chunk type with a digit", good, [](Image& i) {
    Chunk c;
    c.type = {'t', 'E', 'X', '1'};
    i.chunks.push_back(c);
  });
  add("tRNS placed past the last chunk", good, [](Image& i) {
    i.trns = {0, 1, 0, 2, 0, 3};
    i.trns_index = 1;
  });
  EncodeOptions eo;
  eo.effort = 0;
  add("effort 0", good, [](Image&) {}, eo);
  eo.effort = 10;
  add("effort 10", good, [](Image&) {}, eo);

  for (const Case& c : cases) {
    std::vector<uint8_t> out;
    Status s = Encode(c.img, c.eo, &out);
    EXPECT_FALSE(s.ok()) << c.what;
    EXPECT_FALSE(s.message().empty()) << c.what;
  }
}

// PNG forbids both: palette indices past the last entry, and tRNS of the
// wrong size for the colour type.
TEST(EncodeRejects, IndexPastPaletteAndMisshapenTransparency) {
  std::vector<uint8_t> out;
  Image pal = MakeImage(2, 1, ColorType::kPalette, 8, Fill::kZero, 1, 1);
  pal.samples[1] = 200;
  EXPECT_FALSE(Encode(pal, {}, &out).ok()) << "index 200 in a 1-entry palette";
  Image rgba = MakeImage(1, 1, ColorType::kRGBA, 8, Fill::kZero, 1);
  rgba.trns = {0, 1};
  EXPECT_FALSE(Encode(rgba, {}, &out).ok()) << "tRNS in RGBA";
  Image gray = MakeImage(1, 1, ColorType::kGray, 8, Fill::kZero, 1);
  gray.trns = {0, 1, 2};
  EXPECT_FALSE(Encode(gray, {}, &out).ok()) << "3-byte tRNS in gray";
}

}  // namespace
}  // namespace nlic
