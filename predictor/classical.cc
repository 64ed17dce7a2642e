#include "predictor/classical.h"

#include <algorithm>
#include <cstdlib>

namespace nlic {
namespace {

constexpr int kBiasContexts = 1024;
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
      w[i] = uint32_t((uint64_t(1) << 30) / (v * v));
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
      p.sub_err[r].assign(size_t(width + 2) * kMaxSub, 0);
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

Prediction ClassicalPredictor::Predict(uint32_t x, int k) {
  const int C = channels_;
  const int c = order_.channel[k];
  const uint16_t* cur = rows_.cur;
  const uint16_t* up = rows_.up1;
  const uint16_t* up2 = rows_.up2;

  // Neighbours; missing ones are replaced by the nearest available sample.
  auto at = [&](const uint16_t* row, uint32_t xx, int ch) -> int32_t { return row[size_t(xx) * C + ch]; };
  int32_t W, N, NW, NE, NN, WW;
  auto gather = [&](int ch, int32_t& w, int32_t& n, int32_t& nw, int32_t& ne, int32_t& nn, int32_t& ww) {
    if (up) {
      n = at(up, x, ch);
      w = x > 0 ? at(cur, x - 1, ch) : n;
      nw = x > 0 ? at(up, x - 1, ch) : n;
      ne = x + 1 < width_ ? at(up, x + 1, ch) : n;
      nn = up2 ? at(up2, x, ch) : n;
    } else {
      w = x > 0 ? at(cur, x - 1, ch) : mid_;
      n = nw = ne = nn = w;
    }
    ww = x > 1 ? at(cur, x - 2, ch) : w;
  };
  gather(c, W, N, NW, NE, NN, WW);

  int32_t* P = sub_pred_;
  P[0] = (N + W - NW) * 8;
  P[1] = (W + NE - N) * 8;
  P[2] = N * 8;
  P[3] = W * 8;
  P[4] = (W + NE) * 4 + (N - NN) * 2;  // diagonal average nudged by the vertical slope
  int n = 5;
  const int ref = order_.reference[k];
  if (ref >= 0) {
    const int rc = order_.channel[ref];
    int32_t rW, rN, rNW, rNE, rNN, rWW;
    gather(rc, rW, rN, rNW, rNE, rNN, rWW);
    const int32_t R = at(cur, x, rc);
    const int32_t dW = W - rW, dN = N - rN, dNW = NW - rNW, dNE = NE - rNE;
    P[5] = (R + dN + dW - dNW) * 8;
    P[6] = (R + dW + dNE - dN) * 8;
    P[7] = (R + dN) * 8;
    P[8] = (R + dW) * 8;
    n = 9;
  }
  sub_count_ = n;

  Plane& pl = planes_[size_t(k)];
  const uint16_t* eu = &pl.sub_err[cur_ ^ 1][size_t(x) * kMaxSub];  // x-1 (with the +1 offset)
  const uint16_t* ec = &pl.sub_err[cur_][size_t(x) * kMaxSub];      // W at x-1
  int64_t num = 0, den = 0;
  for (int j = 0; j < n; ++j) {
    uint32_t e = uint32_t(eu[kMaxSub + j]) * 2 + eu[j] + eu[2 * kMaxSub + j] + uint32_t(ec[j]) * 2;
    int64_t w = kWeights.w[WeightIndex(e)];
    num += w * P[j];
    den += w;
  }
  int32_t mean = int32_t((num + den / 2) / den);

  // Context bias correction: which neighbours sit above or below the blend,
  // and how busy the area is.
  const uint32_t* fu = &pl.err[cur_ ^ 1][x];  // fu[0]=NW, fu[1]=N, fu[2]=NE
  const uint32_t* fc = &pl.err[cur_][x];      // fc[0]=W
  uint32_t scale = fu[1] + fc[0] + ((fu[0] + fu[2]) >> 1);
  if (ref >= 0) scale += uint32_t(std::abs(ref_residual_)) * 3 / 2;
  int act = scale < 16 ? 0 : scale < 64 ? 1 : scale < 256 ? 2 : 3;
  uint32_t ctx = uint32_t(Sign3(N * 8 - mean) + 3 * Sign3(W * 8 - mean)) * 1 + 0;
  ctx = ctx * 2 + (NW * 8 > mean);
  ctx = ctx * 2 + (NE * 8 > mean);
  ctx = ctx * 4 + uint32_t(act);
  if (ref >= 0) ctx = ctx * 3 + uint32_t(Sign3(ref_residual_));
  bias_ctx_ = ctx % kBiasContexts;
  raw_mean_ = mean;
  int32_t cnt = pl.bias_count[bias_ctx_];
  if (cnt > 0) mean += int32_t((int64_t(pl.bias_sum[bias_ctx_]) * kBiasRecip.r[cnt]) >> 16);
  mean = std::clamp(mean, 0, max8_);
  mean_ = mean;
  return Prediction{mean, scale};
}

void ClassicalPredictor::Update(uint32_t x, int k, int value) {
  Plane& pl = planes_[size_t(k)];
  const int32_t v8 = value * 8;
  uint16_t* e = &pl.sub_err[cur_][size_t(x + 1) * kMaxSub];
  for (int j = 0; j < sub_count_; ++j) e[j] = uint16_t(std::min<int32_t>(std::abs(v8 - sub_pred_[j]), 65535));
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
