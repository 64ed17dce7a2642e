// Integer inference of the neural predictor's network. The scalar functions
// here define the result; fast paths (neural_net_avx2.cc) must equal them
// bit for bit and are only used after a start-up self-check says so.
//
// Layer 1 is split in two: its above-inputs part is computed for a whole row
// at once (RowLayer1), the left-inputs part per pixel (Head), which is what
// lets the row-batched part use a matrix kernel.
#pragma once

#include <algorithm>
#include <cstdint>

#include "predictor/neural_features.h"
#include "predictor/neural_model.h"

namespace nlic {
namespace neural {

inline int32_t Requant(int64_t acc, int32_t mul) {
  return int32_t((acc * mul + (int64_t(1) << (kRequantShift - 1))) >> kRequantShift);
}

inline int32_t Activation(int64_t acc, int32_t mul) { return std::clamp(Requant(acc, mul), 0, kActMax); }

// acc[x * kHidden1 + j] = b1[j] + sum_i w1[j][i] * feats[x * kAboveStride + i], x < count,
// i < kAboveInputs[set].
void RowLayer1Scalar(const NetSet& n, int set, const int8_t* feats, uint32_t count, int32_t* acc);

// The rest of the network for one sample: adds the left inputs to the row
// part `acc1` (kHidden1 values), runs layers 2 and 3, and returns the two
// outputs in 1/256 units. `left` holds kLeftInputs[set] inputs, and may be
// read up to the end of the 32-bit word the last one sits in.
void HeadScalar(const NetSet& n, int set, const int32_t* acc1, const int8_t* left, int32_t out[kOutputs]);

// The kernels in use: the fastest that passed the self-check against the
// scalar ones on this CPU, or the scalar ones. NLIC_NEURAL_KERNELS=scalar in
// the environment forces the reference (for tests and bug reports).
struct Kernels {
  const char* name;
  void (*row_layer1)(const NetSet&, int, const int8_t*, uint32_t, int32_t*);
  void (*head)(const NetSet&, int, const int32_t*, const int8_t*, int32_t*);
  // The network's inputs from the rows above (AboveBlockScalar).
  void (*above_block)(const FeatureRows&, int, uint32_t, uint32_t, uint32_t, int8_t*, int8_t*);
};
const Kernels& ActiveKernels();
const Kernels& ScalarKernels();
// Every fast path compiled in, whether or not this CPU runs it (tests).
int FastKernelCount();
const Kernels* FastKernel(int i, bool* cpu_supports);
// The self-check: `rounds` random networks and inputs, corners included.
bool KernelsAgree(const Kernels& fast, uint64_t seed, int rounds);

}  // namespace neural
}  // namespace nlic
