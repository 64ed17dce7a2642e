// nlic-apm-prior DIR [ROUNDS]: prints codec/apm_prior_table.inc, the initial
// rows of the plain sample model's APM of coding position 0, per scale
// bucket and decision slot. Every 32x64 patch of every 8-bit image under
// DIR, turned gray ((R+G+B)/3 rounded down, alpha dropped), is coded as
// effort 5 codes it; a row's new value is the mean of the rows it ended
// with over the patches that used it, repeated kRounds times, each round
// starting from the last. Deterministic; run it on ../shared/corpus/train only.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "codec/apm_prior.h"
#include "codec/nlic.h"
#include "codec/stripe_codec.h"
#include "tools/train_patches/train_patches.h"

namespace {

using nlic::train_patches::kPatchH;
using nlic::train_patches::kPatchW;
constexpr int kRows = nlic::kApmPriorRows, kBins = nlic::Apm::kBins;
constexpr int kRounds = 12;



void CodePatch(const nlic::neural::NeuralModel& model, const std::vector<uint16_t>& start, uint16_t* patch,
               std::vector<int64_t>* sum, std::vector<int64_t>* used) {
  using namespace nlic;
  NeuralPredictor predictor(kPatchW, OrderForCount(1), 8, model);
  SampleCoder samples(kPatchW, 1, 8);
  for (int r = 0; r < kRows; ++r) std::copy_n(&start[size_t(r) * kBins], kBins, samples.apm_row(r));
  train_patches::CodePatch(predictor, samples, patch);
  for (int r = 0; r < kRows; ++r) {
    const uint16_t* a = samples.apm_row(r);
    if (std::equal(a, a + kBins, &start[size_t(r) * kBins])) continue;
    for (int b = 0; b < kBins; ++b) (*sum)[size_t(r) * kBins + b] += a[b];
    ++(*used)[size_t(r)];
  }
}

}  // namespace

int main(int argc, char** argv) {
  nlic::train_patches::TrainSet train;
  if (const int exit_code = nlic::train_patches::Start(argc, argv, true, "nlic-apm-prior DIR [ROUNDS]", &train)) return exit_code;
  const nlic::neural::NeuralModel* model = train.model;
  std::vector<uint16_t>& patches = train.patches;
  // The identity rows of codec/apm.h to start from.
  nlic::Apm identity(1);
  std::vector<uint16_t> table(size_t(kRows) * kBins);
  for (int r = 0; r < kRows; ++r) std::copy_n(identity.row(0), kBins, &table[size_t(r) * kBins]);
  const int rounds = argc == 3 ? std::atoi(argv[2]) : kRounds;
  for (int round = 0; round < rounds; ++round) {
    std::vector<int64_t> sum(table.size()), used(kRows);
    for (size_t i = 0; i < patches.size(); i += size_t(kPatchW) * kPatchH)
      CodePatch(*model, table, &patches[i], &sum, &used);
    for (int r = 0; r < kRows; ++r)
      if (used[size_t(r)])
        for (int b = 0; b < kBins; ++b) {
          const int64_t n = used[size_t(r)];
          table[size_t(r) * kBins + b] = uint16_t((2 * sum[size_t(r) * kBins + b] + n) / (2 * n));
        }
  }
  std::printf("// %d rows (scale bucket x 37 slots) of %d bins\n", kRows, kBins);
  for (int r = 0; r < kRows; ++r) {
    for (int b = 0; b < kBins; ++b) std::printf("%u,", table[size_t(r) * kBins + b]);
    std::printf("\n");
  }
  return 0;
}
