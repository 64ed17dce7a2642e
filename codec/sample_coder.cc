#include "codec/sample_coder.h"

#include <algorithm>

namespace nlic {

SampleCoder::SampleCoder(uint32_t width, int channels, int bit_depth)
    : channels_(channels),
      maxval_(int32_t((1u << bit_depth) - 1)),
      t1_(size_t(channels) * kSlots * 8 * 25),
      t2_(size_t(channels) * kSlots * 8 * 32),
      mant_(size_t(channels) * 17 * 16),
      mixer_(channels * kSlots * 4),
      apm_(channels * kSlots * kScaleBuckets) {
  for (int k = 0; k < channels; ++k)
    for (int r = 0; r < 2; ++r) resid_[k][r].assign(width + 2, 0);
}

void SampleCoder::StartRow(bool top) {
  cur_ ^= 1;
  for (int k = 0; k < channels_; ++k) {
    if (top) std::fill(resid_[k][cur_ ^ 1].begin(), resid_[k][cur_ ^ 1].end(), 0);
    left_[k] = resid_[k][cur_].data();
    up_[k] = resid_[k][cur_ ^ 1].data();
  }
}

}  // namespace nlic
