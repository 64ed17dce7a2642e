// DecodeSalvage(): every stripe that can be decoded comes back exact, every
// damaged or missing one comes back as zeros and is listed by number and
// rows; header damage still fails; Decode() stays strict throughout.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "codec/byte_io.h"
#include "codec/header.h"
#include "codec/nlic.h"
#include "codec/resource_limits.h"
#include "codec/tile_table.h"
#include "tests/codec_test_util.h"

namespace nlic {
namespace {

// A 24x20 photo crop in stripes of 8 rows: two full stripes and a short one.
struct Salvage : ::testing::Test {
  void SetUp() override {
    Image full;
    ASSERT_TRUE(testing::LoadPngImage("photo_kodim23_192x128.png", &full).ok());
    image = testing::CropImage(full, 80, 40, 24, 20);
    EncodeOptions eo;
    eo.stripe_rows = 8;
    ASSERT_TRUE(Encode(image, eo, &file).ok());
    ByteReader in(file.data(), file.size());
    Header h;
    ASSERT_TRUE(ReadHeader(&in, kMaxPixels, &h).ok());
    header_end = in.pos();
    ASSERT_TRUE(ReadTileTable(&in, h, &tiles).ok());
    ASSERT_EQ(tiles.size(), 3u);
  }

  // Where record i starts: after the header or the previous payload.
  size_t RecordStart(size_t i) const {
    return i == 0 ? header_end : size_t(tiles[i - 1].payload - file.data()) + tiles[i - 1].payload_size;
  }

  // Salvages `bytes` with 1 and 2 threads (same result), checks that rows of
  // stripes listed in `expect_damaged` are zero and every other row exact.
  void ExpectSalvaged(const std::vector<uint8_t>& bytes, const std::vector<uint32_t>& expect_damaged) {
    for (int threads : {1, 2}) {
      DecodeOptions opt;
      opt.threads = threads;
      Image out;
      std::vector<DamagedStripe> damaged;
      Status s = DecodeSalvage(bytes.data(), bytes.size(), opt, &out, &damaged);
      ASSERT_TRUE(s.ok()) << s.ToString();
      ASSERT_EQ(out.samples.size(), image.samples.size());
      std::vector<uint32_t> got;
      for (const DamagedStripe& d : damaged) {
        got.push_back(d.index);
        EXPECT_EQ(d.first_row, d.index * 8);
        EXPECT_EQ(d.row_count, d.index == 2 ? 4u : 8u);
        const std::string name = "stripe " + std::to_string(d.index) + " of 3 (rows " +
                                 std::to_string(d.first_row) + "-" + std::to_string(d.first_row + d.row_count - 1) + ")";
        EXPECT_NE(d.problem.message().find(name), std::string::npos) << d.problem.message();
        EXPECT_FALSE(d.problem.ok());
      }
      EXPECT_EQ(got, expect_damaged);
      const size_t stride = size_t(image.width) * image.channels();
      for (uint32_t y = 0; y < image.height; ++y) {
        const bool lost = std::find(got.begin(), got.end(), y / 8) != got.end();
        for (size_t k = 0; k < stride; ++k) {
          const uint16_t want = lost ? 0 : image.samples[y * stride + k];
          ASSERT_EQ(out.samples[y * stride + k], want) << "row " << y << " sample " << k;
        }
      }
    }
    Image strict;
    if (!expect_damaged.empty()) {
      EXPECT_FALSE(Decode(bytes.data(), bytes.size(), {}, &strict).ok()) << "strict Decode accepted damage";
    }
  }

  Image image;
  std::vector<uint8_t> file;
  size_t header_end = 0;
  std::vector<TileRecord> tiles;
};

TEST_F(Salvage, IntactFileDecodesExactly) { ExpectSalvaged(file, {}); }

TEST_F(Salvage, DamagedPayloadIsZeroedAndNamed) {
  for (uint32_t i = 0; i < 3; ++i) {
    std::vector<uint8_t> damaged = file;
    damaged[size_t(tiles[i].payload - file.data()) + tiles[i].payload_size / 2] ^= 0x5A;
    ExpectSalvaged(damaged, {i});
  }
}

TEST_F(Salvage, DamagedCrcIsZeroedAndNamed) {
  std::vector<uint8_t> damaged = file;
  damaged[size_t(tiles[1].payload - file.data()) - 1] ^= 0x80;
  ExpectSalvaged(damaged, {1});
}

TEST_F(Salvage, SwappedStripesAreBothReported) {
  const size_t a = RecordStart(0), b = RecordStart(1), c = RecordStart(2);
  std::vector<uint8_t> swapped(file.begin(), file.begin() + long(a));
  swapped.insert(swapped.end(), file.begin() + long(b), file.begin() + long(c));
  swapped.insert(swapped.end(), file.begin() + long(a), file.begin() + long(b));
  swapped.insert(swapped.end(), file.begin() + long(c), file.end());
  ExpectSalvaged(swapped, {0, 1});
}

TEST_F(Salvage, TruncatedFileKeepsTheStripesBeforeTheCut) {
  // Cut inside stripe 1's payload: stripe 1's record claims more than is
  // left, so it and stripe 2 are missing.
  std::vector<uint8_t> cut(file.begin(), file.begin() + long(size_t(tiles[1].payload - file.data()) + 3));
  ExpectSalvaged(cut, {1, 2});
  DecodeOptions opt;
  Image out;
  std::vector<DamagedStripe> damaged;
  ASSERT_TRUE(DecodeSalvage(cut.data(), cut.size(), opt, &out, &damaged).ok());
  EXPECT_NE(damaged.at(1).problem.message().find("missing"), std::string::npos) << damaged.at(1).problem.message();
  // Cut right after the header: nothing but zeros, still an image.
  std::vector<uint8_t> bare(file.begin(), file.begin() + long(header_end));
  ExpectSalvaged(bare, {0, 1, 2});
}

TEST_F(Salvage, TrailingBytesAreIgnored) {
  std::vector<uint8_t> longer = file;
  longer.insert(longer.end(), {1, 2, 3});
  ExpectSalvaged(longer, {});
  Image strict;
  EXPECT_FALSE(Decode(longer.data(), longer.size(), {}, &strict).ok());
}

// Without a header there is nothing to salvage: the call fails like Decode().
TEST_F(Salvage, HeaderDamageCannotBeSalvaged) {
  for (size_t pos : {size_t(0), size_t(7), size_t(9), header_end - 1}) {
    std::vector<uint8_t> damaged = file;
    damaged[pos] ^= 0x10;
    Image out;
    std::vector<DamagedStripe> damaged_stripes;
    Status s = DecodeSalvage(damaged.data(), damaged.size(), {}, &out, &damaged_stripes);
    EXPECT_FALSE(s.ok()) << "flip at " << pos;
    EXPECT_TRUE(damaged_stripes.empty());
  }
  std::vector<uint8_t> crc_flip = file;
  crc_flip[header_end - 2] ^= 1;
  Image out;
  std::vector<DamagedStripe> d;
  Status s = DecodeSalvage(crc_flip.data(), crc_flip.size(), {}, &out, &d);
  EXPECT_EQ(s.code(), StatusCode::kChecksumMismatch) << s.ToString();
  EXPECT_NE(s.message().find("header"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace nlic
