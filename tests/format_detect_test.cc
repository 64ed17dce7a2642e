// Format sniffing, extension mapping, dispatch and whole-file reading.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "io/image_io.h"
#include "tests/io_test_util.h"

namespace nlic {
namespace {

FileFormat Detect(const std::string& s) {
  return DetectFormat(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

TEST(FormatDetect, Magic) {
  EXPECT_EQ(Detect(std::string("\x89PNG\r\n\x1a\n", 8)), FileFormat::kPng);
  EXPECT_EQ(Detect("\xff\xd8\xff\xe0"), FileFormat::kJpeg);
  EXPECT_EQ(Detect("BM...."), FileFormat::kBmp);
  EXPECT_EQ(Detect("GIF89a"), FileFormat::kGif);
  EXPECT_EQ(Detect("P6\n1 1\n255\n"), FileFormat::kPnm);
  EXPECT_EQ(Detect("P1 1 1 0"), FileFormat::kPnm);
  EXPECT_EQ(Detect("P7\nWIDTH 1\n"), FileFormat::kPam);
  EXPECT_EQ(Detect("\x8eNL\r\n\x1a\x01"), FileFormat::kNlic);
  EXPECT_EQ(Detect("Plain text"), FileFormat::kUnknown);
  EXPECT_EQ(Detect(""), FileFormat::kUnknown);
  EXPECT_EQ(Detect("\x89PN"), FileFormat::kUnknown);
}

TEST(FormatDetect, Extension) {
  EXPECT_EQ(FormatFromExtension("a/b.PNG"), FileFormat::kPng);
  EXPECT_EQ(FormatFromExtension("x.jpeg"), FileFormat::kJpeg);
  EXPECT_EQ(FormatFromExtension("x.pgm"), FileFormat::kPnm);
  EXPECT_EQ(FormatFromExtension("x.pam"), FileFormat::kPam);
  EXPECT_EQ(FormatFromExtension("x.tga"), FileFormat::kTga);
  EXPECT_EQ(FormatFromExtension("x.nlic"), FileFormat::kNlic);
  EXPECT_EQ(FormatFromExtension("dir.png/file"), FileFormat::kUnknown);
  EXPECT_EQ(FormatFromExtension("-"), FileFormat::kUnknown);
}

TEST(FormatDetect, ReadImageRefusesNlicAndEmpty) {
  const std::string nlic("\x8eNL\r\n\x1a\x00\x01", 8);
  Image img;
  Status s = ReadImage(reinterpret_cast<const uint8_t*>(nlic.data()), nlic.size(), {}, &img);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("decode"), std::string::npos);
  EXPECT_EQ(ReadImage(nullptr, 0, {}, &img).code(), StatusCode::kNotAnImage);
}

TEST(FormatDetect, ReadImageDispatchesPng) {
  const std::vector<uint8_t> bytes = testing::LoadTestImage("pngsuite/basn2c08.png");
  Image img;
  ASSERT_TRUE(ReadImage(bytes.data(), bytes.size(), {}, &img).ok());
  EXPECT_EQ(img.width, 32u);
  EXPECT_EQ(img.color_type, ColorType::kRGB);
}

TEST(ReadFileBytes, ReadsWholeFileAndReportsErrors) {
  std::vector<uint8_t> bytes;
  ASSERT_TRUE(ReadFileBytes(testing::TestImagePath("pngsuite/basn0g01.png"), &bytes).ok());
  EXPECT_EQ(bytes.size(), 164u);
  Status s = ReadFileBytes("/nonexistent/dir/file.png", &bytes);
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("No such file"), std::string::npos) << s.message();
  s = ReadFileBytes(testing::TestImagePath("pngsuite"), &bytes);  // a directory
  EXPECT_EQ(s.code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace nlic
