// nlic-analyze IMAGE...: where the bits of an effort-5 style coding (neural
// predictor, plain model with the match model on, stripes of about 2^18
// pixels) go, per coding position: flat neighbourhoods (W == N == NW == NE)
// whose sample repeats them or not, and edges split by whether an exact
// six-neighbour context was seen before with the same value (hit), another
// one (miss), or never (new). Not part of the codec; a measuring aid.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "codec/nlic.h"
#include "codec/stripe_codec.h"

namespace {
struct Acc { double bits[4][6] = {}; uint64_t n[4][6] = {}; };
struct E { uint8_t valid = 0; uint32_t tag = 0; uint16_t v = 0; };
struct CostCoder {
  static constexpr bool kDecoding = false;
  double* cost;
  int Code(int bit, uint32_t p16) {
    double p = p16 / 65536.0;
    *cost += -std::log2(bit ? p : 1 - p);
    return bit;
  }
};

template <int C>
void Run(const nlic::Image& im, const nlic::neural::NeuralModel& model) {
  using namespace nlic;
  constexpr ChannelOrder kOrder = OrderForCount(C);
  Acc acc;
  uint32_t stripe = 68;
  if (uint64_t(im.width) * im.height <= (1u << 18)) stripe = im.height;
  else stripe = uint32_t(((1u << 18) + im.width - 1) / im.width);
  std::vector<uint16_t> px(im.samples.begin(), im.samples.end());
  std::vector<E> table(1 << 22);
  double total = 0;
  for (uint32_t y0 = 0; y0 < im.height; y0 += stripe) {
    uint32_t rows = std::min(stripe, im.height - y0);
    NeuralPredictor pred(im.width, kOrder, 8, model);
    MatchSampleCoder samples(im.width, C, 8);
    double cost = 0;
    CostCoder coder{&cost};
    const size_t s = size_t(im.width) * C;
    // As the codec does (spec/neural.md 7.2), without pricing the bit.
    const uint32_t refiner_row = MatchTrialRows(rows, im.width);
    for (uint32_t y = 0; y < rows; ++y) {
      if (y == refiner_row) pred.SetRefiner(pred.RefinerPays());
      uint16_t* row = px.data() + (y0 + y) * s;
      RowWindow win{row, y >= 1 ? row - s : nullptr, y >= 2 ? row - 2 * s : nullptr};
      pred.StartRow(win);
      samples.StartRow(y == 0);
      NeuralPredictor::State ps;
      int32_t ref = 0;
      for (uint32_t x = 0; x < im.width; ++x) {
        uint16_t* p = row + x * C;
        auto one = [&](auto kc) {
          constexpr int K = decltype(kc)::value;
          constexpr int c = kOrder.channel[K], rf = kOrder.reference[K];
          double before = cost;
          samples.template Locate<K>(x);
          Prediction pr = y == 0 ? pred.template Predict<K, rf, true>(x, ps) : pred.template Predict<K, rf, false>(x, ps);
          int v = samples.template Code<K>(coder, x, pr, p[c], ref);
          pred.template Update<K, rf>(x, v, ps);
          int cat = 3;
          if (y >= 1 && x >= 1 && x + 1 < im.width) {
            int W = p[c - C], N = row[x * C + c - s], NW = row[x * C + c - s - C], NE = row[x * C + c - s + C];
            if (W == N && N == NW && NW == NE) cat = v == W ? 0 : 1;
            else {
              uint64_t hsh = uint64_t(K) * 0x9E3779B97F4A7C15ull;
              for (int q : {W, N, NW, NE, x >= 2 ? int(p[c - 2 * C]) : -1, y >= 2 ? int(row[x * C + c - 2 * s]) : -1})
                hsh = (hsh + uint64_t(q + 1)) * 0xff51afd7ed558ccdull;
              for (int kk = 0; kk < K; ++kk) hsh = (hsh + p[kOrder.channel[kk]] + 7) * 0xc4ceb9fe1a85ec53ull;
              hsh ^= hsh >> 29;
              uint32_t slot = uint32_t(hsh >> 42);
              auto& e = table[slot];
              if (e.valid && e.tag == uint32_t(hsh)) cat = e.v == v ? 2 : 4;
              else cat = 5;
              e.valid = 1; e.tag = uint32_t(hsh); e.v = uint16_t(v);
            }
          }
          acc.bits[K][cat] += cost - before;
          acc.n[K][cat]++;
        };
        one(std::integral_constant<int, 0>());
        if constexpr (C > 1) one(std::integral_constant<int, 1>());
        if constexpr (C > 2) one(std::integral_constant<int, 2>());
        if constexpr (C > 3) one(std::integral_constant<int, 3>());
      }
    }
    total += cost;
  }
  std::printf("total %.0f bytes\n", total / 8);
  const char* names[6] = {"flat&same", "flat&diff", "edge-hit", "border", "edge-miss", "edge-new"};
  for (int k = 0; k < C; ++k)
    for (int cat = 0; cat < 6; ++cat)
      std::printf("K%d %-10s n=%8llu bytes=%10.0f bits/s=%.3f\n", k, names[cat], (unsigned long long)acc.n[k][cat],
                  acc.bits[k][cat] / 8, acc.n[k][cat] ? acc.bits[k][cat] / acc.n[k][cat] : 0.0);
}
}  // namespace

int main(int argc, char** argv) {
  const nlic::neural::NeuralModel* model = nlic::neural::DefaultNeuralModel();
  for (int i = 1; i < argc; ++i) {
    std::vector<uint8_t> bytes;
    nlic::Image im;
    if (!nlic::ReadFileBytes(argv[i], &bytes).ok() || !nlic::ReadImage(bytes.data(), bytes.size(), nlic::ReadLimits(), &im).ok()) continue;
    std::printf("%s\n", argv[i]);
    int c = nlic::ChannelCount(im.color_type);
    if (c == 1) Run<1>(im, *model);
    if (c == 2) Run<2>(im, *model);
    if (c == 3) Run<3>(im, *model);
    if (c == 4) Run<4>(im, *model);
  }
}
