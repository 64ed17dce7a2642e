// nlic info FILE: the container header, read without decoding the payload.
#include <cstdio>

#include "tools/cli/command_common.h"
#include "tools/cli/commands.h"
#include "tools/cli/log.h"
#include "tools/cli/strings.h"

namespace nlic::cli {
namespace {

std::string ChunkList(const FileInfo& info) {
  std::string list;
  for (const std::string& t : info.chunk_types) {
    if (!list.empty()) list += ' ';
    list += t;
  }
  return list;
}

std::string Describe(const FileInfo& info, const std::string& name, uint64_t file_bytes) {
  const int channels = ChannelCount(info.color_type);
  const uint64_t pixels = uint64_t(info.width) * info.height;
  const uint64_t subpixels = pixels * uint64_t(channels);
  std::string s;
  s += Sprintf("file:            %s (%llu bytes)\n", name.c_str(), (unsigned long long)file_bytes);
  s += Sprintf("format version:  %u\n", info.format_version);
  s += Sprintf("dimensions:      %ux%u (%llu pixels)\n", info.width, info.height,
               (unsigned long long)pixels);
  s += Sprintf("colour type:     %s (PNG type %u)\n", ColorTypeName(info.color_type),
               unsigned(info.color_type));
  s += Sprintf("bit depth:       %u\n", unsigned(info.bit_depth));
  s += Sprintf("channels:        %d\n", channels);
  s += Sprintf("interlaced:      %s\n", info.interlaced ? "yes (Adam7 flag kept)" : "no");
  if (info.palette_entries > 0) s += Sprintf("palette:         %u entries\n", info.palette_entries);
  else s += "palette:         none\n";
  s += Sprintf("tRNS:            %s\n", info.has_trns ? "yes" : "no");
  if (info.color_table_entries > 0)
    s += Sprintf("colour table:    %u colours (pixels coded as indices)\n", info.color_table_entries);
  s += Sprintf("metadata chunks: %u (%llu bytes)%s%s\n", info.chunk_count,
               (unsigned long long)info.metadata_bytes, info.chunk_types.empty() ? "" : ": ",
               ChunkList(info).c_str());
  s += Sprintf("predictor:       %s\n", PredictorName(info.predictor));
  s += Sprintf("coder profile:   %u\n", unsigned(info.profile));
  s += Sprintf("model id:        0x%016llx\n", (unsigned long long)info.model_id);
  s += Sprintf("stripe rows:     %u\n", info.stripe_rows);
  s += Sprintf("tiles:           %u\n", info.tile_count);
  s += Sprintf("header bytes:    %llu\n", (unsigned long long)info.header_bytes);
  s += Sprintf("payload bytes:   %llu\n", (unsigned long long)info.payload_bytes);
  s += Sprintf("payload bpsp:    %.4f  (payload bits / (width*height*channels))\n",
               Bpsp(info.payload_bytes, subpixels));
  s += Sprintf("file bpsp:       %.4f  (all file bits / (width*height*channels))\n",
               Bpsp(file_bytes, subpixels));
  return s;
}

}  // namespace

int RunInfo(const Options& options) {
  if (options.positional.size() != 1)
    return Fail(kExitUsage, "'info' needs exactly one FILE; see 'nlic --help'");
  const std::string& path = options.positional[0];
  std::vector<uint8_t> bytes;
  if (int rc = ReadInput(path, &bytes)) return rc;
  FileInfo info;
  Status s = ReadInfo(bytes.data(), bytes.size(), &info);
  if (!s.ok()) return FailWith(s, Stage::kInput, "cannot read " + DisplayName(path, false));

  std::string text = Describe(info, path == "-" ? std::string("(standard input)") : path, bytes.size());
  if (std::fputs(text.c_str(), stdout) < 0 || std::fflush(stdout) != 0)
    return Fail(kExitOutputError, "cannot write to standard output");
  return kExitOk;
}

}  // namespace nlic::cli
