// The match model (codec/match_model.h, spec/model.md 4.11): the encoder's
// gate, round trips with it on, and forged payloads that turn it on.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "codec/arith_coder.h"
#include "codec/match_gate.h"
#include "codec/stripe_codec.h"
#include "tests/codec_test_util.h"

namespace nlic {
namespace {

using testing::EncodeDecode;
using testing::Fill;
using testing::MakeImage;

// A drawing: a dark background with antialiased diagonal strokes and a
// repeated glyph-like block, so exact neighbourhoods recur, in more than
// 256 colours (no colour table).
Image MakeDrawing(uint32_t w, uint32_t h, ColorType ct) {
  Image img = MakeImage(w, h, ct, 8, Fill::kZero, 1);
  const int C = img.channels();
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) {
      uint16_t* px = &img.samples[(size_t(y) * w + x) * C];
      const uint32_t d = (x + 3 * y) % 23;
      const uint32_t v = d < 3 ? 255 - 60 * d : (x / 8 + y / 8) % 5 == 0 ? (x * 7 + y * 13) % 256 : 20;
      for (int c = 0; c < C; ++c) px[c] = uint16_t(c == 3 ? 255 - (x % 4) * 40 : (v + 31 * c * (y / 16)) % 256);
    }
  return img;
}

TEST(MatchGate, OnForDrawingsOffForNoise) {
  const Image drawing = MakeDrawing(96, 64, ColorType::kRGB);
  EXPECT_TRUE(MatchPays(drawing.samples.data(), drawing.width, drawing.height, 3));
  const Image noise = MakeImage(96, 64, ColorType::kRGB, 8, Fill::kRandom, 7);
  EXPECT_FALSE(MatchPays(noise.samples.data(), noise.width, noise.height, 3));
  // Too few rows to sample: off, and no read outside the rows.
  EXPECT_FALSE(MatchPays(drawing.samples.data(), drawing.width, 2, 3));
  EXPECT_FALSE(MatchPays(drawing.samples.data(), 1, 64, 3));
}

TEST(MatchTrial, RowsAndThreshold) {
  EXPECT_EQ(MatchTrialRows(8, 768), 8u);     // a short stripe is tried whole
  EXPECT_EQ(MatchTrialRows(100, 768), 16u);  // at least 12,288 pixels
  EXPECT_EQ(MatchTrialRows(512, 768), 32u);  // else a sixteenth
  EXPECT_EQ(MatchTrialRows(64, 4096), 4u);   // wide: a sixteenth is enough pixels
  EXPECT_EQ(MatchTrialRows(64, 3000), 5u);
  EXPECT_EQ(MatchTrialRows(64, 20000), 4u);
  EXPECT_TRUE(MatchTrialPays(98, 100));
  EXPECT_FALSE(MatchTrialPays(99, 100));  // under 1% saved: not worth its time
  EXPECT_FALSE(MatchTrialPays(100, 100));
}

TEST(MatchTrial, EffortFiveTriesTheModelOnAPhoto) {
  // A Kodak crop: its chroma was interpolated, so exact neighbourhoods
  // recur often enough for the trial (not the drawing gate) to turn the
  // model on at effort 5, where effort 4 (gate only) leaves it off.
  Image photo;
  ASSERT_TRUE(testing::LoadPngImage("photo_kodim23_192x128.png", &photo).ok());
  ASSERT_FALSE(MatchPays(photo.samples.data(), photo.width, photo.height, 3));
  std::vector<uint8_t> gated, tried;
  EncodeOptions eo;
  eo.effort = 4;
  ASSERT_TRUE(Encode(photo, eo, &gated).ok());
  eo.effort = 5;
  ASSERT_TRUE(Encode(photo, eo, &tried).ok());
  EXPECT_LT(tried.size() * 100, gated.size() * 99);
  Image back;
  ASSERT_TRUE(Decode(tried.data(), tried.size(), DecodeOptions{}, &back).ok());
  EXPECT_EQ(back.samples, photo.samples);
}

TEST(MatchModel, DrawingsRoundTripAtEveryEffortAndShape) {
  for (ColorType ct : {ColorType::kGray, ColorType::kGrayAlpha, ColorType::kRGB, ColorType::kRGBA})
    for (int effort : {2, 5, 7, 9}) {
      const Image img = MakeDrawing(75, 70, ct);
      EncodeOptions eo;
      eo.effort = effort;
      eo.stripe_rows = 32;
      Image back;
      std::vector<uint8_t> bytes;
      ASSERT_TRUE(EncodeDecode(img, eo, &back, &bytes).ok()) << int(ct) << " e" << effort;
      EXPECT_EQ(back.samples, img.samples) << int(ct) << " e" << effort;
    }
}

// Codes `rows` with the match model forced on (a stripe coder bypassing the
// gate), decodes them, and returns the payload.
template <class Samples>
std::vector<uint8_t> ForcedRoundTrip(const Image& img) {
  Header h;
  h.width = img.width;
  h.height = img.height;
  h.color_type = img.color_type;
  h.bit_depth = img.bit_depth;
  h.stripe_rows = img.height;
  std::vector<uint16_t> rows(img.samples.begin(), img.samples.end());
  std::vector<uint8_t> payload;
  ArithEncoder enc(&payload);
  ClassicalPredictor pe(h.width, OrderForCount(3), h.bit_depth);
  EXPECT_TRUE((stripe_internal::CodeStripeWith<3, Samples>(enc, pe, h, rows.data(), h.height)));
  enc.Finish();
  std::vector<uint16_t> out(rows.size());
  ArithDecoder dec(payload.data(), payload.size());
  ClassicalPredictor pd(h.width, OrderForCount(3), h.bit_depth);
  EXPECT_TRUE((stripe_internal::CodeStripeWith<3, Samples>(dec, pd, h, out.data(), h.height)));
  EXPECT_EQ(out, rows);
  return payload;
}

TEST(MatchModel, PhotosAndNoiseRoundTripWithTheModelForcedOn) {
  Image photo;
  ASSERT_TRUE(testing::LoadPngImage("photo_kodim23_192x128.png", &photo).ok());
  ForcedRoundTrip<MatchSampleCoder>(photo);
  ForcedRoundTrip<RichMatchSampleCoder>(photo);
  const Image noise = MakeImage(61, 40, ColorType::kRGB, 8, Fill::kRandom, 3);
  ForcedRoundTrip<MatchSampleCoder>(noise);
  const Image deep = MakeImage(61, 40, ColorType::kRGB, 16, Fill::kGradient, 4);
  ForcedRoundTrip<MatchSampleCoder>(deep);
}

// Forged payloads whose first bit turns the match model on: decoding must
// fail or succeed cleanly, never crash, hang or read past its buffers (the
// sanitizer build checks the last).
TEST(MatchModel, ForgedPayloadsWithTheMatchBitAreSafe) {
  const Image img = MakeDrawing(80, 48, ColorType::kRGBA);
  EncodeOptions eo;
  eo.effort = 5;
  std::vector<uint8_t> bytes;
  ASSERT_TRUE(Encode(img, eo, &bytes).ok());
  ByteReader r(bytes.data(), bytes.size());
  Header h;
  ASSERT_TRUE(ReadHeader(&r, kMaxPixels, &h).ok());
  uint64_t len = 0;
  ASSERT_TRUE(r.Varint(&len));
  const size_t payload_at = r.pos() + 4;
  ASSERT_EQ(payload_at + len, bytes.size());
  // A first bit of 1 at P(1) = 1/16 is a first byte below 0x10.
  EXPECT_LT(bytes[payload_at], 0x10);
  std::mt19937 rng(11);
  for (int trial = 0; trial < 40; ++trial) {
    std::vector<uint8_t> forged = bytes;
    for (size_t i = payload_at; i < forged.size(); ++i) forged[i] = uint8_t(rng());
    forged[payload_at] &= 0x0F;
    Image back;
    const Status s = Decode(forged.data(), forged.size(), {}, &back);
    EXPECT_FALSE(s.ok());  // the pixel CRC catches what the coder decodes
  }
}

}  // namespace
}  // namespace nlic
