// Choosing the network kernels: a fast path is used only if it reproduces
// the scalar reference on a battery of inputs on this very CPU, checked once
// per process.
#include <cstdlib>
#include <cstring>

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

}  // namespace

bool KernelsAgree(const Kernels& fast, uint64_t seed, int rounds) {
  const Kernels& ref = ScalarKernels();
  Lcg g{seed};
  for (int round = 0; round < rounds; ++round) {
    const int set = round % kSets;
    const NetSet n = RandomSet(set, g);
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
  static const Kernels k{"scalar", RowLayer1Scalar, HeadScalar};
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
