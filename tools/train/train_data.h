// Training samples for the neural predictor: the network's integer inputs
// exactly as the codec computes them, and what the sample turned out to be.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "predictor/neural_model.h"

namespace nlic {
namespace train {

struct Sample {
  int8_t in[neural::kMaxInputs];
  int8_t k;        // normalising shift: one network unit is 2^k eighths of a step
  int32_t target;  // value*8 - classical mean, 1/8 units
};

struct SampleSet {
  std::vector<Sample> samples[neural::kSets];
};

// Runs the predictor over `image_paths` (8-bit gray and RGB(A) images; others
// are skipped) and keeps every sample of set s with probability 1/keep[s],
// chosen by a fixed hash of (image, row, column): the same corpus always
// gives the same samples.
// `image_ids` (same length as the paths) seed the hash; without them an
// image's id is its index in `image_paths`.
void CollectSamples(const std::vector<std::string>& image_paths, const int keep[neural::kSets], SampleSet* out,
                    const std::vector<uint64_t>* image_ids = nullptr);

}  // namespace train
}  // namespace nlic
