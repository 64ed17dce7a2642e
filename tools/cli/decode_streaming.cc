#include <string_view>

#include "io/row_io.h"
#include "tools/cli/atomic_output.h"
#include "tools/cli/command_common.h"
#include "tools/cli/log.h"
#include "tools/cli/stopwatch.h"
#include "tools/cli/stream_input.h"
#include "tools/cli/streaming.h"
#include "tools/cli/strings.h"

namespace nlic::cli {

bool CanStreamDecode(const std::string& out) { return out != "-"; }

int DecodeStreaming(const Options& options, const std::string& in, const std::string& out,
                    const DecodeOptions& dopt) {
  FilePtr file;
  Status s = OpenSequentialInput(in, &file);
  if (!s.ok()) return FailWith(s, Stage::kInput, "");
  OutputFile output;
  s = output.Open(out, options.force);
  if (!s.ok()) return FailWith(s, Stage::kOutput, "");

  // PNG unless OUT's extension asks for PNM/PAM.
  const FileFormat format = FormatFromExtension(out);
  const char* format_name = format == FileFormat::kPnm ? "PNM" : format == FileFormat::kPam ? "PAM" : "PNG";
  // Which side failed decides the exit code; the decoder only passes it on.
  Status input_status, writer_status, output_status;
  uint64_t input_bytes = 0;
  Image meta;
  std::unique_ptr<ImageRowWriter> writer;
  const ByteSink sink = [&](const uint8_t* p, size_t n) { return output_status = output.Write(p, n); };
  const ByteSource source = [&](uint8_t* p, size_t n, size_t* got) {
    *got = std::fread(p, 1, n, file.get());
    input_bytes += *got;
    if (std::ferror(file.get())) return input_status = IoError("cannot read " + DisplayName(in, false));
    return Status::Ok();
  };
  const HeaderSink on_header = [&](const Image& m) {
    meta = CopyMeta(m);
    if (std::string_view(format_name) == "PNG")
      return writer_status = OpenPngRowWriter(meta, PngWriteOptions(), sink, &writer);
    return writer_status = OpenPnmRowWriter(meta, format == FileFormat::kPam, sink, &writer);
  };
  const RowSink rows = [&](const uint16_t* p, uint32_t count) { return writer_status = writer->WriteRows(p, count); };
  Stopwatch clock;
  s = DecodeStream(source, dopt, on_header, rows);
  if (s.ok()) s = writer_status = writer->Finish();
  const double seconds = clock.Seconds();
  if (!input_status.ok()) return FailWith(s, Stage::kInput, "");
  if (!output_status.ok()) return FailWith(s, Stage::kOutput, "");
  if (!writer_status.ok()) return FailWith(s, Stage::kOutput, std::string("cannot produce ") + format_name);
  if (!s.ok()) return FailWith(s, Stage::kInput, "cannot decode " + DisplayName(in, false));
  if (std::string_view(format_name) != "PNG" && !meta.chunks.empty())
    PrintNote(Sprintf("%zu metadata chunk(s) not representable in %s, dropped", meta.chunks.size(), format_name));
  const uint64_t output_bytes = output.bytes_written();
  s = output.Commit();
  if (!s.ok()) return FailWith(s, Stage::kOutput, "");

  const uint64_t pixels = uint64_t(meta.width) * meta.height;
  PrintDetail(Sprintf("%ux%u %s %u-bit: decode + %s %.3f s (%.2f MP/s), streamed, %llu -> %llu bytes", meta.width,
                      meta.height, ColorTypeName(meta.color_type), unsigned(meta.bit_depth), format_name, seconds,
                      MegapixelsPerSecond(pixels, seconds), static_cast<unsigned long long>(input_bytes),
                      static_cast<unsigned long long>(output_bytes)));
  PrintDetail(Sprintf("input %.4f bpsp", Bpsp(input_bytes, pixels * uint64_t(meta.channels()))));
  return kExitOk;
}

}  // namespace nlic::cli
