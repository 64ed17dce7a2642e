// The training corpus cut the way `nlic bench --patches` cuts Kodak
// (tools/patches/gray_patches.h), for the tools that learn the sample
// model's starting states (tools/*_prior): every 32x64 patch of every 8-bit
// image under a folder, in the order of the sorted paths.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "codec/stripe_codec.h"
#include "tools/patches/gray_patches.h"

namespace nlic::train_patches {

inline constexpr uint32_t kPatchW = gray_patches::kPatchWidth, kPatchH = gray_patches::kPatchHeight;
inline constexpr size_t kPatchSamples = size_t(kPatchW) * kPatchH;

// Codes nothing: the tools want the models' states, not bytes.
struct NullCoder {
  static constexpr bool kDecoding = false;
  int Code(int bit, uint32_t) { return bit; }
};

// Codes one patch (kPatchSamples gray samples) through `predictor` and
// `samples` as effort 5 codes a 32x64 file; their models are left in the
// state the patch put them in. `coder` may watch the decisions.
template <class Predictor, class Samples, class Coder = NullCoder>
void CodePatch(Predictor& predictor, Samples& samples, uint16_t* patch, Coder coder = Coder()) {
  Header h;
  h.width = kPatchW;
  h.height = kPatchH;
  h.color_type = ColorType::kGray;
  h.bit_depth = 8;
  (void)stripe_internal::CodeRows<1>(coder, predictor, samples, h, patch, 0, kPatchH,
                                     stripe_internal::RefinerBitRow<Predictor>(h, kPatchH));
}

// What every prior tool starts from: the default neural model and DIR's
// patches (LoadPatches).
struct TrainSet {
  const neural::NeuralModel* model = nullptr;
  std::vector<uint16_t> patches;
};

// Reads `argv` as "DIR" or, with `optional_arg`, "DIR [ARG]" (argv[2] is
// then the optional one), fetches the model and loads DIR's patches. On a
// wrong command line or a build without a model, names the problem on
// stderr (with `usage`) and returns the exit code to end with; else 0.
int Start(int argc, char** argv, bool optional_arg, const char* usage, TrainSet* out);

// Every patch, kPatchSamples samples each, one after the other; files that
// do not read as 8-bit images are named on stderr, with why, and skipped.
std::vector<uint16_t> LoadPatches(const char* dir);

}  // namespace nlic::train_patches
