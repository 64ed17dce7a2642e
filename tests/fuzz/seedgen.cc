// Writes the raw seed inputs that tests/fuzz/make_corpus.sh then minimizes
// into tests/fuzz/corpus/. Not a fuzzer; built as fuzz_seedgen.
//
//   fuzz_seedgen TESTIMAGES_DIR OUT_DIR
//
// OUT_DIR/<fuzzer>/ receives: .nlic files (several stripe layouts) made from
// PngSuite images, tiny JPEGs (baseline, gray, progressive, 4:2:0, restart
// markers) through libjpeg, BMP/TGA through stb_image_write, a hand-made GIF,
// and PBM/PGM/PPM/PAM files (binary and ASCII, 1..16-bit).
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>
// jpeglib.h needs size_t and FILE declared first.
#include <jpeglib.h>
#include <stb_image_write.h>

#include "codec/nlic.h"

namespace {

std::string g_out;

void Save(const std::string& fuzzer, const std::string& name, const std::vector<uint8_t>& bytes) {
  const std::string path = g_out + "/" + fuzzer + "/" + name;
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size() || std::fclose(f) != 0) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    std::exit(1);
  }
}

void Check(const nlic::Status& s, const std::string& what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what.c_str(), s.ToString().c_str());
    std::exit(1);
  }
}

// A deterministic test pattern: gradients plus a little texture.
std::vector<uint8_t> Pattern(int w, int h, int comp) {
  std::vector<uint8_t> px(size_t(w) * h * comp);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < comp; ++c)
        px[(size_t(y) * w + x) * comp + c] = uint8_t(x * 16 + y * 8 * (c + 1) + ((x ^ y) & 3) * 20);
  return px;
}

void NlicSeeds(const std::string& testimages) {
  struct Item {
    const char* png;
    uint32_t stripe_rows;
    int effort;
    bool strip;
  } items[] = {
      {"pngsuite/basn0g01.png", 0, 5, false}, {"pngsuite/basn0g16.png", 8, 1, false},
      {"pngsuite/basn2c08.png", 0, 9, false}, {"pngsuite/basn3p04.png", 11, 5, false},
      {"pngsuite/basn4a16.png", 32, 5, false}, {"pngsuite/basn6a08.png", 7, 3, false},
      {"pngsuite/tbbn0g04.png", 0, 5, false},  // tRNS
      {"pngsuite/ct1n0g04.png", 16, 5, false},  // tEXt chunks
      {"pngsuite/ct1n0g04.png", 0, 5, true},    // same, stripped
      {"pngsuite/s01n3p01.png", 0, 5, false},   // 1x1
      {"pngsuite/basi0g02.png", 3, 5, false},   // interlaced
      {"tiny_rgb_1x37.png", 5, 5, false},
  };
  int n = 0;
  for (const Item& it : items) {
    std::vector<uint8_t> file;
    Check(nlic::ReadFileBytes(testimages + "/" + it.png, &file), it.png);
    nlic::Image img;
    Check(nlic::ReadImage(file.data(), file.size(), {}, &img), it.png);
    nlic::EncodeOptions opt;
    opt.stripe_rows = it.stripe_rows;
    opt.effort = it.effort;
    opt.strip_metadata = it.strip;
    opt.threads = 1;
    std::vector<uint8_t> bytes;
    Check(nlic::Encode(img, opt, &bytes), it.png);
    std::string base = it.png;
    base = base.substr(base.rfind('/') + 1);
    base = base.substr(0, base.size() - 4);
    const std::string name = std::to_string(n++) + "_" + base + "_s" + std::to_string(it.stripe_rows) + ".nlic";
    Save("fuzz_decode", name, bytes);
    Save("fuzz_header", name, bytes);
  }
}

void Jpeg(const std::string& name, int w, int h, bool gray, bool progressive, bool subsample, int restart) {
  jpeg_compress_struct cinfo;
  jpeg_error_mgr jerr;
  cinfo.err = jpeg_std_error(&jerr);
  jpeg_create_compress(&cinfo);
  unsigned char* mem = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&cinfo, &mem, &size);
  cinfo.image_width = JDIMENSION(w);
  cinfo.image_height = JDIMENSION(h);
  cinfo.input_components = gray ? 1 : 3;
  cinfo.in_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, 75, TRUE);
  if (progressive) jpeg_simple_progression(&cinfo);
  if (!gray && !subsample) {
    for (int c = 0; c < 3; ++c) cinfo.comp_info[c].h_samp_factor = cinfo.comp_info[c].v_samp_factor = 1;
  }
  cinfo.restart_interval = JDIMENSION(restart);
  cinfo.optimize_coding = progressive ? TRUE : FALSE;
  jpeg_start_compress(&cinfo, TRUE);
  const std::vector<uint8_t> px = Pattern(w, h, gray ? 1 : 3);
  while (cinfo.next_scanline < cinfo.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(px.data() + size_t(cinfo.next_scanline) * w * (gray ? 1 : 3));
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  Save("fuzz_jpeg", name, std::vector<uint8_t>(mem, mem + size));
  jpeg_destroy_compress(&cinfo);
  std::free(mem);
}

