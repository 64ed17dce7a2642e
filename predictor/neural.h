// The neural predictor: the classical predictor's blend refined by a small
// integer network (neural_net.h) that sees a wider causal neighbourhood, the
// classical residuals around the sample and, for red and blue, the green
// channel. It outputs a correction to the classical mean and a scale of its
// own; an online LMS stacker (lms_refiner.h) then adapts the mean to the
// image. Positions without a network set (alpha) and a stripe's top row,
// which has nothing above, use the classical prediction unchanged.
//
// Same interface as ClassicalPredictor, so the coding loop
// (codec/stripe_codec.h) is shared.
#pragma once

#include <cstdint>
#include <vector>

#include "codec/zeroed_array.h"
#include "predictor/classical.h"
#include "predictor/lms_refiner.h"
#include "predictor/neural_features.h"
#include "predictor/neural_model.h"
#include "predictor/neural_net.h"

namespace nlic {

namespace neural_internal {

// 2^(i/16) * 4.159 * 2^12: Prediction::scale is about 3x the mean |residual|
// in 1/8 units, and a logistic of scale s has mean |x| = 2 ln 2 * s.
struct ScaleTable {
  uint32_t t[16];
  constexpr ScaleTable() : t() {
    // 2^(i/16) in 1/2^20, written out: constexpr std::exp2 is not portable.
    constexpr uint32_t kExp2[16] = {1048576, 1095000, 1143480, 1194106, 1246974, 1302182, 1359835, 1420040,
                                    1482910, 1548564, 1617125, 1688722, 1763488, 1841564, 1923097, 2008240};
    for (int i = 0; i < 16; ++i) t[i] = uint32_t((uint64_t(kExp2[i]) * 4259 + (1u << 19)) >> 20);
  }
};
inline constexpr ScaleTable kScaleTable;

// The network's log scale e (1/16 octaves, in 1/8 units) as a Prediction::scale.
inline uint32_t ScaleFromLog(int32_t e) {
  e = std::clamp(e, 0, 16 * 26);
  return uint32_t((uint64_t(kScaleTable.t[e & 15]) << (e >> 4)) >> 10);
}

// The above-stream (layer 1's share of the rows above) is computed for this
// many columns at a time, when the coding loop reaches them: batched enough
// for the matrix kernel, small enough that its buffers do not grow with the
// width (a forged 2^24-pixel row must not cost gigabytes before its payload
// has shown it is real).
inline constexpr uint32_t kBlockColumns = 64;

// Which network set codes position K with reference kRef; -1 for none
// (alpha): K = 0 is the first channel, K = 1, 2 with a reference are red and
// blue.
constexpr int SetFor(int K, int kRef) { return K == 0 ? 0 : (kRef >= 0 && K <= 2 ? K : -1); }

}  // namespace neural_internal

class NeuralPredictor {
 public:
  // The classical state. Its refiner fields (lms_in, lms_mean) serve this
  // predictor's own refiner, which runs after the network where the
  // classical one does not run at all: lms_mean is -1 when the sample was
  // not refined (a top row or a position without a set).
  using State = ClassicalPredictor::State;

  NeuralPredictor(uint32_t width, const ChannelOrder& order, int bit_depth, const neural::NeuralModel& model);

  void StartRow(const RowWindow& rows);

  template <int K, int kRef, bool kTop>
  Prediction Predict(uint32_t x, State& s);
  template <int K, int kRef>
  void Update(uint32_t x, int value, State& s);

  // The stripe's refiner bit (spec/neural.md 7.2), coded at the start of
  // row RefinerBitRow(): whether the refiner has paid on the rows so far
  // (cut the absolute error of the means it refined by at least 1/256),
  // and turning it off for the rest of the stripe. The refiner costs about
  // 6% of the instructions (callgrind, kodim05 at effort 5); on Kodak it
  // saves 0.07% in all and nothing on half the stripes, on textures up to
  // 17% (measured on train/: keeping it by this rule cost 0.07% against
  // keeping it everywhere).
  bool RefinerPays() const { return refined_err_ * 256 < net_err_ * 255; }
  void SetRefiner(bool on) {
    refine_ = on;
    judging_ = false;
  }

  // The network's inputs for position K at column x, as Predict() sees them
  // (the trainer records these). Call between Predict() and Update().
  void Inputs(int K, uint32_t x, const State& s, int8_t* out, int* k) const;

