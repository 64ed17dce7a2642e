// The row readers and writers against the whole-image ones: every PngSuite
// file (valid or not) gets the same verdict, the same pixels and the same
// metadata row by row; the writers produce the same bytes.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "io/row_io.h"
#include "tests/codec_test_util.h"

namespace nlic {
namespace {

struct MemFile {
  explicit MemFile(std::vector<uint8_t>& bytes) : f(fmemopen(bytes.data(), bytes.size(), "rb")) {}
  ~MemFile() {
    if (f) std::fclose(f);
  }
  std::FILE* f;
};

// Reads all rows, `step` at a time; the image comes back with its samples.
Status ReadByRows(std::vector<uint8_t> bytes, uint32_t step, Image* out) {
  MemFile file(bytes);
  std::unique_ptr<ImageRowReader> reader;
  NLIC_RETURN_IF_ERROR(OpenPngRowReader(file.f, {}, &reader));
  *out = reader->meta();
  EXPECT_TRUE(out->samples.empty());
  out->samples.resize(out->sample_count());
  const size_t stride = size_t(out->width) * out->channels();
  for (uint32_t y = 0; y < out->height; y += step) {
    const uint32_t n = std::min(step, out->height - y);
    NLIC_RETURN_IF_ERROR(reader->ReadRows(out->samples.data() + y * stride, n));
  }
  return reader->Finish();
}

TEST(PngRowReader, AgreesWithReadPngOnEveryTestImage) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(testing::TestImagePath("pngsuite")))
    if (e.path().extension() == ".png") names.push_back("pngsuite/" + e.path().filename().string());
  for (const std::string& n : testing::PngNamesIn("", [](const std::string&) { return true; })) names.push_back(n);
  ASSERT_GT(names.size(), 100u);
  for (const std::string& name : names) {
    std::vector<uint8_t> bytes = testing::LoadTestImage(name);
    Image whole, rows;
    const Status a = ReadPng(bytes.data(), bytes.size(), {}, &whole);
    const Status b = ReadByRows(bytes, 3, &rows);
    ASSERT_EQ(a.code(), b.code()) << name << ": " << a.ToString() << " vs " << b.ToString();
    if (a.ok()) {
      EXPECT_TRUE(SameImage(whole, rows)) << name;
    }
  }
}

TEST(PngRowReader, ChunksAfterIdatAreKnownBeforeTheFirstRow) {
  Image img = testing::MakeImage(30, 20, ColorType::kRGB, 8, testing::Fill::kGradient, 1);
  img.chunks.push_back({{'t', 'E', 'X', 't'}, ChunkPlace::kBeforeIdat, {'k', 0, 'v'}});
  img.chunks.push_back({{'t', 'I', 'M', 'E'}, ChunkPlace::kAfterIdat, {7, 230, 1, 2, 3, 4, 5}});
  img.chunks.push_back({{'z', 'T', 'X', 't'}, ChunkPlace::kAfterIdat, {'a', 0, 0, 'x'}});
  std::vector<uint8_t> bytes;
  ASSERT_TRUE(WritePng(img, &bytes).ok());
  MemFile file(bytes);
  std::unique_ptr<ImageRowReader> reader;
  ASSERT_TRUE(OpenPngRowReader(file.f, {}, &reader).ok());
  ASSERT_EQ(reader->meta().chunks.size(), 3u);
  EXPECT_EQ(reader->meta().chunks[2].place, ChunkPlace::kAfterIdat);
  EXPECT_EQ(reader->meta().chunks[2].data, img.chunks[2].data);
  Image back;
  ASSERT_TRUE(ReadByRows(bytes, 7, &back).ok());
  Image whole;  // (a chunk's place before IDAT depends on PLTE, so ask ReadPng)
  ASSERT_TRUE(ReadPng(bytes.data(), bytes.size(), {}, &whole).ok());
  std::string why;
  EXPECT_TRUE(SameImage(whole, back, &why)) << why;
  EXPECT_EQ(whole.samples, img.samples);

  // Trailing metadata counts against the same budget as in ReadPng.
  ReadLimits tight;
  tight.max_metadata_bytes = 20;
  MemFile again(bytes);
  EXPECT_EQ(OpenPngRowReader(again.f, tight, &reader).code(), StatusCode::kLimitExceeded);
}

Status WriteByRows(const Image& img, uint32_t step, bool png, std::vector<uint8_t>* out) {
  out->clear();
  const ByteSink sink = [out](const uint8_t* p, size_t n) {
    out->insert(out->end(), p, p + n);
    return Status::Ok();
  };
  std::unique_ptr<ImageRowWriter> writer;
  Image meta = CopyMeta(img);
  NLIC_RETURN_IF_ERROR(png ? OpenPngRowWriter(meta, {}, sink, &writer) : OpenPnmRowWriter(meta, false, sink, &writer));
  const size_t stride = size_t(img.width) * img.channels();
  for (uint32_t y = 0; y < img.height; y += step)
    NLIC_RETURN_IF_ERROR(writer->WriteRows(img.samples.data() + y * stride, std::min(step, img.height - y)));
  return writer->Finish();
}

TEST(RowWriters, MatchTheWholeImageWriters) {
  for (const testing::Shape& shape : testing::AllShapes())
    for (bool interlaced : {false, true}) {
      Image img = testing::MakeImage(21, 13, shape.ct, shape.depth, testing::Fill::kRandom, 8);
      img.interlaced = interlaced;
      if (shape.ct == ColorType::kPalette) img.trns = {0, 128};
      img.chunks.push_back({{'t', 'E', 'X', 't'}, ChunkPlace::kAfterIdat, {'k', 0, 'v'}});
      std::vector<uint8_t> whole, rows;
      ASSERT_TRUE(WritePng(img, &whole).ok());
      ASSERT_TRUE(WriteByRows(img, 4, true, &rows).ok());
      EXPECT_EQ(whole, rows) << int(shape.ct) << "/" << shape.depth << " interlaced " << interlaced;
      ASSERT_TRUE(WritePnm(img, false, &whole).ok());
      ASSERT_TRUE(WriteByRows(img, 5, false, &rows).ok());
      EXPECT_EQ(whole, rows) << int(shape.ct) << "/" << shape.depth << " PNM";
    }
}

TEST(RowWriters, SinkErrorsComeBack) {
  const Image img = testing::MakeImage(300, 300, ColorType::kRGB, 8, testing::Fill::kRandom, 8);
  std::unique_ptr<ImageRowWriter> writer;
  const ByteSink broken = [](const uint8_t*, size_t) { return IoError("disk full"); };
  Status s = OpenPngRowWriter(CopyMeta(img), {}, broken, &writer);
  if (s.ok()) s = writer->WriteRows(img.samples.data(), img.height);
  if (s.ok()) s = writer->Finish();
  EXPECT_EQ(s.code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace nlic
