#include "predictor/classical.h"

#include <algorithm>
#include <cstdlib>

namespace nlic {
namespace {

constexpr int kBiasContexts = 432;
constexpr int kBiasCountLimit = 64;

// Blend weight for an error sum e: about 2^30 / (e+1)^2, tabulated on a log
// scale (exact below 16, then 8 steps per octave) so that no division is
// needed per sub-predictor.
constexpr int kWeightBuckets = 16 + 8 * 28;

constexpr uint64_t BucketValue(int i) {
  if (i < 16) return i ? uint64_t(i) : 1;
  int len = (i - 16) / 8 + 5, frac = (i - 16) % 8;
  return (uint64_t(16 + 2 * frac + 1) << (len - 5));  // middle of the bucket
}

struct WeightTable {
  uint32_t w[kWeightBuckets];
  constexpr WeightTable() : w() {
    for (int i = 0; i < kWeightBuckets; ++i) {
      uint64_t v = BucketValue(i);
      uint64_t q = (uint64_t(1) << 30) / (v * v);
      w[i] = uint32_t(q ? q : 1);  // never zero: the blend divides by the sum
    }
  }
};
constexpr WeightTable kWeights;

inline int WeightIndex(uint32_t e) {
  uint32_t v = e + 1;
  if (v < 16) return int(v);
  int len = 32 - __builtin_clz(v);  // >= 5
  return 16 + 8 * (len - 5) + int((v >> (len - 4)) & 7);
}

struct BiasRecip {
  int32_t r[kBiasCountLimit + 1];
  constexpr BiasRecip() : r() {
    for (int i = 1; i <= kBiasCountLimit; ++i) r[i] = (1 << 16) / i;
  }
};
constexpr BiasRecip kBiasRecip;

inline int Sign3(int32_t v) { return v > 0 ? 2 : (v < 0 ? 0 : 1); }

}  // namespace

ClassicalPredictor::ClassicalPredictor(uint32_t width, const ChannelOrder& order, int bit_depth)
    : width_(width), order_(order), channels_(order.count) {
  max8_ = int32_t(((1u << bit_depth) - 1) << kMeanShift);
  mid_ = int32_t(1u << (bit_depth - 1));
  planes_.resize(size_t(channels_));
  for (Plane& p : planes_) {
    for (int r = 0; r < 2; ++r) {
      p.sub_err[r].assign(size_t(width + 2) * kSub, 0);
      p.err[r].assign(width + 2, 0);
    }
    p.bias_sum.assign(kBiasContexts, 0);
    p.bias_count.assign(kBiasContexts, 0);
  }
}

void ClassicalPredictor::StartRow(const RowWindow& rows) {
  rows_ = rows;
  cur_ ^= 1;
  if (!rows.up1) {
    // Top of a stripe: nothing above, so no error history either.
    for (Plane& p : planes_) {
      std::fill(p.sub_err[cur_ ^ 1].begin(), p.sub_err[cur_ ^ 1].end(), 0);
      std::fill(p.err[cur_ ^ 1].begin(), p.err[cur_ ^ 1].end(), 0);
    }
  }
}

ClassicalPredictor::Neighbours ClassicalPredictor::Load(uint32_t x, int ch) const {
  const int C = channels_;
  const uint16_t* cur = rows_.cur;
  const uint16_t* up = rows_.up1;
  Neighbours n;
  if (up && x > 0 && x + 1 < width_) {  // the common case, no edge to mend
    const uint16_t* u = up + size_t(x) * C + ch;
    n.N = u[0];
    n.NW = u[-C];
    n.NE = u[C];
    n.W = cur[size_t(x - 1) * C + ch];
    n.NN = rows_.up2 ? rows_.up2[size_t(x) * C + ch] : n.N;
    return n;
  }
  // Missing neighbours are replaced by the nearest available sample.
  if (up) {
    n.N = up[size_t(x) * C + ch];
    n.W = x > 0 ? cur[size_t(x - 1) * C + ch] : n.N;
    n.NW = x > 0 ? up[size_t(x - 1) * C + ch] : n.N;
    n.NE = x + 1 < width_ ? up[size_t(x + 1) * C + ch] : n.N;
    n.NN = rows_.up2 ? rows_.up2[size_t(x) * C + ch] : n.N;
  } else {
    n.W = x > 0 ? cur[size_t(x - 1) * C + ch] : mid_;
    n.N = n.NW = n.NE = n.NN = n.W;
  }
  return n;
}

Prediction ClassicalPredictor::Predict(uint32_t x, int k) {
  const int c = order_.channel[k];
  const Neighbours a = Load(x, c);
  int32_t* P = sub_pred_;
  P[0] = (a.N + a.W - a.NW) * 8;
  P[1] = (a.W + a.NE - a.N) * 8;
  P[2] = a.N * 8;
  P[3] = a.W * 8;
  const int ref = order_.reference[k];
  if (ref >= 0) {
    // The same shapes on the difference to the reference channel, which is
    // already known at this pixel: an adaptive colour decorrelation.
    const int rc = order_.channel[ref];
    const Neighbours b = Load(x, rc);
    const int32_t R = rows_.cur[size_t(x) * channels_ + rc];
    const int32_t dN = a.N - b.N, dW = a.W - b.W, dNW = a.NW - b.NW, dNE = a.NE - b.NE;
    P[4] = (R + dN + dW - dNW) * 8;
    P[5] = (R + dW + dNE - dN) * 8;
    P[6] = (R + dN) * 8;
    P[7] = (R + dW) * 8;
  } else {
    P[4] = (a.W + a.NE) * 4 + (a.N - a.NN) * 2;  // diagonal average nudged by the vertical slope
    P[5] = a.NE * 8;
    P[6] = (a.N + a.W) * 4;
    P[7] = a.NW * 8;
  }

  Plane& pl = planes_[size_t(k)];
  const uint16_t* eu = &pl.sub_err[cur_ ^ 1][size_t(x) * kSub];  // NW, N, NE (offset by one column)
  const uint16_t* ec = &pl.sub_err[cur_][size_t(x) * kSub];      // W
  int64_t num = 0, den = 0;
  for (int j = 0; j < kSub; ++j) {
    uint32_t e = uint32_t(eu[kSub + j]) * 2 + eu[j] + eu[2 * kSub + j] + uint32_t(ec[j]) * 2;
    int64_t w = kWeights.w[WeightIndex(e)];
    num += w * P[j];
    den += w;
  }
  int32_t mean = int32_t((num + den / 2) / den);

  // Context bias correction: which neighbours sit above or below the blend,
  // and how busy the area is.
  const uint32_t* fu = &pl.err[cur_ ^ 1][x];  // NW, N, NE
  const uint32_t* fc = &pl.err[cur_][x];      // W
  uint32_t scale = fu[1] + fc[0] + ((fu[0] + fu[2]) >> 1);
  if (ref >= 0) scale += uint32_t(std::abs(ref_residual_)) * 3 / 2;
  const uint32_t act = scale < 16 ? 0 : scale < 64 ? 1 : scale < 256 ? 2 : 3;
  uint32_t ctx = uint32_t(Sign3(a.N * 8 - mean) + 3 * Sign3(a.W * 8 - mean));
  ctx = ctx * 2 + (a.NW * 8 > mean);
  ctx = ctx * 2 + (a.NE * 8 > mean);
  ctx = ctx * 4 + act;
  if (ref >= 0) ctx = ctx * 3 + uint32_t(Sign3(ref_residual_));
  bias_ctx_ = ctx;  // < 9*2*2*4*3 = 432
  raw_mean_ = mean;
  const int32_t cnt = pl.bias_count[ctx];
  if (cnt > 0) mean += int32_t((int64_t(pl.bias_sum[ctx]) * kBiasRecip.r[cnt]) >> 16);
  mean_ = std::clamp(mean, 0, max8_);
  return Prediction{mean_, scale};
}

void ClassicalPredictor::Update(uint32_t x, int k, int value) {
  Plane& pl = planes_[size_t(k)];
  const int32_t v8 = value * 8;
  uint16_t* e = &pl.sub_err[cur_][size_t(x + 1) * kSub];
  for (int j = 0; j < kSub; ++j) e[j] = uint16_t(std::min<int32_t>(std::abs(v8 - sub_pred_[j]), 65535));
  pl.err[cur_][x + 1] = uint32_t(std::abs(v8 - mean_));
  int32_t& sum = pl.bias_sum[bias_ctx_];
  int32_t& cnt = pl.bias_count[bias_ctx_];
  sum += v8 - raw_mean_;
  if (++cnt > kBiasCountLimit) {
    sum /= 2;
    cnt = kBiasCountLimit / 2 + 1;
  }
  if (k == 0) ref_residual_ = v8 - mean_;
}

}  // namespace nlic
