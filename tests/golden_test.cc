// Golden files freeze the bitstream: testimages/golden/NAME.nlic must decode
// to its source PNG, and encoding that PNG again must give the very same
// bytes. A failure here means the format changed; if that was deliberate,
// bump kFormatVersion and regenerate with
//   NLIC_UPDATE_GOLDEN=1 nlic_tests --gtest_filter='Golden*'
// (see testimages/README.md).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "codec/header.h"
#include "codec/nlic.h"
#include "tests/codec_test_util.h"

namespace nlic {
namespace {

struct Golden {
  const char* name;    // testimages/golden/<name>.nlic
  const char* source;  // testimages/<source>
  uint32_t stripe_rows;  // 0 = the default (automatic)
  int effort = 3;        // 1 = profile 1, the fast coder; 3 = profile 0, classical;
                         // 2 = the same without the LMS refiner (model_id 2);
                         // 5 = profile 0, neural (8/16-bit non-palette, spec/neural.md),
                         //     the match model tried on every stripe;
                         // 7 = profile 2, the rich sample model (spec/model.md 4.9)
  // kNeural keeps a few-colour image on the network instead of letting the
  // encoder colour-index it (spec/format.md 10).
  PredictorChoice predictor = PredictorChoice::kByEffort;
};

// One per feature the format must carry: sub-byte gray, palette + tRNS, RGB,
// RGBA, 16-bit, the smallest image, every kind of metadata, the interlace
// flag, and several stripes; then the same shapes again in profile 1; then
// the neural predictor on small images (the Python reference decoder is slow);
// then colour indexing.
constexpr Golden kGoldens[] = {
    {"gray1_kodim23_dither_128x96", "gray1_kodim23_dither_128x96.png", 0},
    {"palette_trns_kodim23_96x64", "palette_trns_kodim23_96x64.png", 0},
    {"photo_kodim23_192x128", "photo_kodim23_192x128.png", 0},
    {"rgba_tango_icon_128", "rgba_tango_icon_128.png", 0},
    {"rgb16_kodim23_96x64", "rgb16_kodim23_96x64.png", 0},
    {"tiny_rgba_1x1", "tiny_rgba_1x1.png", 0},
    {"metadata_kodim23_48x32", "metadata_kodim23_48x32.png", 0},
    {"interlaced_kodim23_64x48", "interlaced_kodim23_64x48.png", 0},
    {"gray16_kodim23_64x48_stripes16", "gray16_kodim23_64x48.png", 16},
    // Profile 1 (effort 1) on every channel count and on 1, 8 and 16 bits.
    {"gray1_kodim23_dither_128x96_e1", "gray1_kodim23_dither_128x96.png", 0, 1},
    {"palette_trns_kodim23_96x64_e1", "palette_trns_kodim23_96x64.png", 0, 1},
    {"graya8_tango_icon_128_e1", "graya8_tango_icon_128.png", 0, 1},
    {"photo_kodim23_192x128_e1", "photo_kodim23_192x128.png", 0, 1},
    {"rgba_tango_icon_128_e1", "rgba_tango_icon_128.png", 0, 1},
    {"rgb16_kodim23_96x64_e1", "rgb16_kodim23_96x64.png", 0, 1},
    {"gray16_kodim23_64x48_stripes16_e1", "gray16_kodim23_64x48.png", 16, 1},
    // Neural predictor (effort 5): sets 0, 1, 2 (RGB); RGBA and gray+alpha,
    // whose alpha stays classical; 16-bit gray over several stripes.
    {"photo_kodim23_32x24_e5", "photo_kodim23_32x24.png", 0, 5},
    {"rgba_tango_tabs_32x32_e5", "rgba_tango_tabs_32x32.png", 0, 5, PredictorChoice::kNeural},
    {"graya8_tango_tabs_24x24_e5", "graya8_tango_tabs_24x24.png", 0, 5, PredictorChoice::kNeural},
    {"gray16_kodim23_64x48_stripes16_e5", "gray16_kodim23_64x48.png", 16, 5},
    // The refiner bit (format 7, spec/neural.md 7.2): stripes long enough to
    // carry it, the photo keeping the refiner (bit 1), the icon turning it off (bit 0).
    {"photo_kodim23_192x128_e5", "photo_kodim23_192x128.png", 0, 5},
    {"graya8_tango_icon_128_e5", "graya8_tango_icon_128.png", 0, 5, PredictorChoice::kNeural},
    // Profile 2, the rich sample model (effort 7): every coding position
    // (RGB, RGBA, gray+alpha), 16-bit over stripes, and the classical
    // predictor (1-bit gray never uses the network).
    {"photo_kodim23_32x24_e7", "photo_kodim23_32x24.png", 0, 7},
    {"rgba_tango_tabs_32x32_e7", "rgba_tango_tabs_32x32.png", 0, 7, PredictorChoice::kNeural},
    {"graya8_tango_tabs_24x24_e7", "graya8_tango_tabs_24x24.png", 0, 7, PredictorChoice::kNeural},
    {"gray16_kodim23_64x48_stripes16_e7", "gray16_kodim23_64x48.png", 16, 7},
    {"gray1_kodim23_dither_128x96_e7", "gray1_kodim23_dither_128x96.png", 0, 7},
    // The classical predictor without its LMS refiner (effort 2, model_id 2),
    // and with the rich sample model on a photo.
    {"photo_kodim23_32x24_e2", "photo_kodim23_32x24.png", 0, 2},
    {"rgba_tango_tabs_32x32_e2", "rgba_tango_tabs_32x32.png", 0, 2, PredictorChoice::kClassical},
    {"photo_kodim23_32x24_e7_classical", "photo_kodim23_32x24.png", 0, 7, PredictorChoice::kClassical},
    // Colour indexing (format 3): a few-colour RGB screenshot coded as
    // colour-table indices, in one stripe and in several; RGBA; gray+alpha
    // at effort 1 (indexed files are profile 0 at every effort).
    {"cidx_screenshot_lorem_200x120_e5", "screenshot_lorem_200x120.png", 0, 5},
    {"cidx_screenshot_lorem_200x120_stripes16", "screenshot_lorem_200x120.png", 16, 3},
    {"cidx_rgba_tango_tabs_32x32_e5", "rgba_tango_tabs_32x32.png", 0, 5},
    {"cidx_graya8_tango_tabs_24x24_e1", "graya8_tango_tabs_24x24.png", 0, 1},
};

bool Updating() {
  const char* v = std::getenv("NLIC_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

std::string GoldenPath(const Golden& g) { return testing::TestImagePath(std::string("golden/") + g.name + ".nlic"); }

EncodeOptions GoldenOptions(const Golden& g) {
  EncodeOptions eo;
  eo.threads = 1;
  eo.stripe_rows = g.stripe_rows;
  eo.effort = g.effort;
  eo.predictor = g.predictor;
  return eo;
}

class GoldenFile : public ::testing::TestWithParam<Golden> {};

TEST_P(GoldenFile, DecodesToSourceAndIsReproducedExactly) {
  const Golden& g = GetParam();
  Image source;
  Status s = testing::LoadPngImage(g.source, &source);
  ASSERT_TRUE(s.ok()) << g.source << ": " << s.ToString();
  std::vector<uint8_t> encoded;
  s = Encode(source, GoldenOptions(g), &encoded);
  ASSERT_TRUE(s.ok()) << s.ToString();

  if (Updating()) {
    std::filesystem::create_directories(testing::TestImagePath("golden"));
    std::ofstream out(GoldenPath(g), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(encoded.data()), std::streamsize(encoded.size()));
    ASSERT_TRUE(out.good()) << "cannot write " << GoldenPath(g);
    GTEST_SKIP() << "rewrote " << GoldenPath(g) << " (" << encoded.size() << " bytes)";
  }

  std::vector<uint8_t> golden;
  ASSERT_TRUE(ReadFileBytes(GoldenPath(g), &golden).ok())
      << GoldenPath(g) << " is missing; generate it with NLIC_UPDATE_GOLDEN=1";

  // (a) The frozen bytes still decode, with any thread count, to the source.
  for (int threads : {1, 2, 0}) {
    DecodeOptions opt;
    opt.threads = threads;
    Image decoded;
    s = Decode(golden.data(), golden.size(), opt, &decoded);
    ASSERT_TRUE(s.ok()) << g.name << ": " << s.ToString();
    std::string why;
    EXPECT_TRUE(SameImage(source, decoded, &why)) << g.name << ": " << why;
  }
  FileInfo info;
  ASSERT_TRUE(ReadInfo(golden.data(), golden.size(), &info).ok());
  EXPECT_EQ(info.format_version, kFormatVersion);
  EXPECT_EQ(info.width, source.width);
  EXPECT_EQ(info.height, source.height);

  // (b) The encoder still produces exactly these bytes.
  if (encoded != golden) {
    size_t i = 0;
    while (i < encoded.size() && i < golden.size() && encoded[i] == golden[i]) ++i;
    ADD_FAILURE() << g.name << ": the encoder's output changed (" << encoded.size() << " bytes now, "
                  << golden.size() << " in the golden file, first difference at byte " << i
                  << "). If the format change is deliberate, bump the version and rerun with NLIC_UPDATE_GOLDEN=1.";
  }
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenFile, ::testing::ValuesIn(kGoldens),
                         [](const auto& info) { return testing::ParamName(info.param.name); });

// Every file in testimages/golden/ is one of the above: no stale goldens
// that nothing checks.
TEST(GoldenDir, HoldsExactlyTheListedFiles) {
  if (Updating()) GTEST_SKIP();
  std::set<std::string> listed, present;
  for (const Golden& g : kGoldens) listed.insert(std::string(g.name) + ".nlic");
  for (const auto& e : std::filesystem::directory_iterator(testing::TestImagePath("golden")))
    present.insert(e.path().filename().string());
  EXPECT_EQ(listed, present);
}

}  // namespace
}  // namespace nlic
