// A PNG signature with one wrong byte in "\x89PNG", or intact "\x89PNG" but
// damaged line-ending bytes, is what text-mode or 7-bit transfers do to a
// PNG. Saying so beats "unrecognised format".
#pragma once

#include <cstddef>
#include <cstdint>

namespace nlic {

inline bool LooksLikeDamagedPngSignature(const uint8_t* data, size_t size) {
  static const uint8_t kHead[4] = {0x89, 'P', 'N', 'G'};
  if (size < 8) return false;
  int matches = 0;
  for (int i = 0; i < 4; ++i) matches += data[i] == kHead[i];
  return matches >= 3;
}

}  // namespace nlic
