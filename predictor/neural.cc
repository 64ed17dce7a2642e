#include "predictor/neural.h"

#include <algorithm>

namespace nlic {

NeuralPredictor::NeuralPredictor(uint32_t width, const ChannelOrder& order, int bit_depth,
                                 const neural::NeuralModel& model)
    : classical_(width, order, bit_depth, /*refine=*/false),
      model_(model),
      kernels_(neural::ActiveKernels()),
      width_(width),
      channels_(order.count),
      max8_(int32_t(((1u << bit_depth) - 1) << kMeanShift)) {
  for (int K = 0; K < channels_; ++K) {
    Net& n = nets_[K];
    n.ref = order.reference[K];
    n.set = neural_internal::SetFor(K, n.ref);
    for (auto& r : n.res) r = ZeroedArray<int32_t>(size_t(width) + 2);
  }
}

void NeuralPredictor::StartRow(const RowWindow& rows) {
  classical_.StartRow(rows);
  cur_ ^= 1;
  // Only a stripe's first row is a top row, and a new predictor starts each
  // stripe with zeroed residual rows, so nothing needs clearing here.
  const bool top = !rows.up1;
  for (int K = 0; K < channels_; ++K) {
    Net& n = nets_[K];
    n.res_cur = n.res[cur_].data();
    n.res_up = n.res[cur_ ^ 1].data();
  }
  for (int K = 0; K < channels_; ++K) {
    Net& n = nets_[K];
    if (top || n.set < 0) continue;
    neural::FeatureRows& f = n.rows;
    f = neural::FeatureRows{};
    f.p = classical_.View(K);
    if (n.ref >= 0) {
      n.ref_view = classical_.View(n.ref);
      f.r = &n.ref_view;
    }
    if (n.set == 2) {
      n.q_view = classical_.View(1);
      f.q = &n.q_view;
    }
    f.res_up = n.res_up;
    f.res_cur = n.res_cur;
    if (n.set == 0 && channels_ >= 3) {
      f.res1_up = nets_[1].res_up, f.res1_cur = nets_[1].res_cur;
      f.res2_up = nets_[2].res_up, f.res2_cur = nets_[2].res_cur;
    }
  }
}

void NeuralPredictor::Block(int K, uint32_t x0) {
  Net& n = nets_[K];
  const neural::FeatureRows& f = n.rows;
  const uint32_t count = std::min(neural_internal::kBlockColumns, width_ - x0);
  kernels_.above_block(f, n.set, x0, count, width_, n.k, n.feats);
  kernels_.row_layer1(model_.sets[n.set], n.set, n.feats, count, n.acc1);
}

void NeuralPredictor::Inputs(int K, uint32_t x, const State& s, int8_t* out, int* k) const {
  const Net& n = nets_[K];
  const uint32_t b = x % neural_internal::kBlockColumns;
  *k = n.k[b];
  const int above = neural::kAboveInputs[n.set];
  std::copy_n(n.feats + size_t(b) * neural::kAboveStride, above, out);
  const int32_t q_resid = n.set == 2 ? nets_[1].res_cur[x + 1] : 0;
  int8_t left[neural::kLeftBytes];
  neural::LeftFeatures(n.rows, n.set, x, s.mean, s.ref_residual, q_resid, *k, left);
  std::copy_n(left, neural::kLeftInputs[n.set], out + above);
}

}  // namespace nlic
