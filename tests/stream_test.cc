// The streaming coders against the whole-image ones: the same bytes for
// every thread count, the same pixels and metadata back, the same verdict
// on damaged files. Tall thin images with tiny stripes make many records.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "codec/nlic.h"
#include "tests/codec_test_util.h"

namespace nlic {
namespace {

using testing::Fill;
using testing::MakeImage;

// Feeds rows from an in-memory image, as a file reader would.
RowSource RowsOf(const Image& img, size_t* next) {
  return [&img, next](uint16_t* rows, uint32_t count) {
    const size_t n = size_t(count) * img.width * img.channels();
    if (*next + n > img.samples.size()) return InvalidArgument("asked for rows past the bottom");
    std::copy_n(img.samples.data() + *next, n, rows);
    *next += n;
    return Status::Ok();
  };
}

Status EncodeStreamToVector(const Image& img, const EncodeOptions& eo, std::vector<uint8_t>* out) {
  Image meta = img;
  meta.samples.clear();
  size_t next = 0, prescanned = 0;
  out->clear();
  return EncodeStream(
      meta, eo, RowsOf(img, &next),
      [out](const uint8_t* p, size_t n) {
        out->insert(out->end(), p, p + n);
        return Status::Ok();
      },
      RowsOf(img, &prescanned));
}

// Decodes `bytes` handing out at most `piece` bytes per read.
Status DecodeStreamToImage(const std::vector<uint8_t>& bytes, int threads, size_t piece, Image* out) {
  size_t pos = 0;
  DecodeOptions dopt;
  dopt.threads = threads;
  return DecodeStream(
      [&](uint8_t* p, size_t n, size_t* got) {
        *got = std::min({n, piece, bytes.size() - pos});
        std::memcpy(p, bytes.data() + pos, *got);
        pos += *got;
        return Status::Ok();
      },
      dopt,
      [out](const Image& meta) {
        EXPECT_TRUE(meta.samples.empty());
        *out = meta;
        return Status::Ok();
      },
      [out](const uint16_t* rows, uint32_t count) {
        out->samples.insert(out->samples.end(), rows, rows + size_t(count) * out->width * out->channels());
        return Status::Ok();
      });
}

struct StreamCase {
  ColorType ct;
  int depth;
  int effort;
};

class StreamMatchesWholeImage : public ::testing::TestWithParam<StreamCase> {};

TEST_P(StreamMatchesWholeImage, BytesAndPixels) {
  const StreamCase c = GetParam();
  Image img = MakeImage(64, 5000, c.ct, c.depth, Fill::kGradient, 3);
  // Some noise so the models have something to do, and metadata on both
  // sides of IDAT so the header carries chunks.
  std::mt19937 rng(7);
  const uint32_t top = c.ct == ColorType::kPalette ? uint32_t(img.palette.size() / 3) : img.max_value() + 1;
  for (size_t i = 0; i < img.samples.size(); i += 5) img.samples[i] = uint16_t(rng() % top);
  img.chunks.push_back({{'t', 'E', 'X', 't'}, ChunkPlace::kBeforeIdat, {'a', 0, 'b'}});
  img.chunks.push_back({{'z', 'Z', 'z', 'Z'}, ChunkPlace::kAfterIdat, {1, 2, 3}});

  EncodeOptions eo;
  eo.effort = c.effort;
  eo.stripe_rows = 37;
  eo.threads = 2;
  std::vector<uint8_t> whole;
  ASSERT_TRUE(Encode(img, eo, &whole).ok());
  for (int threads : {1, 3}) {
    eo.threads = threads;
    std::vector<uint8_t> streamed;
    Status s = EncodeStreamToVector(img, eo, &streamed);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(streamed, whole) << "threads " << threads;
  }
  // Thread counts with read sizes from whole records down to single bytes.
  for (auto [threads, piece] : {std::pair<int, size_t>{1, size_t(1) << 20}, {3, 1000}, {2, 1}}) {
    Image back;
    Status s = DecodeStreamToImage(whole, threads, piece, &back);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_TRUE(SameImage(img, back)) << "threads " << threads << " piece " << piece;
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, StreamMatchesWholeImage,
                         ::testing::Values(StreamCase{ColorType::kRGB, 8, 4}, StreamCase{ColorType::kRGB, 8, 1},
                                           StreamCase{ColorType::kRGB, 16, 4}, StreamCase{ColorType::kRGBA, 8, 1},
                                           StreamCase{ColorType::kRGBA, 16, 4}, StreamCase{ColorType::kRGBA, 16, 1},
                                           StreamCase{ColorType::kGrayAlpha, 8, 4},
                                           StreamCase{ColorType::kPalette, 4, 4}, StreamCase{ColorType::kGray, 1, 1}),
                         [](const ::testing::TestParamInfo<StreamCase>& info) {
                           return "ct" + std::to_string(int(info.param.ct)) + "_d" +
                                  std::to_string(info.param.depth) + "_e" + std::to_string(info.param.effort);
                         });

TEST(StreamEncode, NeuralEffortMatchesToo) {
  const Image img = MakeImage(48, 300, ColorType::kRGB, 8, Fill::kRandom, 11);
  EncodeOptions eo;
  eo.effort = 5;
  eo.stripe_rows = 50;
  std::vector<uint8_t> whole, streamed;
  ASSERT_TRUE(Encode(img, eo, &whole).ok());
  eo.threads = 2;
  ASSERT_TRUE(EncodeStreamToVector(img, eo, &streamed).ok());
  EXPECT_EQ(streamed, whole);
}

TEST(StreamEncode, RejectsBadSamplesAndFailingCallbacks) {
  Image img = MakeImage(16, 100, ColorType::kRGB, 8, Fill::kRandom, 2);
  EncodeOptions eo;
  eo.stripe_rows = 10;
  std::vector<uint8_t> out;
  img.samples[16 * 3 * 55] = 256;  // stripe 5
  EXPECT_EQ(EncodeStreamToVector(img, eo, &out).code(), StatusCode::kInvalidArgument);

  img = MakeImage(16, 100, ColorType::kPalette, 8, Fill::kRandom, 2, 10);
  img.samples[700] = 10;
  EXPECT_EQ(EncodeStreamToVector(img, eo, &out).code(), StatusCode::kInvalidArgument);

  Image meta = img;  // samples not empty: the rows must come from the source
  EXPECT_EQ(EncodeStream(meta, eo, RowSource(), ByteSink()).code(), StatusCode::kInvalidArgument);

  meta.samples.clear();
  for (int threads : {1, 2}) {
    eo.threads = threads;
    const Status s = EncodeStream(
        meta, eo, [](uint16_t*, uint32_t) { return IoError("source broke"); },
        [](const uint8_t*, size_t) { return Status::Ok(); });
    EXPECT_EQ(s.code(), StatusCode::kIoError);
    const Status t = EncodeStream(
        meta, eo, [](uint16_t* rows, uint32_t count) { std::fill_n(rows, size_t(count) * 16, 0); return Status::Ok(); },
        [](const uint8_t*, size_t) { return IoError("sink broke"); });
    EXPECT_EQ(t.code(), StatusCode::kIoError);
  }
}

// Whatever Decode says about a damaged file, DecodeStream says too.
TEST(StreamDecode, DamageGetsTheSameStatusAsDecode) {
  const Image img = MakeImage(32, 400, ColorType::kRGBA, 16, Fill::kGradient, 4);
  EncodeOptions eo;
  eo.effort = 4;
  eo.stripe_rows = 30;
  std::vector<uint8_t> good;
  ASSERT_TRUE(Encode(img, eo, &good).ok());
  std::vector<std::vector<uint8_t>> damaged;
  damaged.emplace_back(good.begin(), good.begin() + good.size() / 2);  // truncated in a payload
  damaged.emplace_back(good.begin(), good.begin() + 20);               // truncated in the header
  damaged.push_back(good);
  damaged.back().push_back(0);  // trailing byte
  damaged.push_back(good);
  damaged.back()[good.size() - 40] ^= 0x10;  // last stripe's payload
  damaged.push_back(good);
  damaged.back()[10] ^= 1;  // header
  damaged.push_back(good);
  damaged.back()[0] = 'P';  // not ours
  for (size_t k = 0; k < damaged.size(); ++k)
    for (int threads : {1, 2}) {
      Image whole, streamed;
      const Status a = Decode(damaged[k].data(), damaged[k].size(), {}, &whole);
      const Status b = DecodeStreamToImage(damaged[k], threads, 777, &streamed);
      EXPECT_FALSE(a.ok()) << k;
      EXPECT_EQ(a.code(), b.code()) << k << ": " << a.ToString() << " vs " << b.ToString();
    }
}

TEST(StreamDecode, PixelLimitAppliesBeforeAnyRow) {
  const Image img = MakeImage(100, 100, ColorType::kGray, 8, Fill::kRandom, 1);
  std::vector<uint8_t> bytes;
  ASSERT_TRUE(Encode(img, {}, &bytes).ok());
  size_t pos = 0;
  DecodeOptions dopt;
  dopt.max_pixels = 9999;
  bool called = false;
  const Status s = DecodeStream(
      [&](uint8_t* p, size_t n, size_t* got) {
        *got = std::min(n, bytes.size() - pos);
        std::memcpy(p, bytes.data() + pos, *got);
        pos += *got;
        return Status::Ok();
      },
      dopt, [&](const Image&) { called = true; return Status::Ok(); },
      [&](const uint16_t*, uint32_t) { called = true; return Status::Ok(); });
  EXPECT_EQ(s.code(), StatusCode::kLimitExceeded);
  EXPECT_FALSE(called);
}

}  // namespace
}  // namespace nlic
