#include "predictor/neural_features.h"

namespace nlic {
namespace neural {

void AboveBlockScalar(const FeatureRows& f, int set, uint32_t x0, uint32_t count, uint32_t w, int8_t* k, int8_t* feats) {
  for (uint32_t j = 0; j < count; ++j) AboveColumn(f, set, x0 + j, w, k + j, feats + size_t(j) * kAboveStride);
}

}  // namespace neural
}  // namespace nlic
