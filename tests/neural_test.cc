// The neural predictor: its kernels agree with the scalar reference, its
// models load, and images coded with it round-trip and are byte-identical
// whatever the kernels and the thread count.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "codec/nlic.h"
#include "predictor/embedded_models.h"
#include "predictor/neural_model.h"
#include "predictor/neural_net.h"
#include "tests/codec_test_util.h"

namespace nlic {
namespace {

using testing::Fill;
using testing::MakeImage;

TEST(NeuralKernels, EveryFastPathThisCpuRunsEqualsTheScalarReference) {
  int ran = 0;
  for (int i = 0; i < neural::FastKernelCount(); ++i) {
    bool supported = false;
    const neural::Kernels* k = neural::FastKernel(i, &supported);
    if (!k || !supported) continue;
    EXPECT_TRUE(neural::KernelsAgree(*k, 12345, 2000)) << k->name;
    ++ran;
  }
  std::printf("fast kernel paths checked: %d; active: %s\n", ran, neural::ActiveKernels().name);
}

TEST(NeuralModels, EveryEmbeddedModelParsesAndHasADistinctId) {
  ASSERT_GT(neural::kEmbeddedModelCount, 0u);
  std::vector<uint64_t> ids;
  for (size_t i = 0; i < neural::kEmbeddedModelCount; ++i) {
    const auto& f = neural::kEmbeddedModels[i];
    neural::NeuralModel m;
    Status s = neural::ParseNeuralModel(f.data, f.size, f.name, &m);
    ASSERT_TRUE(s.ok()) << f.name << ": " << s.ToString();
    EXPECT_GT(m.id, 1u);  // 1 is the classical predictor
    EXPECT_EQ(neural::FindNeuralModel(m.id), neural::FindNeuralModel(m.id));
    EXPECT_EQ(neural::SerializeNeuralModel(m), std::vector<uint8_t>(f.data, f.data + f.size)) << f.name;
    for (uint64_t id : ids) EXPECT_NE(id, m.id);
    ids.push_back(m.id);
  }
  ASSERT_NE(neural::DefaultNeuralModel(), nullptr);
}

TEST(NeuralModels, DamagedModelFilesAreRejected) {
  const neural::NeuralModel* m = neural::DefaultNeuralModel();
  ASSERT_NE(m, nullptr);
  const std::vector<uint8_t> good = neural::SerializeNeuralModel(*m);
  neural::NeuralModel out;
  for (size_t n = 0; n < good.size(); n += 7) EXPECT_FALSE(neural::ParseNeuralModel(good.data(), n, "t", &out).ok()) << n;
  std::vector<uint8_t> bad = good;
  bad.push_back(0);
  EXPECT_FALSE(neural::ParseNeuralModel(bad.data(), bad.size(), "t", &out).ok());
  bad = good;
  bad[11] = 0x80;  // first weight of set 0: -128 is outside s7
  EXPECT_FALSE(neural::ParseNeuralModel(bad.data(), bad.size(), "t", &out).ok());
}

EncodeOptions Neural(int threads = 1) {
  EncodeOptions eo;
  eo.predictor = PredictorChoice::kNeural;
  eo.threads = threads;
  return eo;
}

TEST(NeuralRoundTrip, EveryColourTypeAndDepth) {
  for (const testing::Shape& sh : testing::AllShapes())
    for (Fill fill : {Fill::kRandom, Fill::kGradient, Fill::kMax}) {
      const Image img = MakeImage(37, 23, sh.ct, sh.depth, fill, 7);
      Image back;
      std::vector<uint8_t> bytes;
      Status s = testing::EncodeDecode(img, Neural(), &back, &bytes);
      ASSERT_TRUE(s.ok()) << s.ToString();
      EXPECT_TRUE(SameImage(img, back)) << int(sh.ct) << "/" << sh.depth << " " << testing::FillName(fill);
      FileInfo info;
      ASSERT_TRUE(ReadInfo(bytes.data(), bytes.size(), &info).ok());
      const bool photographic = sh.ct != ColorType::kPalette && sh.depth >= 8;
      EXPECT_EQ(info.predictor, photographic ? PredictorKind::kNeural : PredictorKind::kClassical);
    }
}

TEST(NeuralRoundTrip, CommittedImagesAndThreadCounts) {
  for (const std::string& name : testing::PngNamesIn("", [](const std::string&) { return true; })) {
    Image img;
    ASSERT_TRUE(testing::LoadPngImage(name, &img).ok()) << name;
    std::vector<uint8_t> one, two;
    Image back;
    ASSERT_TRUE(testing::EncodeDecode(img, Neural(1), &back, &one).ok()) << name;
    EXPECT_TRUE(SameImage(img, back)) << name;
    EncodeOptions eo = Neural(2);
    eo.stripe_rows = 16;  // several stripes, so two threads really share the work
    EncodeOptions eo1 = eo;
    eo1.threads = 1;
    ASSERT_TRUE(Encode(img, eo, &two).ok());
    ASSERT_TRUE(Encode(img, eo1, &one).ok());
    EXPECT_EQ(one, two) << name;
    DecodeOptions d2;
    d2.threads = 2;
    ASSERT_TRUE(Decode(two.data(), two.size(), d2, &back).ok()) << name;
    EXPECT_TRUE(SameImage(img, back)) << name;
  }
}

TEST(NeuralRoundTrip, UnknownModelIsRefusedByName) {
  const Image img = MakeImage(16, 16, ColorType::kRGB, 8, Fill::kGradient, 3);
  std::vector<uint8_t> bytes;
  ASSERT_TRUE(Encode(img, Neural(), &bytes).ok());
  FileInfo info;
  ASSERT_TRUE(ReadInfo(bytes.data(), bytes.size(), &info).ok());
  EXPECT_EQ(info.predictor, PredictorKind::kNeural);
  EXPECT_EQ(info.model_id, neural::DefaultNeuralModel()->id);
}

}  // namespace
}  // namespace nlic

