// What the encoder's effort selects (spec/format.md 9.1): the profile, the
// predictor and its model, and stripes twice (6, 8) or four times (9) as large, so that on a photo each
// effort's file is no larger than the one below's.
#include <gtest/gtest.h>

#include <vector>

#include "codec/encode_plan.h"
#include "codec/header.h"
#include "codec/nlic.h"
#include "codec/resource_limits.h"
#include "predictor/classical.h"
#include "tests/codec_test_util.h"

namespace nlic {
namespace {

Header HeaderOfFile(const std::vector<uint8_t>& file) {
  ByteReader in(file.data(), file.size());
  Header h;
  EXPECT_TRUE(ReadHeader(&in, kMaxPixels, &h).ok());
  return h;
}

std::vector<uint8_t> EncodeAt(const Image& img, int effort) {
  EncodeOptions eo;
  eo.effort = effort;
  std::vector<uint8_t> file;
  EXPECT_TRUE(Encode(img, eo, &file).ok()) << effort;
  return file;
}

TEST(EffortLadder, PicksTheProfile) {
  Image photo;
  ASSERT_TRUE(testing::LoadPngImage("photo_kodim23_192x128.png", &photo).ok());
  const int kProfile[10] = {0, 1, 0, 0, 0, 0, 0, 2, 2, 2};
  for (int effort = 1; effort <= 9; ++effort) {
    const Header h = HeaderOfFile(EncodeAt(photo, effort));
    EXPECT_EQ(h.profile, kProfile[effort]) << effort;
    EXPECT_EQ(h.predictor, effort >= 4 ? PredictorKind::kNeural : PredictorKind::kClassical) << effort;
    // Effort 2 is the classical predictor without its LMS refiner.
    if (effort >= 2 && effort <= 3) {
      EXPECT_EQ(h.model_id, effort == 2 ? ClassicalPredictor::kUnrefinedModelId : ClassicalPredictor::kModelId);
    }
  }
  // Palette indices keep their own coder at every effort.
  Image palette;
  ASSERT_TRUE(testing::LoadPngImage("palette_trns_kodim23_96x64.png", &palette).ok());
  EXPECT_EQ(HeaderOfFile(EncodeAt(palette, 9)).profile, 0);
}

TEST(EffortLadder, LargerStripesFromSixOn) {
  // 1024 x 1024: four stripes at the default target of 2^18 pixels.
  const Image img = testing::MakeImage(1024, 1024, ColorType::kGray, 8, testing::Fill::kGradient, 1);
  auto rows = [&](int effort) {
    EncodeOptions eo;
    eo.effort = effort;
    eo.predictor = PredictorChoice::kClassical;  // keeps the test fast
    std::vector<uint8_t> file;
    EXPECT_TRUE(Encode(img, eo, &file).ok());
    return HeaderOfFile(file).stripe_rows;
  };
  EXPECT_EQ(rows(5), 256u);
  EXPECT_EQ(rows(6), 512u);
  EXPECT_EQ(rows(7), 512u);
  EXPECT_EQ(rows(8), 1024u);
  EXPECT_EQ(rows(9), 1024u);
  // Effort 9's stripes are twice effort 8's, which a megapixel cannot show.
  const uint64_t mp = 1 << 20;
  EXPECT_EQ(StripeTargetPixels(9, mp), 2 * StripeTargetPixels(8, mp));
  EXPECT_EQ(StripeTargetPixels(8, mp), 2 * StripeTargetPixels(7, mp));
  EXPECT_EQ(StripeTargetPixels(7, mp), StripeTargetPixels(6, mp));
  EXPECT_EQ(StripeTargetPixels(6, mp), 2 * StripeTargetPixels(5, mp));
}

TEST(EffortLadder, LargeImagesGetLargerStripes) {
  const uint64_t kodak = 768 * 512, mosaic = 4096 * 3072, huge = 20000ull * 12000;
  EXPECT_EQ(StripeTargetPixels(5, kodak), uint64_t(1) << 18);   // two stripes, two cores
  EXPECT_EQ(StripeTargetPixels(5, mosaic), uint64_t(1) << 20);  // 12 stripes, not 48
  EXPECT_EQ(StripeTargetPixels(1, mosaic), uint64_t(1) << 20);
  EXPECT_EQ(StripeTargetPixels(5, 4 * (uint64_t(1) << 20)), uint64_t(1) << 19);  // eight stripes
  EXPECT_EQ(StripeTargetPixels(5, huge), uint64_t(1) << 20);    // bounded per stripe
  EXPECT_EQ(StripeTargetPixels(9, huge), uint64_t(1) << 21);    // effort 9's own size is larger
}

TEST(EffortLadder, EachEffortIsNoLargerThanTheOneBelowOnAPhoto) {
  Image photo;
  ASSERT_TRUE(testing::LoadPngImage("photo_kodim23_192x128.png", &photo).ok());
  size_t below = EncodeAt(photo, 2).size();
  for (int effort = 3; effort <= 9; ++effort) {
    const size_t size = EncodeAt(photo, effort).size();
    EXPECT_LE(size, below) << "effort " << effort;
    below = size;
  }
}

}  // namespace
}  // namespace nlic
