// PNG reader/writer: PngSuite round trips with metadata checked against an
// independent chunk walker, rejection of the corrupted files, and limits.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "io/image_io.h"
#include "tests/io_test_util.h"

namespace nlic {
namespace {

using testing::BuildPng;
using testing::LoadTestImage;
using testing::RawChunk;
using testing::WalkChunks;

std::vector<std::string> SuiteFiles(bool corrupt) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(testing::TestImagePath("pngsuite"))) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() == ".png" && (name[0] == 'x') == corrupt) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param.substr(0, info.param.size() - 4);
}

// Chunk types in order, tRNS included, with a run of IDATs counted once
// (splitting differs).
std::vector<std::string> ChunkSequence(const std::vector<uint8_t>& png) {
  std::vector<std::string> seq;
  for (const RawChunk& c : WalkChunks(png)) {
    if (c.type != "IDAT" || seq.empty() || seq.back() != "IDAT") seq.push_back(c.type);
  }
  return seq;
}

// How many ancillary chunks other than tRNS precede tRNS (-1: no tRNS).
int ExpectedTrnsIndex(const std::vector<uint8_t>& png) {
  int ancillary = 0;
  for (const RawChunk& c : WalkChunks(png)) {
    if (c.type == "tRNS") return ancillary;
    if (c.type[0] & 0x20) ++ancillary;
  }
  return -1;
}

// What ReadPng must report, derived from the file bytes alone.
std::vector<Chunk> ExpectedChunks(const std::vector<uint8_t>& png) {
  std::vector<Chunk> out;
  bool plte = false, idat = false;
  for (const RawChunk& c : WalkChunks(png)) {
    if (c.type == "PLTE") plte = true;
    if (c.type == "IDAT") idat = true;
    if (!(c.type[0] & 0x20) || c.type == "tRNS") continue;
    Chunk k;
    std::copy(c.type.begin(), c.type.end(), k.type.begin());
    k.place = idat ? ChunkPlace::kAfterIdat : plte ? ChunkPlace::kBeforeIdat : ChunkPlace::kBeforePlte;
    k.data = c.data;
    out.push_back(std::move(k));
  }
  return out;
}

class PngSuiteValid : public ::testing::TestWithParam<std::string> {};

TEST_P(PngSuiteValid, RoundTripsExactly) {
  const std::vector<uint8_t> original = LoadTestImage("pngsuite/" + GetParam());
  ASSERT_FALSE(original.empty());
  Image first;
  Status s = ReadPng(original.data(), original.size(), {}, &first);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(first.samples.size(), first.sample_count());

  const std::vector<Chunk> expected = ExpectedChunks(original);
  ASSERT_EQ(first.chunks.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(first.chunks[i].type, expected[i].type) << i;
    EXPECT_EQ(first.chunks[i].place, expected[i].place) << first.chunks[i].TypeString();
    EXPECT_EQ(first.chunks[i].data, expected[i].data) << first.chunks[i].TypeString();
  }
  const int trns_index = ExpectedTrnsIndex(original);
  EXPECT_EQ(first.trns.empty(), trns_index < 0);
  if (trns_index >= 0) {
    EXPECT_EQ(first.trns_index, uint32_t(trns_index));
  }
  for (const RawChunk& c : WalkChunks(original)) {
    if (c.type == "tRNS") {
      EXPECT_EQ(first.trns, c.data);
    }
    if (c.type == "IHDR") {
      EXPECT_EQ(first.interlaced, c.data[12] == 1);
    }
  }

  std::vector<uint8_t> rewritten;
  s = WritePng(first, &rewritten);
  ASSERT_TRUE(s.ok()) << s.ToString();
  Image second;
  s = ReadPng(rewritten.data(), rewritten.size(), {}, &second);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::string why;
  EXPECT_TRUE(SameImage(first, second, &why)) << why;
  EXPECT_EQ(ChunkSequence(original), ChunkSequence(rewritten));
}

INSTANTIATE_TEST_SUITE_P(PngSuite, PngSuiteValid, ::testing::ValuesIn(SuiteFiles(false)), TestName);

class PngSuiteCorrupt : public ::testing::TestWithParam<std::string> {};

