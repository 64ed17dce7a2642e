#include "predictor/classical.h"

#include <algorithm>

namespace nlic {

ClassicalPredictor::ClassicalPredictor(uint32_t width, const ChannelOrder& order, int bit_depth, bool refine)
    : width_(width), channels_(order.count), refine_(refine) {
  max8_ = int32_t(((1u << bit_depth) - 1) << kMeanShift);
  mid_ = int32_t(1u << (bit_depth - 1));
  for (int k = 0; k < channels_; ++k) {
    Plane& p = planes_[k];
    p.sub = order.reference[k] >= 0 ? kSubRef : kSub;
    for (int r = 0; r < 3; ++r) p.row[r] = ZeroedArray<int32_t>(size_t(width) + 2);
    for (int r = 0; r < 2; ++r) {
      p.sub_err[r] = ZeroedArray<uint16_t>((size_t(width) + 2) * p.sub);
      p.err[r] = ZeroedArray<uint32_t>(size_t(width) + 2);
    }
    p.up_err = ZeroedArray<uint32_t>(size_t(width) * p.sub);
    p.bias.assign(classical_internal::kBiasContexts, Bias{0, 0});
  }
}

void ClassicalPredictor::StartRow(const RowWindow& rows) {
  cur_ ^= 1;
  row_ = row_ == 2 ? 0 : row_ + 1;
  const bool top = !rows.up1;
  const uint32_t w = width_;
  for (int k = 0; k < channels_; ++k) {
    Plane& p = planes_[k];
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
    if (top) {
      // Top of a stripe: nothing above, so no error history either; W at
      // x = 0 is the mid value and every other neighbour equals W. A stripe
      // starts with a new predictor, whose error rows are still all zero:
      // clearing them here would touch every column before a single sample
      // is decoded.
      cur[0] = mid_;
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

}  // namespace nlic