void AppendTo(void* ctx, void* data, int size) {
  auto* v = static_cast<std::vector<uint8_t>*>(ctx);
  v->insert(v->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
}

void StbSeeds() {
  for (int comp : {1, 3, 4}) {
    std::vector<uint8_t> bmp, tga, tga_raw;
    const std::vector<uint8_t> px = Pattern(5, 3, comp);
    stbi_write_bmp_to_func(AppendTo, &bmp, 5, 3, comp, px.data());
    Save("fuzz_stb", "c" + std::to_string(comp) + ".bmp", bmp);
    stbi_write_tga_with_rle = 1;
    stbi_write_tga_to_func(AppendTo, &tga, 5, 3, comp, px.data());
    Save("fuzz_stb", "c" + std::to_string(comp) + "_rle.tga", tga);
    stbi_write_tga_with_rle = 0;
    stbi_write_tga_to_func(AppendTo, &tga_raw, 5, 3, comp, px.data());
    Save("fuzz_stb", "c" + std::to_string(comp) + "_raw.tga", tga_raw);
  }
  // 2x2 GIF89a, 4-colour global table, one LZW-coded image, with a graphic
  // control extension (transparent index 3).
  const std::vector<uint8_t> gif = {
      'G', 'I', 'F', '8', '9', 'a', 2, 0, 2, 0, 0x81, 0, 0,          // screen, GCT of 4
      0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255,                        // palette
      0x21, 0xF9, 4, 1, 0, 0, 3, 0,                                    // GCE, transparent 3
      0x2C, 0, 0, 0, 0, 2, 0, 2, 0, 0,                                 // image descriptor
      2, 3, 0x44, 0x34, 0x05, 0,                                       // LZW min 2, data
      0x3B};
  Save("fuzz_stb", "tiny.gif", gif);
}

void PnmSeeds() {
  auto text = [](const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); };
  Save("fuzz_pnm", "p1.pbm", text("P1\n# comment\n3 2\n0 1 0\n101\n"));
  Save("fuzz_pnm", "p2.pgm", text("P2\n2 2\n15\n0 3\n7 15\n"));
  Save("fuzz_pnm", "p3.ppm", text("P3\n2 1\n65535\n0 1 2 65535 40000 3\n"));
  std::vector<uint8_t> p4 = text("P4\n9 2\n");
  p4.insert(p4.end(), {0xA5, 0x80, 0x5A, 0x00});
  Save("fuzz_pnm", "p4.pbm", p4);
  // Binary and PAM forms through WritePnm: gray 8/16, RGB 8, gray+alpha, RGBA 16.
  struct Shape {
    nlic::ColorType type;
    uint8_t depth;
    bool pam;
    const char* name;
  } shapes[] = {{nlic::ColorType::kGray, 8, false, "p5.pgm"},
                {nlic::ColorType::kGray, 16, false, "p5_16.pgm"},
                {nlic::ColorType::kRGB, 8, false, "p6.ppm"},
                {nlic::ColorType::kGray, 4, true, "gray4.pam"},
                {nlic::ColorType::kGrayAlpha, 8, true, "ga.pam"},
                {nlic::ColorType::kRGBA, 16, true, "rgba16.pam"}};
  for (const Shape& s : shapes) {
    nlic::Image img;
    img.width = 3;
    img.height = 2;
    img.color_type = s.type;
    img.bit_depth = s.depth;
    img.samples.resize(img.sample_count());
    for (size_t i = 0; i < img.samples.size(); ++i) img.samples[i] = uint16_t((i * 2654435761u >> 7) & img.max_value());
    std::vector<uint8_t> bytes;
    Check(nlic::WritePnm(img, s.pam, &bytes), s.name);
    Save("fuzz_pnm", s.name, bytes);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s TESTIMAGES_DIR OUT_DIR\n", argv[0]);
    return 2;
  }
  g_out = argv[2];
  NlicSeeds(argv[1]);
  Jpeg("rgb444.jpg", 16, 8, false, false, false, 0);
  Jpeg("rgb420.jpg", 17, 9, false, false, true, 0);
  Jpeg("gray.jpg", 8, 8, true, false, false, 0);
  Jpeg("progressive.jpg", 16, 16, false, true, true, 0);
  Jpeg("restart.jpg", 24, 16, false, false, true, 1);
  StbSeeds();
  PnmSeeds();
  return 0;
}
