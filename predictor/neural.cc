#include "predictor/neural.h"

namespace nlic {

NeuralPredictor::NeuralPredictor(uint32_t width, const ChannelOrder& order, int bit_depth,
                                 const neural::NeuralModel& model)
    : classical_(width, order, bit_depth),
      model_(model),
      kernels_(neural::ActiveKernels()),
      width_(width),
      channels_(order.count),
      max8_(int32_t(((1u << bit_depth) - 1) << kMeanShift)) {
  for (int K = 0; K < channels_; ++K) {
    Net& n = nets_[K];
    n.ref = order.reference[K];
    n.set = neural_internal::SetFor(K, n.ref);
    for (auto& r : n.res) r.assign(width + 2, 0);
    if (n.set < 0) continue;
    n.k.assign(width, 0);
    n.feats.assign(size_t(width) * neural::kAboveInputs[n.set], 0);
    n.acc1.assign(size_t(width) * neural::kHidden1, 0);
  }
}

void NeuralPredictor::StartRow(const RowWindow& rows) {
  classical_.StartRow(rows);
  cur_ ^= 1;
  const bool top = !rows.up1;
  for (int K = 0; K < channels_; ++K) {
    Net& n = nets_[K];
    n.res_cur = n.res[cur_].data();
    n.res_up = n.res[cur_ ^ 1].data();
    if (top) std::fill(n.res[cur_ ^ 1].begin(), n.res[cur_ ^ 1].end(), 0);
    if (top || n.set < 0) continue;
    // The row's above inputs and layer 1's share of them, all at once.
    const ClassicalPredictor::PlaneView p = classical_.View(K);
    ClassicalPredictor::PlaneView r{};
    if (n.ref >= 0) r = classical_.View(n.ref);
    const int in = neural::kAboveInputs[n.set];
    for (uint32_t x = 0; x < width_; ++x) {
      const int k = neural::NormShift(p, x);
      n.k[x] = int8_t(k);
      neural::AboveFeatures(p, n.ref >= 0 ? &r : nullptr, n.res_up, x, width_, k, n.feats.data() + size_t(x) * in);
    }
    kernels_.row_layer1(model_.sets[n.set], n.set, n.feats.data(), width_, n.acc1.data());
  }
}

void NeuralPredictor::Inputs(int K, int ref, uint32_t x, const State& s, int8_t* out, int* k) const {
  const Net& n = nets_[K];
  const ClassicalPredictor::PlaneView p = classical_.View(K);
  ClassicalPredictor::PlaneView r{};
  if (ref >= 0) r = classical_.View(ref);
  *k = n.k[x];
  const int above = neural::kAboveInputs[n.set];
  std::copy_n(n.feats.data() + size_t(x) * above, above, out);
  neural::LeftFeatures(p, ref >= 0 ? &r : nullptr, n.res_cur, x, s.mean, s.ref_residual, *k, out + above);
}

}  // namespace nlic
