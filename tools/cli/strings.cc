#include "tools/cli/strings.h"

#include <cstdarg>
#include <cstdio>

namespace nlic::cli {

std::string Sprintf(const char* format, ...) {
  va_list args;
  va_start(args, format);
  va_list copy;
  va_copy(copy, args);
  int n = std::vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  std::string out;
  if (n > 0) {
    out.resize(size_t(n) + 1);
    std::vsnprintf(out.data(), out.size(), format, args);
    out.resize(size_t(n));
  }
  va_end(args);
  return out;
}

const char* ColorTypeName(ColorType t) {
  switch (t) {
    case ColorType::kGray: return "gray";
    case ColorType::kRGB: return "RGB";
    case ColorType::kPalette: return "palette";
    case ColorType::kGrayAlpha: return "gray+alpha";
    case ColorType::kRGBA: return "RGBA";
  }
  return "unknown";
}

const char* PredictorName(PredictorKind p) {
  switch (p) {
    case PredictorKind::kClassical: return "classical";
    case PredictorKind::kNeural: return "neural";
  }
  return "unknown";
}

const char* PredictorName(PredictorChoice p) {
  switch (p) {
    case PredictorChoice::kByEffort: return "by-effort";
    case PredictorChoice::kClassical: return "classical";
    case PredictorChoice::kNeural: return "neural";
  }
  return "unknown";
}

double Bpsp(uint64_t bytes, uint64_t subpixels) {
  return subpixels == 0 ? 0.0 : double(bytes) * 8.0 / double(subpixels);
}

double MegapixelsPerSecond(uint64_t pixels, double seconds) {
  return seconds <= 0.0 ? 0.0 : double(pixels) / seconds / 1e6;
}

}  // namespace nlic::cli
