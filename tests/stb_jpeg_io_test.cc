// stb_image (BMP, TGA, GIF) and libjpeg readers, on fixtures generated here
// so the tests need no binary files beyond PngSuite.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
// libstb ships the stb_image_write implementation; we only need declarations.
#include <stb_image_write.h>
#include <jpeglib.h>

#include "io/image_io.h"

namespace nlic {
namespace {

void AppendTo(void* ctx, void* data, int size) {
  auto* v = static_cast<std::vector<uint8_t>*>(ctx);
  v->insert(v->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
}

std::vector<uint8_t> Pixels(int w, int h, int comp) {
  std::vector<uint8_t> p(size_t(w) * h * comp);
  for (size_t i = 0; i < p.size(); ++i) p[i] = uint8_t(i * 37 + 11);
  return p;
}

std::vector<uint16_t> Widen(const std::vector<uint8_t>& p) {
  return std::vector<uint16_t>(p.begin(), p.end());
}

TEST(StbRead, Bmp) {
  for (int comp : {3, 4}) {
    const std::vector<uint8_t> px = Pixels(5, 3, comp);
    std::vector<uint8_t> bmp;
    ASSERT_TRUE(stbi_write_bmp_to_func(AppendTo, &bmp, 5, 3, comp, px.data()));
    EXPECT_EQ(DetectFormat(bmp.data(), bmp.size()), FileFormat::kBmp);
    Image img;
    Status s = ReadImage(bmp.data(), bmp.size(), {}, &img);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(img.width, 5u);
    EXPECT_EQ(img.height, 3u);
    EXPECT_EQ(img.bit_depth, 8);
    EXPECT_EQ(img.channels(), comp);
    EXPECT_EQ(img.samples, Widen(px));
  }
}

TEST(StbRead, TgaKeepsNativeChannelCount) {
  for (int comp : {1, 2, 3, 4}) {
    SCOPED_TRACE(comp);
    const std::vector<uint8_t> px = Pixels(4, 4, comp);
    std::vector<uint8_t> tga;
    ASSERT_TRUE(stbi_write_tga_to_func(AppendTo, &tga, 4, 4, comp, px.data()));
    EXPECT_EQ(DetectFormat(tga.data(), tga.size()), FileFormat::kUnknown);  // TGA has no magic
    Image img;
    Status s = ReadImage(tga.data(), tga.size(), {}, &img);  // stb as the last resort
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(img.channels(), comp);
    EXPECT_EQ(img.samples, Widen(px));
  }
}

TEST(StbRead, GifFirstFrame) {
  // 2x1, global palette {red, blue}; LZW (min code size 2) for indices 0,1.
  const std::vector<uint8_t> gif = {'G',  'I', 'F',  '8',  '9', 'a', 2, 0, 1, 0,
                                    0x80, 0,   0,                                 // screen, 2-colour table
                                    255,  0,   0,    0,    0,   255,              // red, blue
                                    0x2C, 0,   0,    0,    0,   2,   0, 1, 0, 0,  // image descriptor
                                    2,    2,   0x44, 0x0A, 0,   0x3B};            // clear,0,1,end; trailer
  EXPECT_EQ(DetectFormat(gif.data(), gif.size()), FileFormat::kGif);
  Image img;
  Status s = ReadImage(gif.data(), gif.size(), {}, &img);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(img.width, 2u);
  EXPECT_EQ(img.height, 1u);
  EXPECT_EQ(img.color_type, ColorType::kRGBA);
  EXPECT_EQ(img.samples, (std::vector<uint16_t>{255, 0, 0, 255, 0, 0, 255, 255}));
}

// stb itself would read missing bytes as zeros and succeed.
TEST(StbRead, EveryTruncationRejected) {
  // Width 4: BMP rows need no padding (a missing last-row pad is tolerated).
  const std::vector<uint8_t> px = Pixels(4, 5, 3);
  std::vector<std::vector<uint8_t>> files(3);
  ASSERT_TRUE(stbi_write_bmp_to_func(AppendTo, &files[0], 4, 5, 3, px.data()));
  stbi_write_tga_with_rle = 0;
  ASSERT_TRUE(stbi_write_tga_to_func(AppendTo, &files[1], 4, 5, 3, px.data()));
  stbi_write_tga_with_rle = 1;
  ASSERT_TRUE(stbi_write_tga_to_func(AppendTo, &files[2], 4, 5, 3, px.data()));
  for (const auto& f : files) {
    for (size_t n = 0; n < f.size(); ++n) {
      Image img;
      EXPECT_FALSE(ReadStb(f.data(), n, {}, &img).ok()) << "prefix " << n << " of " << f.size();
    }
  }
  const std::vector<uint8_t> gif = {'G', 'I', 'F', '8', '9', 'a', 2,   0,    1,    0, 0x80, 0,
                                    0,   255, 0,   0,   0,   0,   255, 0x2C, 0,    0, 0,    0,
                                    2,   0,   1,   0,   0,   2,   2,   0x44, 0x0A, 0, 0x3B};
  for (size_t n = 0; n + 1 < gif.size(); ++n) {  // only the trailer may be missing
    Image img;
    EXPECT_FALSE(ReadStb(gif.data(), n, {}, &img).ok()) << "prefix " << n;
  }
}

TEST(StbRead, LimitsCheckedFromHeader) {
  const std::vector<uint8_t> px = Pixels(40, 30, 3);
  std::vector<uint8_t> bmp;
  ASSERT_TRUE(stbi_write_bmp_to_func(AppendTo, &bmp, 40, 30, 3, px.data()));
  ReadLimits limits;
  limits.max_pixels = 1199;
  Image img;
  EXPECT_EQ(ReadStb(bmp.data(), bmp.size(), limits, &img).code(), StatusCode::kLimitExceeded);
  bmp.resize(bmp.size() / 2);
  EXPECT_FALSE(ReadStb(bmp.data(), bmp.size(), {}, &img).ok());
}

TEST(StbRead, SixteenBitPnm) {
  static const char kPgm[] = "P5\n2 1\n65535\n\x12\x34\xff\xfe";
  const std::string pgm(kPgm, sizeof kPgm - 1);
  Image img;
  Status s = ReadStb(reinterpret_cast<const uint8_t*>(pgm.data()), pgm.size(), {}, &img);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(img.bit_depth, 16);
  EXPECT_EQ(img.samples, (std::vector<uint16_t>{0x1234, 0xfffe}));
}

TEST(StbRead, GarbageIsNotAnImage) {
  const std::string junk = "this is not an image at all";
  Image img;
  Status s = ReadImage(reinterpret_cast<const uint8_t*>(junk.data()), junk.size(), {}, &img);
  EXPECT_EQ(s.code(), StatusCode::kNotAnImage);
  EXPECT_FALSE(s.message().empty());
}

// libjpeg's own compressor, to memory.
std::vector<uint8_t> MakeJpeg(int w, int h, int comp, J_COLOR_SPACE space, const std::vector<uint8_t>& px) {
  jpeg_compress_struct c;
  jpeg_error_mgr err;
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  unsigned char* buf = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&c, &buf, &size);
  c.image_width = w;
  c.image_height = h;
  c.input_components = comp;
  c.in_color_space = space;
  jpeg_set_defaults(&c);
  jpeg_set_quality(&c, 95, TRUE);
  jpeg_start_compress(&c, TRUE);
  while (c.next_scanline < c.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(&px[size_t(c.next_scanline) * w * comp]);
    jpeg_write_scanlines(&c, &row, 1);
  }
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  std::vector<uint8_t> out(buf, buf + size);
  std::free(buf);
  return out;
}

std::vector<uint8_t> Smooth(int w, int h, int comp) {
  std::vector<uint8_t> p(size_t(w) * h * comp);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int k = 0; k < comp; ++k) p[(size_t(y) * w + x) * comp + k] = uint8_t(40 + 4 * x + 3 * y + 20 * k);
  return p;
}

void ExpectClose(const std::vector<uint16_t>& got, const std::vector<uint8_t>& want) {
  ASSERT_EQ(got.size(), want.size());
  int worst = 0;
  for (size_t i = 0; i < got.size(); ++i) worst = std::max(worst, std::abs(int(got[i]) - int(want[i])));
  EXPECT_LE(worst, 12);
}

TEST(JpegRead, RgbAndGray) {
  const std::vector<uint8_t> rgb = Smooth(24, 16, 3);
  std::vector<uint8_t> jpg = MakeJpeg(24, 16, 3, JCS_RGB, rgb);
  EXPECT_EQ(DetectFormat(jpg.data(), jpg.size()), FileFormat::kJpeg);
  Image img;
  Status s = ReadImage(jpg.data(), jpg.size(), {}, &img);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(img.width, 24u);
  EXPECT_EQ(img.height, 16u);
  EXPECT_EQ(img.color_type, ColorType::kRGB);
  EXPECT_EQ(img.bit_depth, 8);
  ExpectClose(img.samples, rgb);

  const std::vector<uint8_t> gray = Smooth(17, 9, 1);
  jpg = MakeJpeg(17, 9, 1, JCS_GRAYSCALE, gray);
  s = ReadJpeg(jpg.data(), jpg.size(), {}, &img);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(img.color_type, ColorType::kGray);
  EXPECT_EQ(img.width, 17u);
  ExpectClose(img.samples, gray);
}

TEST(JpegRead, RejectsCorruptTruncatedAndCmyk) {
  const std::vector<uint8_t> jpg = MakeJpeg(32, 32, 3, JCS_RGB, Smooth(32, 32, 3));
  Image img;
  for (size_t n : {size_t(0), size_t(3), size_t(40), jpg.size() / 2, jpg.size() - 2}) {
    Status s = ReadJpeg(jpg.data(), n, {}, &img);
    EXPECT_FALSE(s.ok()) << n;
    EXPECT_FALSE(s.message().empty());
  }
  std::vector<uint8_t> bad = jpg;
  for (size_t i = bad.size() / 2; i < bad.size() / 2 + 64; ++i) bad[i] = 0xFF;  // markers in entropy data
  EXPECT_FALSE(ReadJpeg(bad.data(), bad.size(), {}, &img).ok());

  const std::vector<uint8_t> cmyk = MakeJpeg(8, 8, 4, JCS_CMYK, Smooth(8, 8, 4));
  EXPECT_EQ(ReadJpeg(cmyk.data(), cmyk.size(), {}, &img).code(), StatusCode::kUnsupported);

  ReadLimits limits;
  limits.max_pixels = 1000;
  EXPECT_EQ(ReadJpeg(jpg.data(), jpg.size(), limits, &img).code(), StatusCode::kLimitExceeded);
}

}  // namespace
}  // namespace nlic
