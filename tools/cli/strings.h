// Small formatting helpers shared by the commands.
#pragma once

#include <cstdint>
#include <string>

#include "codec/nlic.h"

namespace nlic::cli {

std::string Sprintf(const char* format, ...) __attribute__((format(printf, 1, 2)));

const char* ColorTypeName(ColorType t);      // "RGB", "gray+alpha", ...
const char* PredictorName(PredictorKind p);  // "classical", "neural"
const char* PredictorName(PredictorChoice p);  // the same, or "by effort"

// Bits per subpixel: bytes * 8 / (width * height * channels); 0 if empty.
double Bpsp(uint64_t bytes, uint64_t subpixels);
// Megapixels per second; 0 if the time is 0.
double MegapixelsPerSecond(uint64_t pixels, double seconds);

}  // namespace nlic::cli
