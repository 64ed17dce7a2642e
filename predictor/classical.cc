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

// Same buckets as BucketValue() without a branch: with sh = max(0,
// bitlength(v) - 4), v >> sh lies in [8, 16) once v >= 8, and below 16 it
// is v itself, so 8 * sh + (v >> sh) is the bucket index.
inline int WeightIndex(uint32_t e) {
  uint32_t v = e + 1;
  int sh = 28 - __builtin_clz(v | 8);
  return 8 * sh + int(v >> sh);
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
  for (int k = 0; k < channels_; ++k) {
    Plane& p = planes_[size_t(k)];
    p.sub = order.reference[k] >= 0 ? kSubRef : kSub;
    for (int r = 0; r < 3; ++r) p.row[r].assign(width + 2, 0);
    for (int r = 0; r < 2; ++r) {
      p.sub_err[r].assign(size_t(width + 2) * p.sub, 0);
      p.err[r].assign(width + 2, 0);
    }
    p.up_err.assign(size_t(width) * p.sub, 0);
    p.bias_sum.assign(kBiasContexts, 0);
    p.bias_count.assign(kBiasContexts, 0);
  }
}

void ClassicalPredictor::StartRow(const RowWindow& rows) {
  cur_ ^= 1;
  row_ = row_ == 2 ? 0 : row_ + 1;
  top_ = !rows.up1;
  const uint32_t w = width_;
  for (Plane& p : planes_) {
    int32_t* cur = p.row[row_].data();
    int32_t* up = p.row[row_ == 0 ? 2 : row_ - 1].data();
    int32_t* up2 = p.row[row_ == 2 ? 0 : row_ + 1].data();
    uint32_t* ue = p.up_err.data();
    p.cur = cur;
    p.up = up;
    p.up2 = rows.up2 ? up2 : up;  // NN is N on the second row
    p.sub_err_cur = p.sub_err[cur_].data();
    p.err_cur = p.err[cur_].data();
    p.err_up = p.err[cur_ ^ 1].data();
    if (top_) {
      // Top of a stripe: nothing above, so no error history either; W at
      // x = 0 is the mid value and every other neighbour equals W.
      cur[0] = mid_;
      std::fill(p.sub_err[cur_ ^ 1].begin(), p.sub_err[cur_ ^ 1].end(), 0);
      std::fill(p.err[cur_ ^ 1].begin(), p.err[cur_ ^ 1].end(), 0);
      std::fill(p.up_err.begin(), p.up_err.end(), 0);
      continue;
    }
    // Missing neighbours at the edges are the sample above (N).
    up[0] = up[1];
    up[w + 1] = up[w];
    cur[0] = up[1];
    const uint16_t* eu = p.sub_err[cur_ ^ 1].data();  // offset by one column
    const size_t S = size_t(p.sub);
    for (size_t i = 0, n = size_t(w) * S; i < n; ++i) ue[i] = uint32_t(eu[i]) + 2 * uint32_t(eu[i + S]) + eu[i + 2 * S];
  }
}

// Sums of weight * prediction and of weights over the N sub-predictors,
// each weighted by its errors at W, NW, N (twice) and NE.
template <int N>
inline void ClassicalPredictor::Blend(const Plane& pl, uint32_t x, int64_t* num, int64_t* den) const {
  const uint32_t* eu = pl.up_err.data() + size_t(x) * N;   // NW + 2N + NE
  const uint16_t* ec = pl.sub_err_cur + size_t(x) * N;     // W (offset by one column)
  int64_t n = 0, d = 0;
  for (int j = 0; j < N; ++j) {
    uint32_t e = eu[j] + uint32_t(ec[j]) * 2;
    int64_t w = kWeights.w[WeightIndex(e)];
    n += w * sub_pred_[j];
    d += w;
  }
  *num = n;
  *den = d;
}

Prediction ClassicalPredictor::Predict(uint32_t x, int k) {
  Plane& pl = planes_[size_t(k)];
  // Padded rows: column x sits at index x + 1, so W is cur[x].
  const int32_t* cur = pl.cur + x;
  const int32_t* u1 = pl.up + x;
  Neighbours a;
  if (top_) {
    a.W = a.N = a.NW = a.NE = a.NN = cur[0];
  } else {
    a.W = cur[0], a.N = u1[1], a.NW = u1[0], a.NE = u1[2], a.NN = pl.up2[x + 1];
  }
  int32_t* P = sub_pred_;
  const int ref = order_.reference[k];
  int64_t num, den;
  if (ref >= 0) {
    // Shapes on the difference to the reference channel, which is already
    // known at this pixel: an adaptive colour decorrelation. The plain
    // shapes of the first channel are left out here: they cost time and,
    // measured on Kodak, lose a little compression.
    const Plane& rp = planes_[size_t(ref)];
    const int32_t* rcur = rp.cur + x;
    const int32_t* ru1 = rp.up + x;
    const int32_t R = rcur[1];
    int32_t dN, dW, dNW, dNE;
    if (top_) {
      dN = dW = dNW = dNE = a.W - rcur[0];
    } else {
      dN = a.N - ru1[1], dW = a.W - rcur[0], dNW = a.NW - ru1[0], dNE = a.NE - ru1[2];
    }
    P[0] = (R + dN + dW - dNW) * 8;
    P[1] = (R + dW + dNE - dN) * 8;
    P[2] = (R + dN) * 8;
    P[3] = (R + dW) * 8;
    Blend<kSubRef>(pl, x, &num, &den);
  } else {
    P[0] = (a.N + a.W - a.NW) * 8;
    P[1] = (a.W + a.NE - a.N) * 8;
    P[2] = a.N * 8;
    P[3] = a.W * 8;
    P[4] = (a.W + a.NE) * 4 + (a.N - a.NN) * 2;  // diagonal average nudged by the vertical slope
    P[5] = a.NE * 8;
    P[6] = (a.N + a.W) * 4;
    P[7] = a.NW * 8;
    Blend<kSub>(pl, x, &num, &den);
  }
  int32_t mean = int32_t((num + den / 2) / den);

  // Context bias correction: which neighbours sit above or below the blend,
  // and how busy the area is.
  const uint32_t* fu = pl.err_up + x;  // NW, N, NE
  const uint32_t* fc = pl.err_cur + x;      // W
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

template <int N>
inline void ClassicalPredictor::StoreErrors(int32_t v8, uint16_t* e) const {
  for (int j = 0; j < N; ++j) e[j] = uint16_t(std::min<int32_t>(std::abs(v8 - sub_pred_[j]), 65535));
}

void ClassicalPredictor::Update(uint32_t x, int k, int value) {
  Plane& pl = planes_[size_t(k)];
  pl.cur[x + 1] = value;
  const int32_t v8 = value * 8;
  uint16_t* e = pl.sub_err_cur + size_t(x + 1) * pl.sub;
  if (pl.sub == kSub) StoreErrors<kSub>(v8, e);
  else StoreErrors<kSubRef>(v8, e);
  pl.err_cur[x + 1] = uint32_t(std::abs(v8 - mean_));
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
