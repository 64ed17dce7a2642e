// Integer logistic functions shared by every model: stretch(p) = ln(p/(1-p))
// and its inverse squash(), on a 12-bit probability scale and a fixed-point
// logit domain of [-2047, 2047] (units of 1/256). Tables are built with
// integer arithmetic only, so every platform gets the same bits.
#pragma once

#include <cstdint>

namespace nlic {

// round(4096/(1+exp(-d/256))) at d = -2048, -1920, ..., 2048 (every 128).
inline constexpr int kSquashKnots[33] = {1,    2,    4,    6,    10,   17,   27,   45,   74,   120,  194,
                                         311,  488,  747,  1102, 1546, 2048, 2550, 2994, 3349, 3608, 3785,
                                         3902, 3976, 4022, 4051, 4069, 4079, 4086, 4090, 4092, 4094, 4095};

struct LogisticTables {
  int16_t stretch[4096];   // p12 -> logit
  uint16_t squash[4096];   // logit + 2048 -> p12

  constexpr LogisticTables() : stretch(), squash() {
    for (int i = 0; i < 4096; ++i) {
      int d = i - 2048;
      int w = d & 127;
      int k = (d >> 7) + 16;
      int v = k >= 32 ? kSquashKnots[32] : (kSquashKnots[k] * (128 - w) + kSquashKnots[k + 1] * w + 64) >> 7;
      squash[i] = uint16_t(v < 1 ? 1 : v > 4095 ? 4095 : v);
    }
    // stretch inverts squash: the smallest logit whose squash reaches p.
    int pi = 0;
    for (int d = -2047; d <= 2047; ++d) {
      int v = squash[d + 2048];
      for (int p = pi; p <= v; ++p) stretch[p] = int16_t(d);
      pi = v + 1;
    }
    for (int p = pi; p < 4096; ++p) stretch[p] = 2047;
  }
};
inline constexpr LogisticTables kLogistic;

// logit in any range -> 12-bit probability in [1, 4095]
inline int Squash(int d) {
  if (d > 2047) d = 2047;
  if (d < -2047) d = -2047;
  return kLogistic.squash[d + 2048];
}
inline int Stretch(int p12) { return kLogistic.stretch[p12]; }

}  // namespace nlic
