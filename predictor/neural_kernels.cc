// Choosing the network kernels: a fast path is used only if it reproduces
// the scalar reference on a battery of inputs on this very CPU, checked once
// per process.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "predictor/neural_net.h"

namespace nlic {
namespace neural {

const Kernels* Avx2Kernels(bool* cpu_supports);  // neural_net_avx2.cc
const Kernels* VnniKernels(bool* cpu_supports);  // neural_net_vnni.cc

namespace {

struct Lcg {
  uint64_t s;
  int32_t Next(int32_t lo, int32_t hi) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return lo + int32_t((s >> 33) % uint64_t(hi - lo + 1));
  }
};

// Random networks and inputs, with the extremes of every range mixed in
// (the corners are where wrong saturation or overflow would show).
NetSet RandomSet(int set, Lcg& g) {
  NetSet n{};
  auto w = [&] { return int8_t(g.Next(0, 3) == 0 ? (g.Next(0, 1) ? kWeightMax : -kWeightMax) : g.Next(-kWeightMax, kWeightMax)); };
  auto m = [&] { return g.Next(0, 3) == 0 ? kMulMax : g.Next(0, 1 << 18); };
  auto b = [&] { return g.Next(-kBiasMax / 64, kBiasMax / 64); };
  for (auto& r : n.w1) for (auto& v : r) v = w();
  for (auto& r : n.w2) for (auto& v : r) v = w();
  for (auto& r : n.w3) for (auto& v : r) v = w();
  for (int j = 0; j < kHidden1; ++j) n.b1[j] = b(), n.m1[j] = m();
  for (int j = 0; j < kHidden2; ++j) n.b2[j] = b(), n.m2[j] = m();
  for (int j = 0; j < kOutputs; ++j) n.b3[j] = b(), n.m3[j] = m();
  PackWeights(set, &n);
  return n;
}

// The above inputs of a random block: random rows of samples (8- or
// 16-bit), blend errors and residuals with their extremes mixed in, a
// random width and block start, so that blocks meet both edges as well as
// the interior.
bool AboveAgree(const Kernels& fast, int set, Lcg& g) {
  const uint32_t w = uint32_t(g.Next(1, 100));
  const int32_t maxv = g.Next(0, 1) ? 255 : 65535;
  auto pick = [&](int32_t lo, int32_t hi) { return g.Next(0, 3) == 0 ? (g.Next(0, 1) ? hi : lo) : g.Next(lo, hi); };
  // Rows are padded by a column each side, like the codec's.
  auto rows = [&](int32_t lo, int32_t hi) {
    std::vector<int32_t> v(w + 2);
    for (auto& e : v) e = pick(lo, hi);
    return v;
  };
  const std::vector<int32_t> up = rows(0, maxv), up2 = rows(0, maxv), cur = rows(0, maxv), rup = rows(0, maxv),
                             rup2 = rows(0, maxv), res = rows(-8 * maxv, 8 * maxv), res1 = rows(-8 * maxv, 8 * maxv),
                             res2 = rows(-8 * maxv, 8 * maxv);
  std::vector<uint32_t> err(w + 2);
  for (auto& e : err) e = uint32_t(pick(0, 8 * maxv));
  const ClassicalPredictor::PlaneView p{cur.data(), up.data(), up2.data(), err.data()};
  const ClassicalPredictor::PlaneView r{cur.data(), rup.data(), rup2.data(), err.data()};
  const bool rgb = g.Next(0, 1);
  const FeatureRows f{p,
                      set ? &r : nullptr,
                      set == 2 ? &r : nullptr,
                      res.data(),
                      res.data(),
                      set == 0 && rgb ? res1.data() : nullptr,
                      set == 0 && rgb ? res1.data() : nullptr,
                      set == 0 && rgb ? res2.data() : nullptr,
                      set == 0 && rgb ? res2.data() : nullptr};
  const uint32_t x0 = uint32_t(g.Next(0, int32_t(w) - 1)), count = std::min<uint32_t>(64, w - x0);
  alignas(64) int8_t ka[64] = {}, kb[64] = {}, fa[64 * kAboveStride] = {}, fb[64 * kAboveStride] = {};
  ScalarKernels().above_block(f, set, x0, count, w, ka, fa);
  fast.above_block(f, set, x0, count, w, kb, fb);
  return std::memcmp(ka, kb, sizeof(ka)) == 0 && std::memcmp(fa, fb, sizeof(fa)) == 0;
}

}  // namespace

bool KernelsAgree(const Kernels& fast, uint64_t seed, int rounds) {
  const Kernels& ref = ScalarKernels();
  Lcg g{seed};
  for (int round = 0; round < rounds; ++round) {
    const int set = round % kSets;
    const NetSet n = RandomSet(set, g);
    if (!AboveAgree(fast, set, g)) return false;
    constexpr uint32_t kCols = 17;
    int8_t feats[kCols * kAboveStride], left[kMaxInputs];
    auto input = [&] { return int8_t(g.Next(0, 3) == 0 ? (g.Next(0, 1) ? 127 : -127) : g.Next(-127, 127)); };
    for (auto& v : feats) v = input();
    for (auto& v : left) v = input();
    int32_t a[kCols * kHidden1], b[kCols * kHidden1];
    ref.row_layer1(n, set, feats, kCols, a);
    fast.row_layer1(n, set, feats, kCols, b);
    if (std::memcmp(a, b, sizeof(a)) != 0) return false;
    for (uint32_t x = 0; x < kCols; ++x) {
      int32_t oa[kOutputs], ob[kOutputs];
      ref.head(n, set, a + x * kHidden1, left, oa);
      fast.head(n, set, a + x * kHidden1, left, ob);
      if (std::memcmp(oa, ob, sizeof(oa)) != 0) return false;
    }
  }
  return true;
}

const Kernels& ScalarKernels() {
  static const Kernels k{"scalar", RowLayer1Scalar, HeadScalar, AboveBlockScalar};
  return k;
}

// Fastest first: ActiveKernels() takes the first that runs and agrees.
int FastKernelCount() { return 2; }

const Kernels* FastKernel(int i, bool* cpu_supports) {
  *cpu_supports = false;
  switch (i) {
    case 0: return VnniKernels(cpu_supports);
    case 1: return Avx2Kernels(cpu_supports);
    default: return nullptr;
  }
}

const Kernels& ActiveKernels() {
  static const Kernels* chosen = [] {
    // "scalar" forces the reference; a fast kernel's name (e.g. "avx2")
    // restricts the choice to it, still subject to the CPU and the check.
    const char* force = std::getenv("NLIC_NEURAL_KERNELS");
    if (force && std::strcmp(force, "scalar") == 0) return &ScalarKernels();
    const bool any = !force || !*force || std::strcmp(force, "auto") == 0;
    for (int i = 0; i < FastKernelCount(); ++i) {
      bool ok = false;
      const Kernels* k = FastKernel(i, &ok);
      if (k && ok && (any || std::strcmp(force, k->name) == 0) && KernelsAgree(*k, 0x6E6C6963, 64)) return k;
    }
    return &ScalarKernels();
  }();
  return *chosen;
}

}  // namespace neural
}  // namespace nlic
