// Which reader gets a file: decided by its bytes, never by its name, because
// names lie (and stdin has none). The extension only chooses output formats.
#include <algorithm>
#include <cctype>
#include <cstring>

#include "io/image_io.h"
#include "io/png_signature.h"

namespace nlic {
namespace {

bool StartsWith(const uint8_t* data, size_t size, const char* magic, size_t n) {
  return size >= n && std::memcmp(data, magic, n) == 0;
}

}  // namespace

FileFormat DetectFormat(const uint8_t* data, size_t size) {
  if (StartsWith(data, size, "\x89PNG\r\n\x1a\n", 8)) return FileFormat::kPng;
  if (StartsWith(data, size, "\xff\xd8\xff", 3)) return FileFormat::kJpeg;
  if (StartsWith(data, size, "\x8eNL\r\n\x1a", 6)) return FileFormat::kNlic;
  if (StartsWith(data, size, "GIF8", 4)) return FileFormat::kGif;
  if (StartsWith(data, size, "BM", 2)) return FileFormat::kBmp;
  // "P1".."P7" then whitespace; the whitespace keeps "Plain text" out.
  if (size >= 3 && data[0] == 'P' && data[1] >= '1' && data[1] <= '7' && std::isspace(data[2]))
    return data[1] == '7' ? FileFormat::kPam : FileFormat::kPnm;
  // TGA has no magic number at all; ReadImage still offers it to stb.
  return FileFormat::kUnknown;
}

FileFormat FormatFromExtension(const std::string& path) {
  const size_t slash = path.find_last_of("/\\");
  const size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return FileFormat::kUnknown;
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  static const struct {
    const char* ext;
    FileFormat format;
  } kTable[] = {
      {"png", FileFormat::kPng},  {"jpg", FileFormat::kJpeg},  {"jpeg", FileFormat::kJpeg},
      {"jpe", FileFormat::kJpeg}, {"jfif", FileFormat::kJpeg}, {"bmp", FileFormat::kBmp},
      {"dib", FileFormat::kBmp},  {"tga", FileFormat::kTga},   {"gif", FileFormat::kGif},
      {"pbm", FileFormat::kPnm},  {"pgm", FileFormat::kPnm},   {"ppm", FileFormat::kPnm},
      {"pnm", FileFormat::kPnm},  {"pam", FileFormat::kPam},   {"nlic", FileFormat::kNlic},
  };
  for (const auto& e : kTable)
    if (ext == e.ext) return e.format;
  return FileFormat::kUnknown;
}

Status ReadImage(const uint8_t* data, size_t size, const ReadLimits& limits, Image* out) {
  if (size == 0) return NotAnImage("empty input");
  switch (DetectFormat(data, size)) {
    case FileFormat::kPng:
      return ReadPng(data, size, limits, out);
    case FileFormat::kJpeg:
      return ReadJpeg(data, size, limits, out);
    case FileFormat::kPnm:
    case FileFormat::kPam:
      return ReadPnm(data, size, limits, out);
    case FileFormat::kNlic:
      return InvalidArgument("this is an .nlic file; decode it instead");
    case FileFormat::kBmp:
    case FileFormat::kGif:
    case FileFormat::kTga:
    case FileFormat::kUnknown:
      break;
  }
  if (LooksLikeDamagedPngSignature(data, size)) return ReadPng(data, size, limits, out);
  // BMP, GIF, and as a last resort anything stb recognises (TGA included).
  return ReadStb(data, size, limits, out);
}

}  // namespace nlic
