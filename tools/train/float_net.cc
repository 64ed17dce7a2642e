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
  a1.assign(kHidden1, kActScale);
  a2.assign(kHidden2, kActScale);
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

float Act(float z, bool fq, float scale) {
  float h = std::clamp(z, 0.0f, neural::kActMax / scale);
  return fq ? Round(h * scale) / scale : h;
}

void Forward(const FloatNet& n, const std::vector<float>& q, const Sample& s, bool fq, Pass* f) {
  for (int i = 0; i < n.in; ++i) f->x[i] = s.in[i] / kInputScale;
  for (int j = 0; j < kHidden1; ++j) {
    const float* w = &q[n.o_w1 + size_t(j) * n.in];
    float z = q[n.o_b1 + j];
    for (int i = 0; i < n.in; ++i) z += w[i] * f->x[i];
    f->z1[j] = z;
    f->h1[j] = Act(z, fq, n.a1[j]);
  }
  for (int j = 0; j < kHidden2; ++j) {
    const float* w = &q[n.o_w2 + size_t(j) * kHidden1];
    float z = q[n.o_b2 + j];
    for (int i = 0; i < kHidden1; ++i) z += w[i] * f->h1[i];
    f->z2[j] = z;
    f->h2[j] = Act(z, fq, n.a2[j]);
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
    const float gz = (f.z2[j] > 0 && f.z2[j] < neural::kActMax / a2[j]) ? gh2[j] : 0.0f;
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
    const float gz = (f.z1[j] > 0 && f.z1[j] < neural::kActMax / a1[j]) ? gh1[j] : 0.0f;
    if (gz == 0) continue;
    g[o_b1 + j] += gz;
    float* gw = g + o_w1 + size_t(j) * in;
    for (int i = 0; i < in; ++i) gw[i] += gz * f.x[i];
  }
  return bits;
}

namespace {

// Per-neuron weight step on the integer inputs: the largest |weight /
// input scale| of the row maps to 63. The bias is in accumulator units, the
// same step.
float RowStep(const float* w, const float* xs, int n) {
  float m = 0;
  for (int i = 0; i < n; ++i) m = std::max(m, std::fabs(w[i] / xs[i]));
  return m > 0 ? m / neural::kWeightMax : 1.0f;
}

// Rounds layer (rows x cols at off, biases at boff) in place; `xs[i]` is
// how many integer units one float unit of input i is.
void QuantizeLayer(std::vector<float>& q, size_t off, size_t boff, int rows, int cols, const float* xs) {
  for (int j = 0; j < rows; ++j) {
    float* w = &q[off + size_t(j) * cols];
    const float st = RowStep(w, xs, cols);
    for (int i = 0; i < cols; ++i) w[i] = Round(w[i] / xs[i] / st) * st * xs[i];
    q[boff + j] = std::clamp(Round(q[boff + j] / st), -float(neural::kBiasMax), float(neural::kBiasMax)) * st;
  }
}

}  // namespace

void FloatNet::CalibrateScales(const std::vector<Sample>& data, double quantile, float max_scale) {
  a1.assign(kHidden1, kActScale);
  a2.assign(kHidden2, kActScale);
  const size_t stride = std::max<size_t>(1, data.size() / 400000);
  std::vector<std::vector<float>> z1(kHidden1), z2(kHidden2);
  for (size_t i = 0; i < data.size(); i += stride) {
    Pass f;
    Forward(*this, p, data[i], false, &f);
    for (int j = 0; j < kHidden1; ++j) z1[j].push_back(f.h1[j]);
    for (int j = 0; j < kHidden2; ++j) z2[j].push_back(f.h2[j]);
  }
  auto fit = [&](std::vector<float>& v) {
    const size_t k = std::min(v.size() - 1, size_t(quantile * double(v.size() - 1)));
    std::nth_element(v.begin(), v.begin() + k, v.end());
    const float top = v[k];
    if (!(top > 0)) return kActScale;
    return std::clamp(float(neural::kActMax) / top, kActScale, max_scale);
  };
  // Layer 1's scales first: layer 2's range is measured through them.
  for (int j = 0; j < kHidden1; ++j) a1[j] = fit(z1[j]);
  for (auto& v : z2) v.clear();
  for (size_t i = 0; i < data.size(); i += stride) {
    Pass f;
    Forward(*this, p, data[i], false, &f);
    for (int j = 0; j < kHidden2; ++j) z2[j].push_back(f.h2[j]);
  }
  for (int j = 0; j < kHidden2; ++j) a2[j] = fit(z2[j]);
}

std::vector<float> FloatNet::Quantized() const {
  std::vector<float> q = p;
  const std::vector<float> xs(in, kInputScale);
  QuantizeLayer(q, o_w1, o_b1, kHidden1, in, xs.data());
  QuantizeLayer(q, o_w2, o_b2, kHidden2, kHidden1, a1.data());
  QuantizeLayer(q, o_w3, o_b3, kOutputs, kHidden2, a2.data());
  return q;
}

neural::NetSet FloatNet::ToInteger() const {
  neural::NetSet n{};
  // os[j]: integer units per float unit of output j (the unit's activation
  // scale for hidden units, 256ths for the outputs); mul = step * os * 2^16.
  auto layer = [&](size_t off, size_t boff, int rows, int cols, const float* xs, const float* os, auto* w,
                   int32_t* b, int32_t* m) {
    for (int j = 0; j < rows; ++j) {
      const float* row = &p[off + size_t(j) * cols];
      const float st = RowStep(row, xs, cols);
      for (int i = 0; i < cols; ++i) w[j][i] = int8_t(Round(row[i] / xs[i] / st));
      b[j] = int32_t(std::clamp(Round(p[boff + j] / st), -float(neural::kBiasMax), float(neural::kBiasMax)));
      m[j] = int32_t(std::clamp(std::nearbyint(double(st) * os[j] * 65536.0), 0.0, double(neural::kMulMax)));
    }
  };
  const std::vector<float> xs(in, kInputScale), out_scale(kOutputs, 256.0f);
  layer(o_w1, o_b1, kHidden1, in, xs.data(), a1.data(), n.w1, n.b1, n.m1);
  layer(o_w2, o_b2, kHidden2, kHidden1, a1.data(), a2.data(), n.w2, n.b2, n.m2);
  layer(o_w3, o_b3, kOutputs, kHidden2, a2.data(), out_scale.data(), n.w3, n.b3, n.m3);
  neural::PackWeights(set, &n);
  return n;
}

}  // namespace train
}  // namespace nlic
