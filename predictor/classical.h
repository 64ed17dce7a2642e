// The classical causal predictor: a blend of simple neighbour predictors,
// each weighted by how well it did on the neighbouring samples (error
// feedback), followed by a context bias correction. The first channel blends
// 8 spatial shapes; channels with a reference channel blend 4 shapes of the
// difference to it instead (an adaptive colour decorrelation). Integer only.
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
  static constexpr int kSub = 8;     // sub-predictors blended, first channel
  static constexpr int kSubRef = 4;  // the same for channels with a reference

  ClassicalPredictor(uint32_t width, const ChannelOrder& order, int bit_depth);

  void StartRow(const RowWindow& rows);
  Prediction Predict(uint32_t x, int k);
  void Update(uint32_t x, int k, int value);

 private:
  struct Neighbours {
    int32_t W, N, NW, NE, NN;
  };

  struct Plane {
    int sub;  // sub-predictors blended: kSub or kSubRef
    // Samples of this coding position for the rows y, y-1, y-2, padded by
    // one column each side (column x lives at x+1). The padding holds the
    // edge replacements, so the inner loop loads neighbours without tests.
    std::vector<int32_t> row[3];
    // Per column (offset by 1 so x-1 and x+1 stay in bounds): each
    // sub-predictor's |error| and the blend's |error|, for this row and the last.
    std::vector<uint16_t> sub_err[2];
    std::vector<uint32_t> err[2];
    // Row-above part of each sub-predictor's error sum (NW + 2N + NE),
    // computed once per row in a loop the compiler vectorises.
    std::vector<uint32_t> up_err;
    std::vector<int32_t> bias_sum;
    std::vector<int32_t> bias_count;
    // This row's views of the buffers above, set by StartRow().
    int32_t* cur;
    const int32_t *up, *up2;
    uint16_t* sub_err_cur;
    uint32_t *err_cur, *err_up;
  };

  template <int N>
  void Blend(const Plane& pl, uint32_t x, int64_t* num, int64_t* den) const;
  template <int N>
  void StoreErrors(int32_t v8, uint16_t* e) const;

  uint32_t width_;
  ChannelOrder order_;
  int channels_;
  int32_t max8_;
  int32_t mid_;
  bool top_ = true;  // first row of a stripe: only W is known
  int cur_ = 0;      // which of the two error rows is the current one
  int row_ = 0;      // which of the three sample rows is the current one
  std::vector<Plane> planes_;

  // State carried from Predict() to Update() of the same sample.
  int32_t sub_pred_[kSub];
  int32_t raw_mean_ = 0, mean_ = 0;
  uint32_t bias_ctx_ = 0;
  int32_t ref_residual_ = 0;  // of coding position 0 at the current pixel, 1/8 units
};

}  // namespace nlic
