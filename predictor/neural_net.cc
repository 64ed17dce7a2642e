#include "predictor/neural_net.h"

namespace nlic {
namespace neural {

void RowLayer1Scalar(const NetSet& n, int set, const int8_t* feats, uint32_t count, int32_t* acc) {
  const int in = kAboveInputs[set];
  for (uint32_t x = 0; x < count; ++x) {
    const int8_t* f = feats + size_t(x) * kAboveStride;
    int32_t* a = acc + size_t(x) * kHidden1;
    for (int j = 0; j < kHidden1; ++j) {
      int32_t s = n.b1[j];
      for (int i = 0; i < in; ++i) s += int32_t(n.w1[j][i]) * f[i];
      a[j] = s;
    }
  }
}

void HeadScalar(const NetSet& n, int set, const int32_t* acc1, const int8_t* left, int32_t out[kOutputs]) {
  const int above = kAboveInputs[set], in = kLeftInputs[set];
  int32_t h1[kHidden1], h2[kHidden2];
  for (int j = 0; j < kHidden1; ++j) {
    int32_t s = acc1[j];
    for (int i = 0; i < in; ++i) s += int32_t(n.w1[j][above + i]) * left[i];
    h1[j] = Activation(s, n.m1[j]);
  }
  for (int j = 0; j < kHidden2; ++j) {
    int32_t s = n.b2[j];
    for (int i = 0; i < kHidden1; ++i) s += int32_t(n.w2[j][i]) * h1[i];
    h2[j] = Activation(s, n.m2[j]);
  }
  for (int j = 0; j < kOutputs; ++j) {
    int32_t s = n.b3[j];
    for (int i = 0; i < kHidden2; ++i) s += int32_t(n.w3[j][i]) * h2[i];
    out[j] = Requant(s, n.m3[j]);
  }
}

}  // namespace neural
}  // namespace nlic
