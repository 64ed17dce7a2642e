// nlic-counter-prior DIR: prints codec/counter_prior_table.inc, the initial
// probability of every T1 and T2 counter of the sample model's coding
// position 0 (spec/model.md 5.2). Every 32x64 patch of every 8-bit image
// under DIR, turned gray ((R+G+B)/3 rounded down, alpha dropped), is coded
// as effort 5 codes it (neural predictor, no match model), and each
// context's decisions are counted: a counter that starts at p0 with count
// n0 and has seen k more bits holds p = (p0 (n0 + 1/2) + ones) / (n0 + k +
// 1/2) exactly (its rate is 1/(n + 3/2)), so its ones can be read back from
// its final state while it is below its limit. A context's prior is then
// its rate of ones shrunk towards its slot's (SLOT_PRIOR) with the weight
// of kShrink decisions. Deterministic; run it on ../shared/corpus/train only.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <vector>

#include "codec/counter_prior.h"
#include "codec/nlic.h"
#include "codec/slot_prior.h"
#include "codec/stripe_codec.h"
#include "tools/train_patches/train_patches.h"

namespace {

using nlic::train_patches::kPatchH;
using nlic::train_patches::kPatchW;
constexpr int kSlots = 37;
constexpr double kShrink = 8;
constexpr size_t kSizes[2] = {nlic::kCounterPriorT1, nlic::kCounterPriorT2};

struct Counts {
  std::vector<double> ones[2], total[2];
  Counts() {
    for (int t = 0; t < 2; ++t) ones[t].assign(kSizes[t], 0), total[t].assign(kSizes[t], 0);
  }
};

void CodePatch(const nlic::neural::NeuralModel& model, uint16_t* patch, Counts* counts) {
  using namespace nlic;
  NeuralPredictor predictor(kPatchW, OrderForCount(1), 8, model);
  SampleCoder samples(kPatchW, 1, 8);
  // Every counter from its slot's prior, so that the read-back is exact.
  for (int t = 0; t < 2; ++t)
    for (size_t i = 0; i < kSizes[t]; ++i)
      samples.context_counters(t)[i] = BitCounter(kSlotPrior[i % kSlots], kSlotPriorCount);
  train_patches::CodePatch(predictor, samples, patch);
  for (int t = 0; t < 2; ++t)
    for (size_t i = 0; i < kSizes[t]; ++i) {
      const BitCounter& c = samples.context_counters(t)[i];
      const double n = c.count();
      if (n <= kSlotPriorCount) continue;
      const double p = c.p22() / double(1 << 22), p0 = nlic::kSlotPrior[i % kSlots] / double(1 << 22);
      const double ones = p * (n + 0.5) - p0 * (kSlotPriorCount + 0.5);
      counts->ones[t][i] += std::clamp(ones, 0.0, n - kSlotPriorCount);
      counts->total[t][i] += n - kSlotPriorCount;
    }
}

}  // namespace

int main(int argc, char** argv) {
  nlic::train_patches::TrainSet train;
  if (const int exit_code = nlic::train_patches::Start(argc, argv, false, "nlic-counter-prior DIR", &train)) return exit_code;
  const nlic::neural::NeuralModel* model = train.model;
  std::vector<uint16_t>& patches = train.patches;
  Counts counts;
  for (size_t i = 0; i < patches.size(); i += nlic::train_patches::kPatchSamples)
    CodePatch(*model, &patches[i], &counts);
  // P(1) x 2^22, rounded, within [2^12, 2^22 - 2^12]; T1 then T2, 8 a line.
  for (int t = 0; t < 2; ++t) {
    std::printf("// T%d: %zu entries\n", t + 1, kSizes[t]);
    for (size_t i = 0; i < kSizes[t]; ++i) {
      const double prior = nlic::kSlotPrior[i % kSlots] / double(1 << 22);
      const double p = (counts.ones[t][i] + kShrink * prior) / (counts.total[t][i] + kShrink);
      const int64_t p22 = std::clamp<int64_t>(int64_t(p * (1 << 22) + 0.5), 1 << 12, (1 << 22) - (1 << 12));
      std::printf("%7" PRId64 ",%s", p22, (i % 8 == 7 || i + 1 == kSizes[t]) ? "\n" : "");
    }
  }
  return 0;
}
