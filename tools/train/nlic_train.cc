// nlic_train: trains the neural predictor's model file from a folder of
// images (the training corpus only, never the evaluation sets).
//
//   nlic_train [--corpus DIR] [--out FILE] [--epochs N] [--qat-epochs N] [--keep N]
//              [--holdout-every N] [--lr X] [--batch N] [--compare MODEL.nlm]
//              [--only-set N] [--act-quantile Q] [--max-act-scale S] [--qat-lr F] [--diagnose]
//
// After the float epochs each hidden unit's activation scale (its
// requantisation multiplier) is fitted to the unit's range on training
// samples instead of a fixed 16ths; the quantisation-aware epochs follow,
// and each set keeps whichever integer network (straight after the float
// epochs, or after a quantisation-aware epoch) codes the held-out samples in
// the fewest bits. --diagnose prints the held-out cost of rounding only the
// weights (all, then one layer at a time) or only the activations.
//
// Every --holdout-every'th image (by sorted path, from the last of each
// group; 0: none) is held out whole: its samples only measure the model,
// and --compare reports another model file on the same samples.
//
// Deterministic: fixed sample selection, fixed seeds, a fixed reduction
// order across the two worker threads, so the same corpus and binary give
// the same model file.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "io/image_io.h"
#include "predictor/neural_model.h"
#include "predictor/neural_net.h"
#include "tools/train/float_net.h"
#include "tools/train/train_data.h"

