// nlic-slot-prior DIR: prints the body of kSlotPrior (codec/slot_prior.h),
// the base rate of each mixed decision slot of the sample coder, measured
// on every 32x64 patch of every 8-bit image under DIR turned gray
// ((R+G+B)/3 rounded down, alpha dropped), coded as effort 5 codes them
// (neural predictor). The decisions depend only on the predictions and the
// samples, not on any adaptive state, so a coder that only counts them
// gives the same counts an encoder would. Deterministic; run it on
// ../shared/corpus/train only.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "codec/nlic.h"
#include "codec/stripe_codec.h"

namespace {

constexpr uint32_t kPatchW = 32, kPatchH = 64;
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

// 8-bit gray of the image, or false for inputs the patch bench would not cut.
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

void CountPatches(const nlic::Image& im, const std::vector<uint16_t>& gray, const nlic::neural::NeuralModel& model,
                  SlotCounts* counts) {
  nlic::Header h;
  h.width = kPatchW;
  h.height = kPatchH;
  h.color_type = nlic::ColorType::kGray;
  h.bit_depth = 8;
  h.stripe_rows = kPatchH;
  std::vector<uint16_t> patch(size_t(kPatchW) * kPatchH);
  for (uint32_t y0 = 0; y0 + kPatchH <= im.height; y0 += kPatchH)
    for (uint32_t x0 = 0; x0 + kPatchW <= im.width; x0 += kPatchW) {
      for (uint32_t y = 0; y < kPatchH; ++y)
        std::copy_n(&gray[size_t(y0 + y) * im.width + x0], kPatchW, &patch[size_t(y) * kPatchW]);
      nlic::NeuralPredictor predictor(kPatchW, nlic::OrderForCount(1), 8, model);
      CountingCoder coder{counts};
      nlic::stripe_internal::CodeStripeWith<1, nlic::SampleCoder>(coder, predictor, h, patch.data(), kPatchH);
    }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fputs("usage: nlic-slot-prior DIR\n", stderr);
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
  SlotCounts counts;
  for (const std::string& path : paths) {
    std::vector<uint8_t> bytes;
    nlic::Image im;
    std::vector<uint16_t> gray;
    if (!nlic::ReadFileBytes(path, &bytes).ok() ||
        !nlic::ReadImage(bytes.data(), bytes.size(), nlic::ReadLimits(), &im).ok() || !ToGray(im, &gray)) {
      std::fprintf(stderr, "skipped %s\n", path.c_str());
      continue;
    }
    CountPatches(im, gray, *model, &counts);
  }
  // (ones + 1/2) / (total + 1), in 2^-22 units: one half for unused slots.
  for (int s = 0; s < kSlots; ++s) {
    const uint64_t p22 = ((2 * counts.ones[s] + 1) << 22) / (2 * counts.total[s] + 2);
    std::printf("    %7" PRIu64 ",  // slot %2d: %" PRIu64 " of %" PRIu64 "\n", p22, s, counts.ones[s], counts.total[s]);
  }
  return 0;
}
