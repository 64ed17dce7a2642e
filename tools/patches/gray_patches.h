// How nlic cuts images into tiny gray patches: the geometry and the gray
// conversion that `nlic bench --patches` (tools/cli/command_bench_patches.cc)
// measures on, and the prior tools (tools/train_patches) learn from, so the
// two cannot drift apart.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "codec/nlic.h"

namespace nlic::gray_patches {

inline constexpr uint32_t kPatchWidth = 32, kPatchHeight = 64;

// The 8-bit gray plane of `im`, row-major: gray samples as they are,
// (R+G+B)/3 rounded down for RGB and for palette entries; alpha is dropped.
// Only 8-bit samples (any palette depth) are accepted; otherwise says why.
bool ToGray(const Image& im, std::vector<uint8_t>* gray, std::string* why);

}  // namespace nlic::gray_patches
