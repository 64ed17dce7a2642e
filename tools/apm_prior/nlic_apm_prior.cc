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
#include <filesystem>
#include <string>
#include <vector>

#include "codec/apm_prior.h"
#include "codec/nlic.h"
#include "codec/stripe_codec.h"

namespace {

constexpr uint32_t kPatchW = 32, kPatchH = 64;
constexpr int kRows = nlic::kApmPriorRows, kBins = nlic::Apm::kBins;
constexpr int kRounds = 12;

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

void CodePatch(const nlic::neural::NeuralModel& model, const std::vector<uint16_t>& start, uint16_t* patch,
               std::vector<int64_t>* sum, std::vector<int64_t>* used) {
  using namespace nlic;
  NeuralPredictor predictor(kPatchW, OrderForCount(1), 8, model);
  SampleCoder samples(kPatchW, 1, 8);
  for (int r = 0; r < kRows; ++r) std::copy_n(&start[size_t(r) * kBins], kBins, samples.apm_row(r));
  NullCoder coder;
  for (uint32_t y = 0; y < kPatchH; ++y) {
    uint16_t* row = patch + y * kPatchW;
    RowWindow window{row, y >= 1 ? row - kPatchW : nullptr, y >= 2 ? row - 2 * kPatchW : nullptr};
    predictor.StartRow(window);
    samples.StartRow(y == 0);
    if (y == 0) stripe_internal::CodeRow<1, true>(coder, predictor, samples, row, kPatchW);
    else stripe_internal::CodeRow<1, false>(coder, predictor, samples, row, kPatchW);
  }
  for (int r = 0; r < kRows; ++r) {
    const uint16_t* a = samples.apm_row(r);
    if (std::equal(a, a + kBins, &start[size_t(r) * kBins])) continue;
    for (int b = 0; b < kBins; ++b) (*sum)[size_t(r) * kBins + b] += a[b];
    ++(*used)[size_t(r)];
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fputs("usage: nlic-apm-prior DIR [ROUNDS]\n", stderr);
    return 2;
  }
  const nlic::neural::NeuralModel* model = nlic::neural::DefaultNeuralModel();
  if (!model) return 1;
  std::vector<std::string> paths;
  for (const auto& e : std::filesystem::recursive_directory_iterator(argv[1]))
    if (e.is_regular_file() && e.path().extension() == ".png") paths.push_back(e.path().string());
  std::sort(paths.begin(), paths.end());
  std::vector<uint16_t> patches;
  for (const std::string& path : paths) {
    std::vector<uint8_t> bytes;
    nlic::Image im;
    std::vector<uint16_t> gray;
    if (!nlic::ReadFileBytes(path, &bytes).ok() ||
        !nlic::ReadImage(bytes.data(), bytes.size(), nlic::ReadLimits(), &im).ok() || !ToGray(im, &gray))
      continue;
    for (uint32_t y0 = 0; y0 + kPatchH <= im.height; y0 += kPatchH)
      for (uint32_t x0 = 0; x0 + kPatchW <= im.width; x0 += kPatchW)
        for (uint32_t y = 0; y < kPatchH; ++y)
          patches.insert(patches.end(), &gray[size_t(y0 + y) * im.width + x0],
                         &gray[size_t(y0 + y) * im.width + x0] + kPatchW);
  }
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
