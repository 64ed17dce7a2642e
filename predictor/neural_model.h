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
// A column's above inputs occupy this many bytes in a row buffer (zeros
// after the last): one aligned vector load each for the fast kernels.
inline constexpr int kAboveStride = 16;
static_assert(kAboveInputs[0] <= kAboveStride && kAboveInputs[1] <= kAboveStride && kAboveInputs[2] <= kAboveStride);
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

// The same weights in quads of inputs (w[j][4q..4q+3] for each row j), as
// the AVX-512 VNNI multiply-add (vpdpbusd: 4 byte products per 32-bit lane)
// wants them. Missing inputs have weight 0.
template <int kRows, int kCols>
struct QuadWeights {
  static constexpr int kQuads = (kCols + 3) / 4;
  alignas(64) int8_t w[kQuads][kRows * 4];
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
  QuadWeights<kHidden1, kMaxInputs> w1_above_quad, w1_left_quad;
  QuadWeights<kHidden2, kHidden1> w2_quad;
  alignas(32) int8_t w3_bytes[kOutputs][kHidden2];
  // vpdpbusd multiplies unsigned by signed bytes, so the VNNI kernels feed
  // the s8 inputs as x + 128 and take 128 * (the row's weight sum) back off:
  // folded into the bias for the above inputs, subtracted per pixel for the
  // left ones. Both stay far inside 32 bits (|sum| <= 22 * 63 * 128).
  alignas(64) int32_t b1_offset[kHidden1];    // b1[j] - 128 * sum of j's above weights
  alignas(64) int32_t left_offset[kHidden1];  // 128 * sum of j's left weights
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
  // The low 32 bits of FNV-1a 64 of the model file: names the exact weights
  // (spec/neural.md 2.2). 32 bits keep tiny files small; the test suite
  // checks that the built-in models' ids differ, and a file naming a model
  // this build lacks is refused by id.
  uint64_t id = 0;
  NetSet sets[kSets];
};

// Parses and validates a model file (format: spec/neural.md section 2.3).
[[nodiscard]] Status ParseNeuralModel(const uint8_t* data, size_t size, const std::string& name, NeuralModel* out);
std::vector<uint8_t> SerializeNeuralModel(const NeuralModel& model);
// NeuralModel::id of a model file's bytes.
uint64_t ModelFileId(const uint8_t* data, size_t size);

// The models built into the library; null when `id` is not one of them.
const NeuralModel* FindNeuralModel(uint64_t id);
// The model `--predictor neural` encodes with; null if none is built in.
const NeuralModel* DefaultNeuralModel();

}  // namespace neural
}  // namespace nlic