TEST_P(PngSuiteCorrupt, IsRejected) {
  const std::vector<uint8_t> bytes = LoadTestImage("pngsuite/" + GetParam());
  ASSERT_FALSE(bytes.empty());
  Image img;
  Status s = ReadPng(bytes.data(), bytes.size(), {}, &img);
  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(s.message().empty());
  // The dispatcher must not rescue them through another decoder either.
  EXPECT_FALSE(ReadImage(bytes.data(), bytes.size(), {}, &img).ok());
}

INSTANTIATE_TEST_SUITE_P(PngSuite, PngSuiteCorrupt, ::testing::ValuesIn(SuiteFiles(true)), TestName);

TEST(PngSuiteFiles, AreAllPresent) {
  EXPECT_EQ(SuiteFiles(false).size(), 161u);
  EXPECT_EQ(SuiteFiles(true).size(), 14u);
}

TEST(PngRead, KeepsKnownAncillaryChunks) {
  const std::pair<const char*, const char*> kCases[] = {
      {"ct1n0g04", "tEXt"}, {"cten0g04", "iTXt"}, {"ctzn0g04", "zTXt"}, {"ccwn2c08", "cHRM"},
      {"cdfn2c08", "pHYs"}, {"ch1n3p04", "hIST"}, {"ps1n0g08", "sPLT"}, {"cm7n0g04", "tIME"},
      {"exif2c08", "eXIf"}, {"g03n0g16", "gAMA"}, {"cs3n2c16", "sBIT"}, {"bgbn4a08", "bKGD"}};
  for (const auto& [file, type] : kCases) {
    const std::vector<uint8_t> bytes = LoadTestImage(std::string("pngsuite/") + file + ".png");
    Image img;
    ASSERT_TRUE(ReadPng(bytes.data(), bytes.size(), {}, &img).ok()) << file;
    EXPECT_GT(img.chunks.size(), 0u) << file;
    EXPECT_TRUE(std::any_of(img.chunks.begin(), img.chunks.end(),
                            [&](const Chunk& c) { return c.TypeString() == type; }))
        << file << " lacks " << type;
  }
}

TEST(PngRead, PaletteAndTransparencyAreRaw) {
  const std::vector<uint8_t> bytes = LoadTestImage("pngsuite/tbbn3p08.png");
  Image img;
  ASSERT_TRUE(ReadPng(bytes.data(), bytes.size(), {}, &img).ok());
  EXPECT_EQ(img.color_type, ColorType::kPalette);
  EXPECT_EQ(img.palette.size() % 3, 0u);
  EXPECT_FALSE(img.trns.empty());
  const uint16_t max = *std::max_element(img.samples.begin(), img.samples.end());
  EXPECT_LT(max, img.palette.size() / 3);  // indices, not expanded colours
}

TEST(PngRead, SixteenBitAndSubByteSamplesAreUnpacked) {
  Image img;
  std::vector<uint8_t> bytes = LoadTestImage("pngsuite/basn0g16.png");
  ASSERT_TRUE(ReadPng(bytes.data(), bytes.size(), {}, &img).ok());
  EXPECT_EQ(img.bit_depth, 16);
  EXPECT_GT(*std::max_element(img.samples.begin(), img.samples.end()), 255);
  bytes = LoadTestImage("pngsuite/basn0g01.png");
  ASSERT_TRUE(ReadPng(bytes.data(), bytes.size(), {}, &img).ok());
  EXPECT_EQ(img.bit_depth, 1);
  EXPECT_EQ(*std::max_element(img.samples.begin(), img.samples.end()), 1);
}

