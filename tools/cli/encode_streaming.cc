#include <sys/stat.h>

#include <cstring>
#include <vector>

#include "io/row_io.h"
#include "tools/cli/atomic_output.h"
#include "tools/cli/command_common.h"
#include "tools/cli/log.h"
#include "tools/cli/stopwatch.h"
#include "tools/cli/stream_input.h"
#include "tools/cli/streaming.h"
#include "tools/cli/strings.h"
#include "tools/cli/test_hooks.h"

namespace nlic::cli {
namespace {

// --verify without holding either image: decode the written file stripe by
// stripe and compare each row with the same row read again from IN.
int VerifyStreaming(const std::string& encoded_path, std::FILE* input, const ReadLimits& limits, bool strip,
                    int threads) {
  Stopwatch clock;
  auto fail = [](const std::string& why) { return Fail(kExitVerifyOrInternal, "verification failed: " + why); };
  std::unique_ptr<ImageRowReader> original;
  Status s = OpenPngRowReader(input, limits, &original);
  if (!s.ok()) return fail("cannot read the input again: " + s.ToString());
  FilePtr encoded(std::fopen(encoded_path.c_str(), "rb"));
  if (!encoded) return fail("cannot reopen the encoded file");
  Image expected = CopyMeta(original->meta());
  if (strip) {  // what the encoder was asked to drop is not expected back
    expected.chunks.clear();
    expected.trns_index = 0;
  }
  std::vector<uint16_t> want;
  std::string why;
  const ByteSource source = [&](uint8_t* p, size_t n, size_t* got) {
    *got = std::fread(p, 1, n, encoded.get());
    return std::ferror(encoded.get()) ? IoError("cannot read the encoded file") : Status::Ok();
  };
  const HeaderSink on_header = [&](const Image& meta) {
    return SameImage(expected, meta, &why) ? Status::Ok() : ChecksumMismatch("decoded image differs (" + why + ")");
  };
  const RowSink rows = [&](const uint16_t* got, uint32_t count) {
    const size_t n = size_t(count) * expected.width * expected.channels();
    want.resize(n);
    NLIC_RETURN_IF_ERROR(original->ReadRows(want.data(), count));
    if (std::memcmp(want.data(), got, n * sizeof(uint16_t)) != 0)
      return ChecksumMismatch("decoded image differs (pixels differ)");
    return Status::Ok();
  };
  DecodeOptions dopt;
  dopt.threads = threads;
  s = DecodeStream(source, dopt, on_header, rows);
  if (s.ok()) s = original->Finish();
  if (!s.ok()) return fail(s.code() == StatusCode::kChecksumMismatch ? s.message() : s.ToString());
  PrintDetail(Sprintf("verified: decoded image is identical (%.3f s, streamed)", clock.Seconds()));
  return kExitOk;
}

}  // namespace

bool CanStreamEncode(const std::string& in, const std::string& out) {
  if (out == "-" || !IsRegularFile(in)) return false;
  FilePtr f;
  std::vector<uint8_t> start;
  if (!OpenSequentialInput(in, &f).ok() || !PeekStart(f.get(), 8, &start).ok()) return false;
  if (DetectFormat(start.data(), start.size()) != FileFormat::kPng) return false;
  // --verify reads the written file back before renaming it into place,
  // which needs a temporary file, not a device or FIFO.
  struct stat st;
  return ::stat(out.c_str(), &st) != 0 || S_ISREG(st.st_mode) || S_ISLNK(st.st_mode);
}

int EncodeStreaming(const Options& options, const std::string& in, const std::string& out,
                    const EncodeOptions& eopt, const ReadLimits& limits) {
  const std::string source_name = "cannot read " + DisplayName(in, false);
  FilePtr file;
  std::vector<uint8_t> holder;
  Status s = OpenSeekableInput(in, &holder, &file);
  if (!s.ok()) return FailWith(s, Stage::kInput, "");
  std::unique_ptr<ImageRowReader> reader;
  s = OpenPngRowReader(file.get(), limits, &reader);
  if (!s.ok()) return FailWith(s, Stage::kInput, source_name);
  const Image& meta = reader->meta();

  OutputFile output;
  s = output.Open(out, options.force);
  if (!s.ok()) return FailWith(s, Stage::kOutput, "");
  // Which side failed decides the exit code; the coder only passes it on.
  Status input_status, output_status;
  // Colour indexing decides from the pixels before the header goes out
  // (spec/format.md 10): the encoder may first read the rows through
  // `prescan`, and then gets them again from a second reader of the same,
  // seekable file. `reader` stays alive: `meta` is its.
  std::unique_ptr<ImageRowReader> again;
  bool prescanned = false;
  const RowSource prescan = [&](uint16_t* p, uint32_t count) {
    prescanned = true;
    return input_status = reader->ReadRows(p, count);
  };
  const RowSource rows = [&](uint16_t* p, uint32_t count) {
    if (prescanned && !again && !(input_status = OpenPngRowReader(file.get(), limits, &again)).ok())
      return input_status;
    return input_status = (again ? again : reader)->ReadRows(p, count);
  };
  size_t flip_at = 0;
  const bool flip = EncodedBitFlipOffset(&flip_at);  // test hook: --verify must catch it
  uint64_t written = 0;
  const ByteSink sink = [&](const uint8_t* p, size_t n) {
    const uint64_t start = written;
    written += n;
    if (!flip || flip_at < start || flip_at - start >= n) return output_status = output.Write(p, n);
    std::vector<uint8_t> piece(p, p + n);
    piece[flip_at - start] ^= 1;
    return output_status = output.Write(piece.data(), n);
  };
  Stopwatch clock;
  s = EncodeStream(meta, eopt, rows, sink, prescan);
  if (s.ok()) s = input_status = (again ? again : reader)->Finish();
  const double seconds = clock.Seconds();
  if (!input_status.ok()) return FailWith(s, Stage::kInput, source_name);
  if (!output_status.ok()) return FailWith(s, Stage::kOutput, "");
  if (!s.ok()) return FailWith(s, Stage::kCodec, "cannot encode " + DisplayName(in, false));

  if (options.verify) {
    s = output.FlushForReading();
    if (!s.ok()) return FailWith(s, Stage::kOutput, "");
    if (int rc = VerifyStreaming(output.temp_path(), file.get(), limits, eopt.strip_metadata, eopt.threads))
      return rc;  // nothing written
  }
  const uint64_t encoded_bytes = output.bytes_written();
  s = output.Commit();
  if (!s.ok()) return FailWith(s, Stage::kOutput, "");

  const uint64_t pixels = uint64_t(meta.width) * meta.height;
  const uint64_t subpixels = pixels * uint64_t(meta.channels());
  PrintDetail(Sprintf("%ux%u %s %u-bit, %d channel(s), %zu metadata chunk(s), streamed", meta.width, meta.height,
                      ColorTypeName(meta.color_type), unsigned(meta.bit_depth), meta.channels(),
                      meta.chunks.size()));
  PrintDetail(Sprintf("read + encode %.3f s (%.2f MP/s), effort %d, %s predictor", seconds,
                      MegapixelsPerSecond(pixels, seconds), eopt.effort, PredictorName(eopt.predictor)));
  PrintDetail(Sprintf("-> %llu bytes, %.4f bpsp", static_cast<unsigned long long>(encoded_bytes),
                      Bpsp(encoded_bytes, subpixels)));
  return kExitOk;
}

}  // namespace nlic::cli
