// nlic-mixer-prior DIR: prints the body of kMixerPrior (codec/mixer_prior.h),
// the plain sample model's initial mixer weights per weight set and
// decision slot. Every 32x64 patch of every 8-bit image under DIR, turned
// gray ((R+G+B)/3 rounded down, alpha dropped), is coded as effort 5 codes
// it (neural predictor, no match model); a weight set's new entry is the
// mean of the weights it ended with over the patches that used it. One
// patch moves the weights only part of the way, so this is repeated
// kRounds times, each round starting every patch from the last round's
// table, the first from the fixed weights below. Deterministic; run it on
// ../shared/corpus/train only.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "codec/mixer_prior.h"
#include "codec/nlic.h"
#include "codec/stripe_codec.h"
#include "tools/train_patches/train_patches.h"

namespace {

using nlic::train_patches::kPatchH;
using nlic::train_patches::kPatchW;
constexpr int kSlots = nlic::kMixerPriorSlots, kSets = nlic::kMixerPriorSets, kInputs = nlic::kMixerPriorInputs;
// The weights before any table (format 5): 0.375 per counter, 0.25 for the
// distribution's logit.
constexpr int32_t kStart[kInputs] = {3 << 13, 3 << 13, 1 << 14};
constexpr int kRounds = 6;

using Table = int32_t[kSets][kSlots][kInputs];

struct Sums {
  int64_t sum[kSets][kSlots][kInputs] = {};
  int64_t used[kSets][kSlots] = {};
};



void CodePatch(const nlic::neural::NeuralModel& model, const Table& start, uint16_t* patch, Sums* sums) {
  using namespace nlic;
  NeuralPredictor predictor(kPatchW, OrderForCount(1), 8, model);
  SampleCoder samples(kPatchW, 1, 8);
  for (int s = 0; s < kSets; ++s)
    for (int slot = 0; slot < kSlots; ++slot)
      std::copy_n(start[s][slot], kInputs, samples.mixer_weights(s * kSlots + slot));
  train_patches::CodePatch(predictor, samples, patch);
  for (int s = 0; s < kSets; ++s)
    for (int slot = 0; slot < kSlots; ++slot) {
      const int32_t* w = samples.mixer_weights(s * kSlots + slot);
      if (!std::equal(w, w + kInputs, start[s][slot])) {
        for (int i = 0; i < kInputs; ++i) sums->sum[s][slot][i] += w[i];
        ++sums->used[s][slot];
      }
    }
}

void Print(const Table& table, const Sums& sums) {
  for (int s = 0; s < kSets; ++s) {
    std::printf("    {\n");
    for (int slot = 0; slot < kSlots; ++slot) {
      std::printf("        {");
      for (int i = 0; i < kInputs; ++i) std::printf("%s%7d", i ? ", " : "", table[s][slot][i]);
      std::printf("},  // set %d slot %2d: %" PRId64 " patches\n", s, slot, sums.used[s][slot]);
    }
    std::printf("    },\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  nlic::train_patches::TrainSet train;
  if (const int exit_code = nlic::train_patches::Start(argc, argv, true, "nlic-mixer-prior DIR [ROUNDS]", &train)) return exit_code;
  const nlic::neural::NeuralModel* model = train.model;
  std::vector<uint16_t>& patches = train.patches;
  static Table table;
  for (int s = 0; s < kSets; ++s)
    for (int slot = 0; slot < kSlots; ++slot) std::copy_n(kStart, kInputs, table[s][slot]);
  static Sums sums;
  const int rounds = argc == 3 ? std::atoi(argv[2]) : kRounds;
  for (int round = 0; round < rounds; ++round) {
    sums = Sums();
    for (size_t i = 0; i < patches.size(); i += nlic::train_patches::kPatchSamples) CodePatch(*model, table, &patches[i], &sums);
    // Rounded mean; sets never used keep their start.
    for (int s = 0; s < kSets; ++s)
      for (int slot = 0; slot < kSlots; ++slot) {
        const int64_t n = sums.used[s][slot];
        for (int i = 0; i < kInputs && n; ++i) {
          const int64_t sum = sums.sum[s][slot][i];
          table[s][slot][i] = int32_t((2 * sum + (sum >= 0 ? n : -n)) / (2 * n));
        }
      }
    if (std::getenv("NLIC_MIXER_PRIOR_EVERY_ROUND")) {
      std::printf("// round %d\n", round + 1);
      Print(table, sums);
    }
  }
  Print(table, sums);
  return 0;
}