TEST(PngRead, HugeDimensionsRejectedBeforeAllocating) {
  std::vector<uint8_t> png = testing::PngSignature();
  testing::AppendChunk(&png, "IHDR", testing::IhdrPayload(100000, 100000, 8, 2));
  testing::AppendChunk(&png, "IDAT", {0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
  testing::AppendChunk(&png, "IEND", {});
  const auto start = std::chrono::steady_clock::now();
  Image img;
  Status s = ReadPng(png.data(), png.size(), {}, &img);
  EXPECT_EQ(s.code(), StatusCode::kLimitExceeded) << s.ToString();
  EXPECT_NE(s.message().find("100000x100000"), std::string::npos) << s.message();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_TRUE(img.samples.empty());
}

TEST(PngRead, PixelLimitIsConfigurable) {
  const std::vector<uint8_t> bytes = LoadTestImage("pngsuite/basn2c08.png");  // 32x32
  ReadLimits limits;
  limits.max_pixels = 1023;
  Image img;
  EXPECT_EQ(ReadPng(bytes.data(), bytes.size(), limits, &img).code(), StatusCode::kLimitExceeded);
  limits.max_pixels = 1024;
  EXPECT_TRUE(ReadPng(bytes.data(), bytes.size(), limits, &img).ok());
}

TEST(PngRead, MetadataLimitIsEnforced) {
  const std::vector<uint8_t> bytes = LoadTestImage("pngsuite/ct1n0g04.png");
  ReadLimits limits;
  limits.max_metadata_bytes = 16;
  Image img;
  Status s = ReadPng(bytes.data(), bytes.size(), limits, &img);
  EXPECT_EQ(s.code(), StatusCode::kLimitExceeded) << s.ToString();
}

TEST(PngRead, EmptyAndEveryTruncationRejected) {
  Image img;
  EXPECT_FALSE(ReadPng(nullptr, 0, {}, &img).ok());
  const std::vector<uint8_t> bytes = LoadTestImage("pngsuite/basi0g04.png");
  for (size_t n = 0; n < bytes.size(); ++n) {
    Status s = ReadPng(bytes.data(), n, {}, &img);
    EXPECT_FALSE(s.ok()) << "prefix of " << n << " bytes accepted";
    EXPECT_FALSE(s.message().empty());
  }
}

// Inserts `extra` just before the first IDAT of a PngSuite file.
std::vector<uint8_t> WithChunkBeforeIdat(const char* file, RawChunk extra) {
  std::vector<RawChunk> chunks = WalkChunks(LoadTestImage(std::string("pngsuite/") + file));
  auto idat = std::find_if(chunks.begin(), chunks.end(), [](const RawChunk& c) { return c.type == "IDAT"; });
  chunks.insert(idat, std::move(extra));
  return BuildPng(chunks);
}

TEST(PngRead, UnknownChunksKeptButUnknownCriticalRejected) {
  Image img;
  std::vector<uint8_t> png = WithChunkBeforeIdat("basn0g08.png", {"prIv", {1, 2, 3}});
  ASSERT_TRUE(ReadPng(png.data(), png.size(), {}, &img).ok());
  ASSERT_FALSE(img.chunks.empty());
  EXPECT_EQ(img.chunks.back().TypeString(), "prIv");
  EXPECT_EQ(img.chunks.back().place, ChunkPlace::kBeforePlte);  // no PLTE: everything pre-IDAT
  EXPECT_EQ(img.chunks.back().data, (std::vector<uint8_t>{1, 2, 3}));

  png = WithChunkBeforeIdat("basn0g08.png", {"CRIT", {1}});
  Status s = ReadPng(png.data(), png.size(), {}, &img);
  EXPECT_EQ(s.code(), StatusCode::kUnsupported) << s.ToString();
}

TEST(PngRead, AncillaryCrcErrorRejected) {
  std::vector<uint8_t> png = WithChunkBeforeIdat("basn0g08.png", {"tEXt", {'a', 0, 'b'}});
  // Flip one payload byte of the tEXt chunk: the CRC no longer matches.
  const auto it = std::search(png.begin(), png.end(), std::begin("tEXt"), std::begin("tEXt") + 4);
  ASSERT_NE(it, png.end());
  it[4] ^= 1;
  Image img;
  Status s = ReadPng(png.data(), png.size(), {}, &img);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("CRC"), std::string::npos) << s.message();
}

TEST(PngWrite, ChunksGoBackToTheirPlaces) {
  const std::vector<uint8_t> bytes = LoadTestImage("pngsuite/basn3p04.png");
  Image img;
  ASSERT_TRUE(ReadPng(bytes.data(), bytes.size(), {}, &img).ok());
  img.chunks.clear();
  img.trns = {0, 128};
  img.trns_index = 1;  // after gAMA (and so after PLTE), before zzZz
  auto add = [&](const char* t, ChunkPlace p, std::vector<uint8_t> d) {
    Chunk c;
    std::copy(t, t + 4, c.type.begin());
    c.place = p;
    c.data = std::move(d);
    img.chunks.push_back(std::move(c));
  };
  add("gAMA", ChunkPlace::kBeforePlte, {0, 0, 0xb1, 0x8f});
  add("zzZz", ChunkPlace::kBeforeIdat, {});  // zero-length, unsafe-to-copy, unknown
  add("bKGD", ChunkPlace::kBeforeIdat, {3});
  add("tEXt", ChunkPlace::kAfterIdat, {'k', 0, 'v'});
  add("tIME", ChunkPlace::kAfterIdat, {0x07, 0xe8, 1, 2, 3, 4, 5});
  std::vector<uint8_t> out;
  Status s = WritePng(img, &out);
  ASSERT_TRUE(s.ok()) << s.ToString();
  const std::vector<std::string> want = {"IHDR", "gAMA", "PLTE", "tRNS", "zzZz",
                                         "bKGD", "IDAT", "tEXt", "tIME", "IEND"};
  EXPECT_EQ(ChunkSequence(out), want);
  Image back;
  ASSERT_TRUE(ReadPng(out.data(), out.size(), {}, &back).ok());
  std::string why;
  EXPECT_TRUE(SameImage(img, back, &why)) << why;
}

// Every tRNS position that is legal for a gray image (no PLTE) among three
// pre-IDAT chunks and one after IDAT survives a write and a read.
TEST(PngWrite, TrnsGoesBackToItsIndex) {
  const std::vector<uint8_t> bytes = LoadTestImage("pngsuite/tbbn0g04.png");
  Image img;
  ASSERT_TRUE(ReadPng(bytes.data(), bytes.size(), {}, &img).ok());
  ASSERT_FALSE(img.trns.empty());
  EXPECT_EQ(img.trns_index, 1u);  // gAMA tRNS bKGD
  Chunk text;
  text.type = {'t', 'E', 'X', 't'};
  text.place = ChunkPlace::kBeforePlte;
  text.data = {'k', 0, 'v'};
  img.chunks.push_back(text);
  text.place = ChunkPlace::kAfterIdat;
  img.chunks.push_back(text);
  const std::vector<std::string> pre = {"gAMA", "bKGD", "tEXt"};
  for (uint32_t index = 0; index <= 3; ++index) {
    img.trns_index = index;
    std::vector<uint8_t> out;
    Status s = WritePng(img, &out);
    ASSERT_TRUE(s.ok()) << s.ToString();
    std::vector<std::string> want = {"IHDR"};
    want.insert(want.end(), pre.begin(), pre.end());
    want.insert(want.begin() + 1 + index, "tRNS");
    want.insert(want.end(), {"IDAT", "tEXt", "IEND"});
    EXPECT_EQ(ChunkSequence(out), want) << index;
    Image back;
    s = ReadPng(out.data(), out.size(), {}, &back);
    ASSERT_TRUE(s.ok()) << s.ToString();
    std::string why;
    EXPECT_TRUE(SameImage(img, back, &why)) << index << ": " << why;
  }
  img.trns_index = 4;  // after the post-IDAT tEXt
  std::vector<uint8_t> out;
  EXPECT_EQ(WritePng(img, &out).code(), StatusCode::kInvalidArgument);
  img.trns_index = 5;  // past the end
  EXPECT_EQ(WritePng(img, &out).code(), StatusCode::kInvalidArgument);
}

TEST(PngWrite, TrnsBeforePlteRejected) {
  const std::vector<uint8_t> bytes = LoadTestImage("pngsuite/tbbn3p08.png");
  Image img;
  ASSERT_TRUE(ReadPng(bytes.data(), bytes.size(), {}, &img).ok());
  EXPECT_EQ(img.trns_index, 1u);  // gAMA PLTE tRNS bKGD
  std::vector<uint8_t> out;
  EXPECT_TRUE(WritePng(img, &out).ok());
  img.trns_index = 0;  // before gAMA, which comes before PLTE
  EXPECT_EQ(WritePng(img, &out).code(), StatusCode::kInvalidArgument);
}

TEST(PngRead, TrnsBeforePlteRejected) {
  std::vector<RawChunk> chunks = WalkChunks(LoadTestImage("pngsuite/tbbn3p08.png"));
  auto find = [&](const char* type) {
    return std::find_if(chunks.begin(), chunks.end(), [&](const RawChunk& c) { return c.type == type; });
  };
  RawChunk trns = *find("tRNS");
  chunks.erase(find("tRNS"));
  chunks.insert(find("PLTE"), trns);
  const std::vector<uint8_t> png = BuildPng(chunks);
  Image img;
  Status s = ReadPng(png.data(), png.size(), {}, &img);
  EXPECT_EQ(s.code(), StatusCode::kCorruptInput) << s.ToString();
  EXPECT_NE(s.message().find("tRNS"), std::string::npos) << s.message();
}

TEST(PngWrite, WideRowsAndBigChunksRoundTrip) {
  Image img;
  img.width = 70000;  // 560 kB rows, far above the 64 kB per-chunk floor we give libpng
  img.height = 3;
  img.color_type = ColorType::kRGBA;
  img.bit_depth = 16;
  img.interlaced = true;
  img.samples.resize(img.sample_count());
  for (size_t i = 0; i < img.samples.size(); ++i) img.samples[i] = uint16_t(i * 2654435761u >> 7);
  Chunk text;
  text.type = {'z', 'T', 'X', 't'};
  text.place = ChunkPlace::kAfterIdat;
  text.data.assign(300000, 'x');
  img.chunks.push_back(text);
  std::vector<uint8_t> out;
  Status s = WritePng(img, &out);
  ASSERT_TRUE(s.ok()) << s.ToString();
  Image back;
  s = ReadPng(out.data(), out.size(), {}, &back);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::string why;
  EXPECT_TRUE(SameImage(img, back, &why)) << why;
}

// PNG forbids indices past the last PLTE entry: such a file has no defined
// colour for them, and the codec refuses to store them, so the reader rejects
// it with a clear message instead of passing it on.
TEST(PngRead, OutOfRangePaletteIndicesAreRejected) {
  Image img;
  img.width = 4;
  img.height = 1;
  img.color_type = ColorType::kPalette;
  img.bit_depth = 2;
  img.palette = {1, 2, 3, 4, 5, 6};
  img.samples = {0, 1, 2, 3};  // 2 and 3 have no palette entry
  std::vector<uint8_t> out;
  Status s = WritePng(img, &out);
  ASSERT_TRUE(s.ok()) << s.ToString();
  Image back;
  s = ReadPng(out.data(), out.size(), {}, &back);
  EXPECT_EQ(s.code(), StatusCode::kCorruptInput) << s.ToString();
  EXPECT_NE(s.message().find("palette index"), std::string::npos) << s.message();
}

TEST(PngWrite, InterlaceFlagIsWrittenBack) {
  const std::vector<uint8_t> bytes = LoadTestImage("pngsuite/basi6a16.png");
  Image img;
  ASSERT_TRUE(ReadPng(bytes.data(), bytes.size(), {}, &img).ok());
  EXPECT_TRUE(img.interlaced);
  std::vector<uint8_t> out;
  ASSERT_TRUE(WritePng(img, &out).ok());
  EXPECT_EQ(WalkChunks(out).at(0).data.at(12), 1);  // IHDR interlace method
}

TEST(PngWrite, RejectsMalformedImages) {
  Image img;
  img.width = 2;
  img.height = 1;
  img.color_type = ColorType::kGray;
  img.bit_depth = 4;
  img.samples = {3, 16};  // 16 does not fit in 4 bits
  std::vector<uint8_t> out;
  EXPECT_EQ(WritePng(img, &out).code(), StatusCode::kInvalidArgument);
  img.samples = {3};
  EXPECT_EQ(WritePng(img, &out).code(), StatusCode::kInvalidArgument);
  img.samples = {3, 15};
  img.color_type = ColorType::kPalette;  // palette image without PLTE
  EXPECT_EQ(WritePng(img, &out).code(), StatusCode::kInvalidArgument);
  img.color_type = ColorType::kGray;
  Chunk critical;
  critical.type = {'I', 'D', 'A', 'T'};
  img.chunks.push_back(critical);
  EXPECT_EQ(WritePng(img, &out).code(), StatusCode::kInvalidArgument);
  img.chunks.clear();
  EXPECT_TRUE(WritePng(img, &out).ok());
}

}  // namespace
}  // namespace nlic