namespace nlic {
namespace {

// The bytes must not depend on which kernels ran: the scalar reference
// and each fast path by name (forced through the environment; a path this
// CPU lacks falls back to the reference) and whatever the self-check picked, under
// each oneDNN ISA cap (the variable must change nothing: no oneDNN kernel
// feeds the coder), and on one or two threads. Run through the CLI so that
// each setting gets a fresh process.
TEST(NeuralDeterminism, BytesAreIdenticalForEveryKernelIsaAndThreadCount) {
  const std::string dir = ::testing::TempDir() + "nlic_neural_det";
  ASSERT_EQ(std::system(("rm -rf '" + dir + "' && mkdir -p '" + dir + "'").c_str()), 0);
  const std::string in = testing::TestImagePath("photo_kodim23_192x128.png");
  const char* settings[] = {
      "NLIC_NEURAL_KERNELS=scalar", "NLIC_NEURAL_KERNELS=auto",       "NLIC_NEURAL_KERNELS=avx2",
      "NLIC_NEURAL_KERNELS=avx512vnni", "DNNL_MAX_CPU_ISA=SSE41",     "DNNL_MAX_CPU_ISA=AVX2",
      "DNNL_MAX_CPU_ISA=AVX512_CORE_VNNI",
  };
  std::vector<uint8_t> first;
  int n = 0;
  for (const char* env : settings)
    for (int threads : {1, 2}) {
      const std::string out = dir + "/" + std::to_string(n++) + ".nlic";
      const std::string cmd = std::string("env ") + env + " '" + NLIC_CLI_PATH + "' encode -q --predictor neural --threads " +
                              std::to_string(threads) + " '" + in + "' '" + out + "'";
      ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
      std::vector<uint8_t> bytes;
      ASSERT_TRUE(ReadFileBytes(out, &bytes).ok());
      if (first.empty()) first = bytes;
      EXPECT_EQ(bytes, first) << env << ", " << threads << " thread(s)";
    }
}

}  // namespace
}  // namespace nlic
