#include "tools/train/train_data.h"

#include <cstdio>
#include <memory>
#include <thread>

#include "codec/nlic.h"
#include "predictor/channel_order.h"
#include "predictor/neural.h"

namespace nlic {
namespace train {
namespace {

bool Keep(uint64_t image, uint64_t y, uint64_t x, int K, int keep) {
  uint64_t h = (image * 0x9E3779B97F4A7C15ull) ^ (y * 0xC2B2AE3D27D4EB4Full) ^ (x * 0x165667B19E3779F9ull) ^ uint64_t(K);
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h % uint64_t(keep) == 0;
}

// One sample: the coding loop's order of calls (codec/stripe_codec.h),
// without the coder.
template <int C, int K>
void Visit(NeuralPredictor& p, NeuralPredictor::State& s, const uint16_t* px, uint32_t x, bool top, uint64_t image,
           uint32_t y, const int keep[], SampleSet* out) {
  constexpr ChannelOrder kOrder = OrderForCount(C);
  constexpr int ref = kOrder.reference[K];
  constexpr int set = neural_internal::SetFor(K, ref);
  if (top) (void)p.Predict<K, ref, true>(x, s);
  else (void)p.Predict<K, ref, false>(x, s);
  const int v = px[kOrder.channel[K]];
  if (set >= 0 && !top && Keep(image, y, x, K, keep[set])) {
    Sample smp{};
    int k = 0;
    p.Inputs(K, x, s, smp.in, &k);
    smp.k = int8_t(k);
    smp.target = v * 8 - s.mean;
    out->samples[set].push_back(smp);
  }
  p.Update<K, ref>(x, v, s);
}

template <int C>
void Collect(const Image& img, uint64_t image, const neural::NeuralModel& zero, const int keep[], SampleSet* out) {
  constexpr ChannelOrder kOrder = OrderForCount(C);
  // One stripe of the default height, as the encoder would cut it, so that
  // top rows are as frequent as in coding.
  const uint32_t stripe = std::max<uint32_t>(16, (1u << 20) / img.width);
  const size_t stride = size_t(img.width) * C;
  std::unique_ptr<NeuralPredictor> p;
  for (uint32_t y = 0; y < img.height; ++y) {
    const uint32_t yy = y % stripe;
    if (yy == 0) p = std::make_unique<NeuralPredictor>(img.width, kOrder, 8, zero);
    const uint16_t* row = img.samples.data() + y * stride;
    RowWindow w{row, yy >= 1 ? row - stride : nullptr, yy >= 2 ? row - 2 * stride : nullptr};
    p->StartRow(w);
    const bool top = yy == 0;
    for (uint32_t x = 0; x < img.width; ++x) {
      NeuralPredictor::State s;
      const uint16_t* px = row + size_t(x) * C;
      Visit<C, 0>(*p, s, px, x, top, image, y, keep, out);
      if constexpr (C > 1) Visit<C, 1>(*p, s, px, x, top, image, y, keep, out);
      if constexpr (C > 2) Visit<C, 2>(*p, s, px, x, top, image, y, keep, out);
      if constexpr (C > 3) Visit<C, 3>(*p, s, px, x, top, image, y, keep, out);
    }
  }
}

}  // namespace

void CollectSamples(const std::vector<std::string>& paths, const int keep[neural::kSets], SampleSet* out,
                    const std::vector<uint64_t>* ids) {
  neural::NeuralModel zero{};  // the inputs do not depend on the weights
  // Two threads take alternate images; each image's samples are kept apart
  // and appended in image order, so the result does not depend on timing.
  std::vector<SampleSet> per(paths.size());
  auto work = [&](size_t t) {
    for (size_t i = t; i < paths.size(); i += 2) {
      Image img;
      std::vector<uint8_t> bytes;
      if (!ReadFileBytes(paths[i], &bytes).ok() || !ReadImage(bytes.data(), bytes.size(), ReadLimits{}, &img).ok() ||
          img.bit_depth != 8 || img.color_type == ColorType::kPalette) {
        std::fprintf(stderr, "skipping %s\n", paths[i].c_str());
        continue;
      }
      const uint64_t id = ids ? (*ids)[i] : i;
      switch (img.channels()) {
        case 1: Collect<1>(img, id, zero, keep, &per[i]); break;
        case 2: Collect<2>(img, id, zero, keep, &per[i]); break;
        case 3: Collect<3>(img, id, zero, keep, &per[i]); break;
        default: Collect<4>(img, id, zero, keep, &per[i]); break;
      }
    }
  };
  std::thread helper(work, 1);
  work(0);
  helper.join();
  for (SampleSet& s : per)
    for (int set = 0; set < neural::kSets; ++set) {
      out->samples[set].insert(out->samples[set].end(), s.samples[set].begin(), s.samples[set].end());
      s.samples[set].clear();
      s.samples[set].shrink_to_fit();
    }
}

}  // namespace train
}  // namespace nlic
