#include "tools/train/float_net.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace nlic {
namespace train {

using neural::kHidden1;
using neural::kHidden2;
using neural::kOutputs;

FloatNet::FloatNet(int s) : set(s), in(neural::kAboveInputs[s] + neural::kLeftInputs[s]) {
  o_w1 = 0;
  o_b1 = o_w1 + size_t(kHidden1) * in;
  o_w2 = o_b1 + kHidden1;
  o_b2 = o_w2 + size_t(kHidden2) * kHidden1;
  o_w3 = o_b2 + kHidden2;
  o_b3 = o_w3 + size_t(kOutputs) * kHidden2;
  p.assign(o_b3 + kOutputs, 0.0f);
}

void FloatNet::Init(uint64_t seed, float mean_log_scale) {
  std::mt19937_64 rng(seed);
  auto fill = [&](size_t off, int rows, int cols, float gain) {
    std::uniform_real_distribution<float> u(-gain / std::sqrt(float(cols)), gain / std::sqrt(float(cols)));
    for (int i = 0; i < rows * cols; ++i) p[off + i] = u(rng);
  };
  fill(o_w1, kHidden1, in, 1.7f);
  fill(o_w2, kHidden2, kHidden1, 1.7f);
  fill(o_w3, kOutputs, kHidden2, 0.1f);
  for (int j = 0; j < kHidden1; ++j) p[o_b1 + j] = 0.5f;
  for (int j = 0; j < kHidden2; ++j) p[o_b2 + j] = 0.5f;
  p[o_b3 + 1] = mean_log_scale;
}

double LogisticBits(double t, double h, double mu, double ls, double* d_mu, double* d_ls) {
  const double s = std::exp2(ls);
  double a = (t + h - mu) / s, b = (t - h - mu) / s;
  // P = sigmoid(a) - sigmoid(b), computed on the side where it does not cancel.
  const bool flip = a + b > 0;
  if (flip) std::swap(a, b), a = -a, b = -b;
  const double sa = 1 / (1 + std::exp(-a)), sb = 1 / (1 + std::exp(-b));
  double P = sa - sb;
  const double kFloor = 1e-12;
  const bool floored = P < kFloor;
  if (floored) P = kFloor;
  if (d_mu) {
    if (floored) {
      *d_mu = 0, *d_ls = 0;
    } else {
      // dP/da = sa(1-sa), dP/db = -sb(1-sb); a, b depend on mu and s.
      const double ga = sa * (1 - sa), gb = sb * (1 - sb);
      const double sign = flip ? -1 : 1;
      const double dP_dmu = sign * (-(ga - gb) / s);
      const double dP_ds = -(ga * a - gb * b) / s;
      *d_mu = -dP_dmu / (P * std::log(2.0));
      *d_ls = -dP_ds * s * std::log(2.0) / (P * std::log(2.0));
    }
  }
  return -std::log2(P);
}

namespace {

inline float Round(float v) { return std::nearbyint(v); }

// Forward pass, keeping what the backward pass needs.
struct Pass {
  float x[neural::kMaxInputs];
  float z1[kHidden1], h1[kHidden1], z2[kHidden2], h2[kHidden2], o[kOutputs];
};

float Act(float z, bool fq) {
  float h = std::clamp(z, 0.0f, neural::kActMax / kActScale);
  return fq ? Round(h * kActScale) / kActScale : h;
}

void Forward(const FloatNet& n, const std::vector<float>& q, const Sample& s, bool fq, Pass* f) {
  for (int i = 0; i < n.in; ++i) f->x[i] = s.in[i] / kInputScale;
  for (int j = 0; j < kHidden1; ++j) {
    const float* w = &q[n.o_w1 + size_t(j) * n.in];
    float z = q[n.o_b1 + j];
    for (int i = 0; i < n.in; ++i) z += w[i] * f->x[i];
    f->z1[j] = z;
    f->h1[j] = Act(z, fq);
  }
  for (int j = 0; j < kHidden2; ++j) {
    const float* w = &q[n.o_w2 + size_t(j) * kHidden1];
    float z = q[n.o_b2 + j];
    for (int i = 0; i < kHidden1; ++i) z += w[i] * f->h1[i];
    f->z2[j] = z;
    f->h2[j] = Act(z, fq);
  }
  for (int j = 0; j < kOutputs; ++j) {
    const float* w = &q[n.o_w3 + size_t(j) * kHidden2];
    float z = q[n.o_b3 + j];
    for (int i = 0; i < kHidden2; ++i) z += w[i] * f->h2[i];
    f->o[j] = z;
  }
  // The integer network clamps its outputs (predictor/neural.h).
  f->o[0] = std::clamp(f->o[0], -64.0f, 64.0f);
  f->o[1] = std::clamp(f->o[1], -10.0f, 10.0f);
  if (fq) {
    f->o[0] = Round(f->o[0] * 256) / 256;
    f->o[1] = std::floor(f->o[1] * 16) / 16;
  }
}

double SampleBits(const Pass& f, const Sample& s, double* d_mu, double* d_ls) {
  const double unit = std::ldexp(1.0, s.k);  // eighths per network unit
  return LogisticBits(s.target / unit, 4 / unit, f.o[0], f.o[1], d_mu, d_ls);
}

}  // namespace

double FloatNet::Loss(const Sample& s, const std::vector<float>& q, bool fq) const {
  Pass f;
  Forward(*this, q, s, fq, &f);
  return SampleBits(f, s, nullptr, nullptr);
}

double FloatNet::LossAndGrad(const Sample& s, const std::vector<float>& q, bool fq, std::vector<float>* grad) const {
  Pass f;
  Forward(*this, q, s, fq, &f);
  double d_mu, d_ls;
  const double bits = SampleBits(f, s, &d_mu, &d_ls);
  float* g = grad->data();
  const float go[kOutputs] = {float(d_mu), float(d_ls)};
  float gh2[kHidden2] = {};
  for (int j = 0; j < kOutputs; ++j) {
    g[o_b3 + j] += go[j];
    float* gw = g + o_w3 + size_t(j) * kHidden2;
    const float* w = &q[o_w3 + size_t(j) * kHidden2];
    for (int i = 0; i < kHidden2; ++i) {
      gw[i] += go[j] * f.h2[i];
      gh2[i] += go[j] * w[i];
    }
  }
  float gh1[kHidden1] = {};
  for (int j = 0; j < kHidden2; ++j) {
    const float gz = (f.z2[j] > 0 && f.z2[j] < neural::kActMax / kActScale) ? gh2[j] : 0.0f;
    if (gz == 0) continue;
    g[o_b2 + j] += gz;
    float* gw = g + o_w2 + size_t(j) * kHidden1;
    const float* w = &q[o_w2 + size_t(j) * kHidden1];
    for (int i = 0; i < kHidden1; ++i) {
      gw[i] += gz * f.h1[i];
      gh1[i] += gz * w[i];
    }
  }
  for (int j = 0; j < kHidden1; ++j) {
    const float gz = (f.z1[j] > 0 && f.z1[j] < neural::kActMax / kActScale) ? gh1[j] : 0.0f;
    if (gz == 0) continue;
    g[o_b1 + j] += gz;
    float* gw = g + o_w1 + size_t(j) * in;
    for (int i = 0; i < in; ++i) gw[i] += gz * f.x[i];
  }
  return bits;
}

namespace {

// Per-neuron weight step: the largest |weight| of the row maps to 63.
float RowStep(const float* w, int n) {
  float m = 0;
  for (int i = 0; i < n; ++i) m = std::max(m, std::fabs(w[i]));
  return m > 0 ? m / neural::kWeightMax : 1.0f;
}

// Rounds layer (rows x cols at off, biases at boff) in place; `x_scale` is
// how many integer units one float unit of the layer's input is.
void QuantizeLayer(std::vector<float>& q, size_t off, size_t boff, int rows, int cols, float x_scale) {
  for (int j = 0; j < rows; ++j) {
    float* w = &q[off + size_t(j) * cols];
    const float st = RowStep(w, cols);
    for (int i = 0; i < cols; ++i) w[i] = Round(w[i] / st) * st;
    // Bias in accumulator units (weight step times input unit).
    const float bu = st / x_scale;
    q[boff + j] = std::clamp(Round(q[boff + j] / bu), -float(neural::kBiasMax), float(neural::kBiasMax)) * bu;
  }
}

}  // namespace

std::vector<float> FloatNet::Quantized() const {
  std::vector<float> q = p;
  QuantizeLayer(q, o_w1, o_b1, kHidden1, in, kInputScale);
  QuantizeLayer(q, o_w2, o_b2, kHidden2, kHidden1, kActScale);
  QuantizeLayer(q, o_w3, o_b3, kOutputs, kHidden2, kActScale);
  return q;
}

neural::NetSet FloatNet::ToInteger() const {
  neural::NetSet n{};
  // out_scale: integer units per float unit of the layer's output (16ths for
  // hidden units, 256ths for the outputs); mul = step / x_scale * out_scale * 2^16.
  auto layer = [&](size_t off, size_t boff, int rows, int cols, float x_scale, float out_scale, auto* w,
                   int32_t* b, int32_t* m) {
    for (int j = 0; j < rows; ++j) {
      const float* row = &p[off + size_t(j) * cols];
      const float st = RowStep(row, cols);
      for (int i = 0; i < cols; ++i) w[j][i] = int8_t(Round(row[i] / st));
      const float bu = st / x_scale;
      b[j] = int32_t(std::clamp(Round(p[boff + j] / bu), -float(neural::kBiasMax), float(neural::kBiasMax)));
      m[j] = int32_t(std::clamp(std::nearbyint(double(bu) * out_scale * 65536.0), 0.0, double(neural::kMulMax)));
    }
  };
  layer(o_w1, o_b1, kHidden1, in, kInputScale, kActScale, n.w1, n.b1, n.m1);
  layer(o_w2, o_b2, kHidden2, kHidden1, kActScale, kActScale, n.w2, n.b2, n.m2);
  layer(o_w3, o_b3, kOutputs, kHidden2, kActScale, 256.0f, n.w3, n.b3, n.m3);
  neural::PackWeights(set, &n);
  return n;
}

}  // namespace train
}  // namespace nlic