 private:
  struct Net {
    int set = -1;
    int ref = -1;
    // Classical residuals (value*8 - mean), this row and the last, padded
    // by one column like the classical rows. Zeroed lazily (see
    // codec/zeroed_array.h): a stripe starts with both rows at 0.
    ZeroedArray<int32_t> res[2];
    int32_t* res_cur = nullptr;
    const int32_t* res_up = nullptr;
    // The current block of kBlockColumns columns (Block()).
    int8_t k[neural_internal::kBlockColumns];                          // normalising shift
    alignas(64) int8_t feats[neural_internal::kBlockColumns * neural::kAboveStride] = {};  // above inputs
    alignas(32) int32_t acc1[neural_internal::kBlockColumns * neural::kHidden1];  // layer 1's above part
    // This row's inputs sources (StartRow), and the views they point at.
    neural::FeatureRows rows{};
    ClassicalPredictor::PlaneView ref_view{}, q_view{};
  };

  // Fills position K's block starting at column x0.
  void Block(int K, uint32_t x0);

  ClassicalPredictor classical_;
  const neural::NeuralModel& model_;
  const neural::Kernels& kernels_;
  uint32_t width_;
  int channels_;
  int32_t max8_;
  int cur_ = 0;
  Net nets_[4];
  LmsRefiner refiner_;
  bool refine_ = true;
  // Sums over the refined samples before the refiner bit of |8v - the
  // network's mean| and |8v - the refined mean| (RefinerPays()); once the
  // bit is coded (SetRefiner), nothing reads them, so they stop.
  bool judging_ = true;
  uint64_t net_err_ = 0, refined_err_ = 0;
};

template <int K, int kRef, bool kTop>
[[gnu::always_inline]] inline Prediction NeuralPredictor::Predict(uint32_t x, State& s) {
  using namespace neural_internal;
  const Prediction cp = classical_.template Predict<K, kRef, kTop>(x, s);
  constexpr int kSet = SetFor(K, kRef);
  if constexpr (kTop || kSet < 0) {
    s.lms_mean = -1;
    return cp;
  } else {
    Net& n = nets_[K];
    // The refiner's inputs: other predictions, which it sees as differences
    // to the network's mean. The first channel's eight classical shapes
    // include W, N, NW and NE; a referenced channel's four are
    // colour-difference shapes, so its own W, N, NW, NE are added. They are
    // known before the network runs, so the refiner's dot product is begun
    // here (LmsRefiner::Begin) and only finished once the mean is known.
    int32_t* d = s.lms_in.v;
    LmsRefiner::Partial lms{};
    if (refine_) {
      const int32_t* cur = n.rows.p.cur + x;
      const int32_t* up = n.rows.p.up + x;
      LmsRefiner::Gather<(kRef >= 0)>(s.sub_pred, cur[0], up[1], up[0], up[2], s.mean, &s.lms_in);
      lms = refiner_.Begin(K, s.lms_in);
    }
    const uint32_t b = x % neural_internal::kBlockColumns;
    if (b == 0) Block(K, x);
    const int k = n.k[b];
    alignas(16) int8_t left[neural::kLeftBytes];
    const int32_t q_resid = kSet == 2 ? nets_[1].res_cur[x + 1] : 0;
    neural::LeftFeatures(n.rows, kSet, x, s.mean, s.ref_residual, q_resid, k, left);
    int32_t out[neural::kOutputs];
    kernels_.head(model_.sets[kSet], kSet, n.acc1 + b * neural::kHidden1, left, out);
    // Correction in 1/256 of a network unit (2^k eighths), log scale in
    // 1/256 octaves of a network unit; both clamped to what training saw.
    const int32_t c = std::clamp(out[0], -64 * 256, 64 * 256);
    int32_t mean = s.mean + int32_t((int64_t(c) << k) >> 8);
    mean = std::clamp(mean, 0, max8_);
    s.lms_mean = -1;
    if (refine_) {
      // The update's inputs are the differences to the network's mean.
      for (int j = 0; j < LmsRefiner::kInputs; ++j) d[j] -= mean;
      s.net_mean = mean;
      mean = LmsRefiner::End(lms, mean, max8_);
      s.lms_mean = mean;
    }
    const int32_t ls = std::clamp(out[1] >> 4, -160, 160);
    return Prediction{mean, ScaleFromLog(16 * k + ls)};
  }
}

template <int K, int kRef>
[[gnu::always_inline]] inline void NeuralPredictor::Update(uint32_t x, int value, State& s) {
  nets_[K].res_cur[x + 1] = value * 8 - s.mean;
  if constexpr (neural_internal::SetFor(K, kRef) >= 0) {
    if (s.lms_mean >= 0) {
      if (judging_) {
        net_err_ += uint32_t(std::abs(value * 8 - s.net_mean));
        refined_err_ += uint32_t(std::abs(value * 8 - s.lms_mean));
      }
      refiner_.Update(K, value * 8 - s.lms_mean, s.lms_in);
    }
  }
  classical_.template Update<K, kRef>(x, value, s);
}

}  // namespace nlic
