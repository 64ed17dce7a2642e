// nlic-slot-prior DIR: prints the body of kSlotPrior (codec/slot_prior.h),
// the base rate of each mixed decision slot of the sample coder, measured
// on every 32x64 patch of every 8-bit image under DIR turned gray
// ((R+G+B)/3 rounded down, alpha dropped), coded as effort 5 codes them
// (neural predictor). The decisions depend only on the predictions and the
// samples, not on any adaptive state, so a coder that only counts them
// gives the same counts an encoder would. Deterministic; run it on
// ../shared/corpus/train only.
#include <cinttypes>
#include <cstdio>
#include <vector>

#include "codec/nlic.h"
#include "codec/stripe_codec.h"
#include "tools/train_patches/train_patches.h"

namespace {

using nlic::train_patches::kPatchW;
constexpr int kSlots = 37;

struct SlotCounts {
  uint64_t ones[kSlots] = {}, total[kSlots] = {};
};

// Codes nothing; counts each mixed decision by slot (see ObserveDecision).
struct CountingCoder {
  static constexpr bool kDecoding = false;
  SlotCounts* counts;
  int Code(int bit, uint32_t) { return bit; }
  void Observe(int slot, int bit) {
    counts->ones[slot] += uint64_t(bit);
    ++counts->total[slot];
  }
};

}  // namespace

int main(int argc, char** argv) {
  nlic::train_patches::TrainSet train;
  if (const int exit_code = nlic::train_patches::Start(argc, argv, false, "nlic-slot-prior DIR", &train)) return exit_code;
  const nlic::neural::NeuralModel* model = train.model;
  std::vector<uint16_t>& patches = train.patches;
  SlotCounts counts;
  for (size_t i = 0; i < patches.size(); i += nlic::train_patches::kPatchSamples) {
    nlic::NeuralPredictor predictor(kPatchW, nlic::OrderForCount(1), 8, *model);
    nlic::SampleCoder samples(kPatchW, 1, 8);
    nlic::train_patches::CodePatch(predictor, samples, &patches[i], CountingCoder{&counts});
  }
  // (ones + 1/2) / (total + 1), in 2^-22 units: one half for unused slots.
  for (int s = 0; s < kSlots; ++s) {
    const uint64_t p22 = ((2 * counts.ones[s] + 1) << 22) / (2 * counts.total[s] + 2);
    std::printf("    %7" PRIu64 ",  // slot %2d: %" PRIu64 " of %" PRIu64 "\n", p22, s, counts.ones[s], counts.total[s]);
  }
  return 0;
}
