// The classical causal predictor: a blend of simple neighbour predictors,
// each weighted by how well it did on the neighbouring samples (error
// feedback), followed by a context bias correction. Channels after the first
// also blend predictors of the difference to the reference channel, which is
// an adaptive colour decorrelation. Integer only.
#pragma once

#include <cstdint>
#include <vector>

#include "predictor/channel_order.h"
#include "predictor/prediction.h"

namespace nlic {

class ClassicalPredictor {
 public:
  // Identifier written to the container; bump when predictions change.
  static constexpr uint64_t kModelId = 1;
  static constexpr int kSub = 8;  // sub-predictors blended per sample

  ClassicalPredictor(uint32_t width, const ChannelOrder& order, int bit_depth);

  void StartRow(const RowWindow& rows);
  Prediction Predict(uint32_t x, int k);
  void Update(uint32_t x, int k, int value);

 private:
  struct Neighbours {
    int32_t W, N, NW, NE, NN;
  };
  Neighbours Load(uint32_t x, int ch) const;

  struct Plane {
    // Per column (offset by 1 so x-1 and x+1 stay in bounds): each
    // sub-predictor's |error| and the blend's |error|, for this row and the last.
    std::vector<uint16_t> sub_err[2];
    std::vector<uint32_t> err[2];
    std::vector<int32_t> bias_sum;
    std::vector<int32_t> bias_count;
  };

  uint32_t width_;
  ChannelOrder order_;
  int channels_;
  int32_t max8_;
  int32_t mid_;
  RowWindow rows_;
  int cur_ = 0;  // which of the two error rows is the current one
  std::vector<Plane> planes_;

  // State carried from Predict() to Update() of the same sample.
  int32_t sub_pred_[kSub];
  int32_t raw_mean_ = 0, mean_ = 0;
  uint32_t bias_ctx_ = 0;
  int32_t ref_residual_ = 0;  // of coding position 0 at the current pixel, 1/8 units
};

}  // namespace nlic
