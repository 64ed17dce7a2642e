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
#include <filesystem>
#include <string>
#include <vector>

#include "codec/counter_prior.h"
#include "codec/nlic.h"
#include "codec/slot_prior.h"
#include "codec/stripe_codec.h"

namespace {

constexpr uint32_t kPatchW = 32, kPatchH = 64;
constexpr int kSlots = 37;
constexpr double kShrink = 8;
constexpr size_t kSizes[2] = {nlic::kCounterPriorT1, nlic::kCounterPriorT2};

struct NullCoder {
  static constexpr bool kDecoding = false;
  int Code(int bit, uint32_t) { return bit; }
};

bool ToGray(const nlic::Image& im, std::vector<uint16_t>* gray) {
  if (im.bit_depth != 8 || im.color_type == nlic::ColorType::kPalette) return false;
  const int c = nlic::ChannelCount(im.color_type);
  gray->resize(size_t(im.width) * im.height);
  for (size_t i = 0; i < gray->size(); ++i) {
    const uint16_t* px = &im.samples[i * size_t(c)];
    (*gray)[i] = c >= 3 ? uint16_t((px[0] + px[1] + px[2]) / 3) : px[0];
  }
  return true;
}

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
  NullCoder coder;
  for (uint32_t y = 0; y < kPatchH; ++y) {
    uint16_t* row = patch + y * kPatchW;
    RowWindow window{row, y >= 1 ? row - kPatchW : nullptr, y >= 2 ? row - 2 * kPatchW : nullptr};
    predictor.StartRow(window);
    samples.StartRow(y == 0);
    if (y == 0) stripe_internal::CodeRow<1, true>(coder, predictor, samples, row, kPatchW);
    else stripe_internal::CodeRow<1, false>(coder, predictor, samples, row, kPatchW);
  }
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
  if (argc != 2) {
    std::fputs("usage: nlic-counter-prior DIR\n", stderr);
    return 2;
  }
  const nlic::neural::NeuralModel* model = nlic::neural::DefaultNeuralModel();
  if (!model) {
    std::fputs("this build has no neural model\n", stderr);
    return 1;
  }
  std::vector<std::string> paths;
  for (const auto& e : std::filesystem::recursive_directory_iterator(argv[1]))
    if (e.is_regular_file() && e.path().extension() == ".png") paths.push_back(e.path().string());
  std::sort(paths.begin(), paths.end());
  Counts counts;
  std::vector<uint16_t> patch(size_t(kPatchW) * kPatchH);
  for (const std::string& path : paths) {
    std::vector<uint8_t> bytes;
    nlic::Image im;
    std::vector<uint16_t> gray;
    if (!nlic::ReadFileBytes(path, &bytes).ok() ||
        !nlic::ReadImage(bytes.data(), bytes.size(), nlic::ReadLimits(), &im).ok() || !ToGray(im, &gray)) {
      std::fprintf(stderr, "skipped %s\n", path.c_str());
      continue;
    }
    for (uint32_t y0 = 0; y0 + kPatchH <= im.height; y0 += kPatchH)
      for (uint32_t x0 = 0; x0 + kPatchW <= im.width; x0 += kPatchW) {
        for (uint32_t y = 0; y < kPatchH; ++y)
          std::copy_n(&gray[size_t(y0 + y) * im.width + x0], kPatchW, &patch[size_t(y) * kPatchW]);
        CodePatch(*model, patch.data(), &counts);
      }
  }
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
