// The neural predictor's network in float, for training: the same layers as
// the integer network (neural_net.h), with the loss the codec pays (the
// code length of the sample under a discretised logistic) and its gradient.
// With `fake_quant`, the forward pass rounds weights, biases and activations
// to the integer network's grids (quantisation-aware training); gradients
// pass the rounding straight through.
#pragma once

#include <cstdint>
#include <vector>

#include "predictor/neural_model.h"
#include "tools/train/train_data.h"

namespace nlic {
namespace train {

// Inputs are f / 32 (one unit = 2^k eighths of a step); hidden activations
// live in [0, 127/16] so that the integer network holds them as 16ths in u7.
inline constexpr float kInputScale = 32.0f;
inline constexpr float kActScale = 16.0f;

struct FloatNet {
  int set = 0;
  int in = 0;  // kAboveInputs[set] + kLeftInputs[set]
  // Flat parameters: w1 [kHidden1][in], b1, w2 [kHidden2][kHidden1], b2, w3 [kOutputs][kHidden2], b3.
  std::vector<float> p;
  size_t o_w1, o_b1, o_w2, o_b2, o_w3, o_b3;
  // Per hidden unit, integer units per float unit of its activation (the
  // unit clamps at kActMax / scale): kActScale while training in float,
  // then fitted to the unit's range on data by CalibrateScales().
  std::vector<float> a1, a2;

  explicit FloatNet(int set);
  void Init(uint64_t seed, float mean_log_scale);

  // Adds d(loss)/d(params) to `grad` (same layout as p) and returns the
  // loss in bits. `q` are the parameters the forward pass uses (p, or their
  // quantised copy).
  double LossAndGrad(const Sample& s, const std::vector<float>& q, bool fake_quant, std::vector<float>* grad) const;
  double Loss(const Sample& s, const std::vector<float>& q, bool fake_quant) const;

  // Sets each hidden unit's activation scale so that the `quantile` of its
  // float activations over `data` maps to kActMax (never coarser than
  // kActScale, at most `max_scale`).
  void CalibrateScales(const std::vector<Sample>& data, double quantile, float max_scale);

  // The parameters rounded to the integer network's grids.
  std::vector<float> Quantized() const;
  // Exact integer parameters for the model file.
  neural::NetSet ToInteger() const;
};

// Code length in bits of a sample at `target` eighths (bin of one step)
// under a logistic of mean mu and scale 2^ls, all in units of 2^k eighths;
// with the derivatives by mu and ls when the pointers are set.
double LogisticBits(double t, double half_bin, double mu, double ls, double* d_mu, double* d_ls);

}  // namespace train
}  // namespace nlic