namespace nlic {
namespace train {
namespace {

struct Options {
  std::string corpus = "../shared/corpus/train";
  std::string out = "predictor/models/n3.nlm";
  // n1 was 6 + 2 epochs of 1 sample in 12 at batch 512 and lr 2e-3, with no
  // held-out images (--holdout-every 0 --keep 12 --epochs 6 --lr 2e-3 --batch 512).
  // n2 had these defaults but fixed activation scales and always the last
  // epoch's network (the trainer at commit 3c77a30).
  int epochs = 7, qat_epochs = 2;
  int keep[neural::kSets] = {4, 4, 4};  // about 15M samples per set from the 61 MP not held out
  int holdout_every = 10;
  int hold_keep = 12;  // samples kept from the held-out images
  double lr = 4e-3;
  size_t batch = 256;
  std::string compare;
  int only_set = -1;  // experiments: train one set, write no file
  // Before the quantisation-aware epochs each hidden unit's activation scale
  // is fitted so that this quantile of its float activations on (a subset
  // of) the training samples maps to 127, at most max_act_scale units per
  // float unit (0: keep the fixed 16ths).
  double act_quantile = 0.9999;
  float max_act_scale = 128;
  double qat_lr = 1.0;  // learning-rate factor in the quantisation-aware epochs
  bool diagnose = false;  // print the held-out loss of rounding only weights, only activations
};

double Seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Bits per sample of the integer network, exactly as the codec computes it.
double IntegerBits(const neural::NetSet& n, int set, const std::vector<Sample>& data) {
  double bits = 0;
  const int above = neural::kAboveInputs[set];
  for (const Sample& s : data) {
    int32_t acc[neural::kHidden1], out[neural::kOutputs];
    neural::RowLayer1Scalar(n, set, s.in, 1, acc);
    neural::HeadScalar(n, set, acc, s.in + above, out);
    const double c = std::clamp(out[0], -64 * 256, 64 * 256) / 256.0;
    const double ls = std::clamp(out[1] >> 4, -160, 160) / 16.0;
    const double unit = std::ldexp(1.0, s.k);
    bits += LogisticBits(s.target / unit, 4 / unit, c, ls, nullptr, nullptr);
  }
  return bits / double(data.size());
}

// Trains `net` and returns its integer network: of the post-training
// quantisation and the network after each quantisation-aware epoch, the
// one with the fewest bits on the held-out samples.
neural::NetSet Train(FloatNet& net, const std::vector<Sample>& train, const std::vector<Sample>& hold,
                     const Options& o) {
  neural::NetSet best{};
  double best_bits = 1e300;
  auto consider = [&](const char* what) {
    const neural::NetSet n = net.ToInteger();
    const double b = IntegerBits(n, net.set, hold);
    const bool better = b < best_bits;
    if (better) best = n, best_bits = b;
    std::printf("set %d %s: integer network %.4f bits/sample held out%s\n", net.set, what, b, better ? " (best)" : "");
    std::fflush(stdout);
  };
  const size_t kBatch = o.batch;
  const int total = o.epochs + o.qat_epochs;
  std::vector<float> m(net.p.size(), 0), v(net.p.size(), 0);
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  uint64_t rng = 0x2545F4914F6CDD1Dull + uint64_t(net.set);
  int64_t step = 0;
  for (int epoch = 0; epoch < total; ++epoch) {
    const bool fq = epoch >= o.epochs;
    if (epoch == o.epochs) {
      if (o.max_act_scale > 0) net.CalibrateScales(train, o.act_quantile, o.max_act_scale);
      consider("after float training");
      if (o.diagnose) {  // where the quantisation loss comes from
        const std::vector<float> q = net.Quantized();
        double lw = 0, la = 0, lf = 0;
        for (const Sample& s : hold) lw += net.Loss(s, q, false), la += net.Loss(s, net.p, true), lf += net.Loss(s, net.p, false);
        const double n = double(hold.size());
        std::printf("set %d diagnosis: float %.4f, weights rounded %.4f, activations and outputs rounded %.4f\n", net.set,
                    lf / n, lw / n, la / n);
        // Weights of one layer at a time (layers at o_w1, o_w2, o_w3; each layer's biases follow its weights).
        const size_t bounds[4] = {net.o_w1, net.o_w2, net.o_w3, net.p.size()};
        for (int layer = 0; layer < 3; ++layer) {
          std::vector<float> ql = net.p;
          for (size_t k = bounds[layer]; k < bounds[layer + 1]; ++k) ql[k] = q[k];
          double l = 0;
          for (const Sample& s : hold) l += net.Loss(s, ql, false);
          std::printf("set %d diagnosis: layer %d weights rounded %.4f\n", net.set, layer + 1, l / n);
        }
      }
    }
    for (size_t i = order.size(); i > 1; --i) {  // Fisher-Yates with a fixed xorshift
      rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
      std::swap(order[i - 1], order[rng % i]);
    }
    const double t0 = Seconds();
    double loss = 0;
    for (size_t b0 = 0; b0 + kBatch <= order.size(); b0 += kBatch) {
      const std::vector<float> q = fq ? net.Quantized() : net.p;
      std::vector<float> g[2] = {std::vector<float>(net.p.size(), 0), std::vector<float>(net.p.size(), 0)};
      double l[2] = {0, 0};
      auto work = [&](int t) {
        for (size_t i = b0 + t * kBatch / 2; i < b0 + (t + 1) * kBatch / 2; ++i)
          l[t] += net.LossAndGrad(train[order[i]], q, fq, &g[t]);
      };
      std::thread helper(work, 1);
      work(0);
      helper.join();
      loss += l[0] + l[1];
      // Adam; cosine learning-rate decay over all epochs.
      ++step;
      const double progress = double(epoch * order.size() + b0) / double(total * order.size());
      const float lr =
          float(o.lr * (fq ? o.qat_lr : 1.0) * (0.05 + 0.95 * 0.5 * (1 + std::cos(M_PI * progress))));
      const float b1 = 0.9f, b2 = 0.999f;
      const float c1 = 1 - std::pow(b1, float(step)), c2 = 1 - std::pow(b2, float(step));
      for (size_t k = 0; k < net.p.size(); ++k) {
        const float gk = (g[0][k] + g[1][k]) / kBatch;
        m[k] = b1 * m[k] + (1 - b1) * gk;
        v[k] = b2 * v[k] + (1 - b2) * gk * gk;
        net.p[k] -= lr * (m[k] / c1) / (std::sqrt(v[k] / c2) + 1e-8f);
      }
    }
    double hl = 0;
    const std::vector<float> q = fq ? net.Quantized() : net.p;
    for (const Sample& s : hold) hl += net.Loss(s, q, fq);
    std::printf("set %d epoch %d%s: train %.4f, held-out %.4f bits/sample (%.0f s)\n", net.set, epoch,
                fq ? " (quantised)" : "", loss / double(order.size() / kBatch * kBatch), hl / double(hold.size()),
                Seconds() - t0);
    std::fflush(stdout);
    if (fq) consider("after this epoch");
  }
  if (o.qat_epochs == 0) {
    if (o.max_act_scale > 0) net.CalibrateScales(train, o.act_quantile, o.max_act_scale);
    consider("after float training");
  }
  return best;
}

int Main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "nlic_train: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--corpus") o.corpus = next();
    else if (a == "--out") o.out = next();
    else if (a == "--epochs") o.epochs = std::stoi(next());
    else if (a == "--qat-epochs") o.qat_epochs = std::stoi(next());
    else if (a == "--keep") o.keep[0] = o.keep[1] = o.keep[2] = std::max(1, std::stoi(next()));
    else if (a == "--holdout-every") o.holdout_every = std::max(0, std::stoi(next()));
    else if (a == "--lr") o.lr = std::stod(next());
    else if (a == "--batch") o.batch = size_t(std::max(2, std::stoi(next()))) & ~size_t(1);
    else if (a == "--compare") o.compare = next();
    else if (a == "--only-set") o.only_set = std::stoi(next());
    else if (a == "--act-quantile") o.act_quantile = std::stod(next());
    else if (a == "--max-act-scale") o.max_act_scale = std::stof(next());
    else if (a == "--qat-lr") o.qat_lr = std::stod(next());
    else if (a == "--diagnose") o.diagnose = true;
    else {
      std::fprintf(stderr,
                   "usage: nlic_train [--corpus DIR] [--out FILE] [--epochs N] [--qat-epochs N] [--keep N]\n"
                   "                  [--holdout-every N] [--lr X] [--batch N] [--compare MODEL.nlm]\n"
                   "                  [--only-set N] [--act-quantile Q] [--max-act-scale S] [--qat-lr F] [--diagnose]\n");
      return 2;
    }
  }
  std::vector<std::string> paths;
  std::error_code ec;
  for (auto& e : std::filesystem::recursive_directory_iterator(o.corpus, ec)) {
    const std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".png" || ext == ".PNG")) paths.push_back(e.path().string());
  }
  if (ec || paths.empty()) {
    std::fprintf(stderr, "nlic_train: no PNG images under %s\n", o.corpus.c_str());
    return 1;
  }
  std::sort(paths.begin(), paths.end());
  double t0 = Seconds();
  std::vector<std::string> train_paths, hold_paths;
  std::vector<uint64_t> train_ids, hold_ids;
  for (size_t i = 0; i < paths.size(); ++i) {
    const bool held = o.holdout_every > 0 && int(i % size_t(o.holdout_every)) == o.holdout_every - 1;
    (held ? hold_paths : train_paths).push_back(paths[i]);
    (held ? hold_ids : train_ids).push_back(i);
  }
  SampleSet all, held;
  CollectSamples(train_paths, o.keep, &all, &train_ids);
  const int hk[neural::kSets] = {o.hold_keep, o.hold_keep, o.hold_keep};
  CollectSamples(hold_paths, hk, &held, &hold_ids);
  std::printf("%zu images (%zu held out); samples:", paths.size(), hold_paths.size());
  for (int set = 0; set < neural::kSets; ++set)
    std::printf(" set %d %zu+%zu,", set, all.samples[set].size(), held.samples[set].size());
  std::printf(" (%.0f s)\n", Seconds() - t0);
  std::fflush(stdout);

  neural::NeuralModel other{};
  bool have_other = false;
  if (!o.compare.empty()) {
    std::vector<uint8_t> b;
    if (!ReadFileBytes(o.compare, &b).ok() || !neural::ParseNeuralModel(b.data(), b.size(), o.compare, &other).ok()) {
      std::fprintf(stderr, "nlic_train: cannot read model %s\n", o.compare.c_str());
      return 1;
    }
    have_other = true;
  }

  neural::NeuralModel model{};
  double sum_new = 0, sum_other = 0;
  size_t sum_n = 0;
  for (int set = 0; set < neural::kSets; ++set) {
    if (o.only_set >= 0 && set != o.only_set) continue;
    std::vector<Sample> train, hold;
    double log_sum = 0;
    // The output bias starts at the mean log scale of the samples it learns from.
    for (const Sample& s : all.samples[set]) log_sum += std::log2(std::abs(s.target) / std::ldexp(1.0, s.k) / 1.386 + 0.05);
    if (hold_paths.empty()) {  // no held-out images: every 20th sample
      for (size_t i = 0; i < all.samples[set].size(); ++i)
        (i % 20 == 19 ? hold : train).push_back(all.samples[set][i]);
    } else {
      train.swap(all.samples[set]);
      hold.swap(held.samples[set]);
    }
    all.samples[set].clear();
    all.samples[set].shrink_to_fit();
    FloatNet net(set);
    net.Init(1234 + set, float(log_sum / double(hold_paths.empty() ? train.size() + hold.size() : train.size())));
    model.sets[set] = Train(net, train, hold, o);
    const double nb = IntegerBits(model.sets[set], set, hold);
    std::printf("set %d: integer network %.4f bits/sample on held-out samples", set, nb);
    sum_new += nb * double(hold.size());
    if (have_other) {
      const double ob = IntegerBits(other.sets[set], set, hold);
      std::printf(", %s %.4f", o.compare.c_str(), ob);
      sum_other += ob * double(hold.size());
    }
    sum_n += hold.size();
    std::printf("\n");
    std::fflush(stdout);
  }
  std::printf("all sets: %.4f bits/sample held out", sum_new / double(sum_n));
  if (have_other) std::printf(", %s %.4f", o.compare.c_str(), sum_other / double(sum_n));
  std::printf("\n");
  if (o.only_set >= 0) return 0;
  const std::vector<uint8_t> bytes = neural::SerializeNeuralModel(model);
  std::ofstream f(o.out, std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  if (!f.good()) {
    std::fprintf(stderr, "nlic_train: cannot write %s\n", o.out.c_str());
    return 3;
  }
  std::printf("wrote %s: %zu bytes, model id 0x%016llx (%.0f s in all)\n", o.out.c_str(), bytes.size(),
              (unsigned long long)neural::ModelFileId(bytes.data(), bytes.size()), Seconds() - t0);
  return 0;
}

}  // namespace
}  // namespace train
}  // namespace nlic

int main(int argc, char** argv) { return nlic::train::Main(argc, argv); }
