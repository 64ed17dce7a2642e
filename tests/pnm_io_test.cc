// Netpbm reader/writer: write->read round trips for every shape we support,
// palette expansion, and hostile headers.
#include <gtest/gtest.h>

#include <string>

#include "io/image_io.h"

namespace nlic {
namespace {

Image Pattern(ColorType type, uint8_t depth, uint32_t w = 5, uint32_t h = 3) {
  Image img;
  img.width = w;
  img.height = h;
  img.color_type = type;
  img.bit_depth = depth;
  img.samples.resize(img.sample_count());
  for (size_t i = 0; i < img.samples.size(); ++i)
    img.samples[i] = uint16_t((i * 7919 + 13) % (img.max_value() + 1));
  return img;
}

std::vector<uint8_t> Bytes(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }

Status Read(const std::string& text, Image* img, ReadLimits limits = {}) {
  const std::vector<uint8_t> b = Bytes(text);
  return ReadPnm(b.data(), b.size(), limits, img);
}

void ExpectRoundTrip(const Image& img, bool force_pam, const char* magic) {
  std::vector<uint8_t> out;
  Status s = WritePnm(img, force_pam, &out);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_GE(out.size(), 2u);
  EXPECT_EQ(std::string(out.begin(), out.begin() + 2), magic);
  EXPECT_EQ(DetectFormat(out.data(), out.size()), magic[1] == '7' ? FileFormat::kPam : FileFormat::kPnm);
  Image back;
  s = ReadImage(out.data(), out.size(), {}, &back);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::string why;
  EXPECT_TRUE(SameImage(img, back, &why)) << why;
}

TEST(PnmRoundTrip, GrayAllDepths) {
  for (uint8_t d : {1, 2, 4, 8, 16}) {
    SCOPED_TRACE(int(d));
    ExpectRoundTrip(Pattern(ColorType::kGray, d), false, "P5");
    ExpectRoundTrip(Pattern(ColorType::kGray, d), true, "P7");
  }
}

TEST(PnmRoundTrip, ColourAndAlpha) {
  for (uint8_t d : {8, 16}) {
    SCOPED_TRACE(int(d));
    ExpectRoundTrip(Pattern(ColorType::kRGB, d), false, "P6");
    ExpectRoundTrip(Pattern(ColorType::kRGB, d), true, "P7");
    ExpectRoundTrip(Pattern(ColorType::kGrayAlpha, d), false, "P7");
    ExpectRoundTrip(Pattern(ColorType::kRGBA, d), false, "P7");
  }
}

TEST(PnmWrite, SixteenBitIsBigEndianWithMaxval65535) {
  Image img = Pattern(ColorType::kGray, 16, 1, 1);
  img.samples = {0x1234};
  std::vector<uint8_t> out;
  ASSERT_TRUE(WritePnm(img, false, &out).ok());
  static const char kWant[] = "P5\n1 1\n65535\n\x12\x34";
  EXPECT_EQ(std::string(out.begin(), out.end()), std::string(kWant, sizeof kWant - 1));
}

TEST(PnmWrite, PaletteExpandsToRgbOrRgba) {
  Image img;
  img.width = 3;
  img.height = 1;
  img.color_type = ColorType::kPalette;
  img.bit_depth = 2;
  img.palette = {10, 20, 30, 40, 50, 60};
  img.samples = {1, 0, 3};  // 3 is past the palette: opaque black
  std::vector<uint8_t> out;
  ASSERT_TRUE(WritePnm(img, false, &out).ok());
  Image back;
  ASSERT_TRUE(ReadPnm(out.data(), out.size(), {}, &back).ok());
  EXPECT_EQ(back.color_type, ColorType::kRGB);
  EXPECT_EQ(back.bit_depth, 8);
  EXPECT_EQ(back.samples, (std::vector<uint16_t>{40, 50, 60, 10, 20, 30, 0, 0, 0}));

  img.trns = {7};  // only entry 0 has an alpha; the rest are opaque
  ASSERT_TRUE(WritePnm(img, false, &out).ok());
  ASSERT_TRUE(ReadPnm(out.data(), out.size(), {}, &back).ok());
  EXPECT_EQ(back.color_type, ColorType::kRGBA);
  EXPECT_EQ(back.samples, (std::vector<uint16_t>{40, 50, 60, 255, 10, 20, 30, 7, 0, 0, 0, 255}));
}

TEST(PnmRead, PlainFormatsAndBitmaps) {
  Image img;
  ASSERT_TRUE(Read("P1\n# comment\n3 2\n1 0 1\n010", &img).ok());
  EXPECT_EQ(img.bit_depth, 1);
  EXPECT_EQ(img.samples, (std::vector<uint16_t>{0, 1, 0, 1, 0, 1}));  // PBM 1 = black
  ASSERT_TRUE(Read(std::string("P4\n3 2\n") + char(0xA0) + char(0x40), &img).ok());
  EXPECT_EQ(img.samples, (std::vector<uint16_t>{0, 1, 0, 1, 0, 1}));
  ASSERT_TRUE(Read("P2 2 1 15 0 15", &img).ok());
  EXPECT_EQ(img.bit_depth, 4);
  EXPECT_EQ(img.samples, (std::vector<uint16_t>{0, 15}));
  ASSERT_TRUE(Read("P3\n1 1\n65535\n1 2 65535\n", &img).ok());
  EXPECT_EQ(img.color_type, ColorType::kRGB);
  EXPECT_EQ(img.bit_depth, 16);
  EXPECT_EQ(img.samples, (std::vector<uint16_t>{1, 2, 65535}));
}

TEST(PnmRead, PamHeaders) {
  Image img;
  const std::string body = "\x01\x02";
  ASSERT_TRUE(
      Read("P7\n# c\nWIDTH 1\nHEIGHT 1\nDEPTH 2\nMAXVAL 255\nTUPLTYPE GRAYSCALE_ALPHA\nENDHDR\n" + body, &img)
          .ok());
  EXPECT_EQ(img.color_type, ColorType::kGrayAlpha);
  ASSERT_TRUE(Read("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 2\nMAXVAL 255\nENDHDR\n" + body, &img).ok());  // no TUPLTYPE
  EXPECT_EQ(img.color_type, ColorType::kGrayAlpha);
  EXPECT_EQ(
      Read("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 3\nMAXVAL 255\nTUPLTYPE GRAYSCALE_ALPHA\nENDHDR\nabc", &img).code(),
      StatusCode::kCorruptInput);
  EXPECT_EQ(Read("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nTUPLTYPE CMYK\nENDHDR\na", &img).code(),
            StatusCode::kUnsupported);
  EXPECT_EQ(Read("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\n", &img).code(), StatusCode::kCorruptInput);
}

TEST(PnmRead, RejectsBadInput) {
  Image img;
  EXPECT_EQ(Read("", &img).code(), StatusCode::kNotAnImage);
  EXPECT_EQ(Read("P5\n2 2\n1000\n", &img).code(), StatusCode::kUnsupported);        // not 2^n-1
  EXPECT_EQ(Read("P6\n2 2\n15\n", &img).code(), StatusCode::kUnsupported);          // 4-bit RGB
  EXPECT_EQ(Read("P5\n2 2\n255\nabc", &img).code(), StatusCode::kCorruptInput);     // truncated
  EXPECT_EQ(Read("P5\n2 1\n3\n\x01\x05", &img).code(), StatusCode::kCorruptInput);  // > maxval
  EXPECT_EQ(Read("P5\n99999999999999999999 1\n255\n", &img).code(), StatusCode::kCorruptInput);
  EXPECT_EQ(Read("P5\n0 1\n255\n", &img).code(), StatusCode::kCorruptInput);
  EXPECT_EQ(Read("P5\n100000 100000\n255\n", &img).code(), StatusCode::kLimitExceeded);
  // Within the pixel limit but far beyond the data: no allocation, just an error.
  EXPECT_EQ(Read("P5\n10000 10000\n255\nxx", &img).code(), StatusCode::kCorruptInput);
  EXPECT_EQ(Read("P2 2 1 255 1 256", &img).code(), StatusCode::kCorruptInput);
  EXPECT_EQ(Read("P1 2 1 1 2", &img).code(), StatusCode::kCorruptInput);
}

TEST(PnmWrite, RejectsMalformedImages) {
  Image img = Pattern(ColorType::kGray, 4);
  img.samples[0] = 16;
  std::vector<uint8_t> out;
  EXPECT_EQ(WritePnm(img, false, &out).code(), StatusCode::kInvalidArgument);
  img.samples.pop_back();
  EXPECT_EQ(WritePnm(img, false, &out).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace nlic
