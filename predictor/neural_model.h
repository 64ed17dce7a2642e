// The parameters of the neural predictor: one small integer network per
// "set" of coding positions, parsed from a versioned model file
// (predictor/models/*.nlm, embedded in the library at build time).
//
// Shapes are fixed by the code (the features are defined in
// neural_features.h); a model file that disagrees is rejected rather than
// adapted to, so that a model id always names one exact computation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "codec/status.h"

namespace nlic {
namespace neural {

// Set 0 predicts a pixel's first coded channel (gray, or green of RGB(A));
// set 1 red and set 2 blue, which lean on green (and blue on red too).
inline constexpr int kSets = 3;
inline constexpr int kAboveInputs[kSets] = {12, 13, 13};  // from finished rows: batched per row
inline constexpr int kLeftInputs[kSets] = {6, 7, 9};      // from the current row and pixel
inline constexpr int kMaxInputs = 22;
inline constexpr int kHidden1 = 32;
inline constexpr int kHidden2 = 16;
inline constexpr int kOutputs = 2;  // mean correction, log scale

// Requantisation: y = (acc * mul + 2^15) >> 16. Hidden units are clamped to
// [0, 127] (u7: what oneDNN's int8 kernels multiply exactly on every ISA);
// outputs are in 1/256 units.
inline constexpr int kRequantShift = 16;
inline constexpr int kActMax = 127;
// Weights are s7 for the same reason; biases and multipliers are bounded so
// that every accumulator stays below 2^24 (exact even through float).
inline constexpr int kWeightMax = 63;
inline constexpr int32_t kBiasMax = 1 << 20;
inline constexpr int32_t kMulMax = 1 << 24;

// Model files are a few kilobytes; the cap bounds what a damaged or hostile
// file could make the parser allocate.
inline constexpr size_t kMaxModelBytes = 1 << 20;

// Weights of `kRows` outputs for input pair (i, i+1), interleaved as SIMD
// multiply-add kernels want them: (w[j][i], w[j][i+1]) for each j.
template <int kRows, int kCols>
struct PairedWeights {
  static constexpr int kPairs = (kCols + 1) / 2;
  alignas(32) int16_t w[kPairs][kRows * 2];
};

struct NetSet {
  int8_t w1[kHidden1][kMaxInputs];  // above inputs first, then left inputs
  int32_t b1[kHidden1], m1[kHidden1];
  int8_t w2[kHidden2][kHidden1];
  int32_t b2[kHidden2], m2[kHidden2];
  int8_t w3[kOutputs][kHidden2];
  int32_t b3[kOutputs], m3[kOutputs];
  // Derived from the weights above by PackWeights(), for the fast kernels.
  PairedWeights<kHidden1, kMaxInputs> w1_above, w1_left;
  PairedWeights<kHidden2, kHidden1> w2_paired;
  alignas(32) int16_t w3_wide[kOutputs][kHidden2];
  // Per hidden unit, the smallest accumulator whose activation is kActMax
  // (0 when the multiplier is 0): clamping to it first keeps acc * mul
  // below 2^31, so the fast kernels multiply in 32 bits.
  alignas(32) int32_t sat1[kHidden1];
  alignas(32) int32_t sat2[kHidden2];
};
static_assert(kHidden1 % 16 == 0 && kHidden2 == 16, "the AVX2 kernels assume these widths");

// Fills the derived copies of `n`'s weights; call after setting them.
void PackWeights(int set, NetSet* n);

struct NeuralModel {
  std::string name;
  uint64_t id = 0;  // FNV-1a 64 of the model file: names the exact weights
  NetSet sets[kSets];
};

// Parses and validates a model file (format: spec/neural.md section 2.3).
[[nodiscard]] Status ParseNeuralModel(const uint8_t* data, size_t size, const std::string& name, NeuralModel* out);
std::vector<uint8_t> SerializeNeuralModel(const NeuralModel& model);
uint64_t ModelFileId(const uint8_t* data, size_t size);

// The models built into the library; null when `id` is not one of them.
const NeuralModel* FindNeuralModel(uint64_t id);
// The model `--predictor neural` encodes with; null if none is built in.
const NeuralModel* DefaultNeuralModel();

}  // namespace neural
}  // namespace nlic
