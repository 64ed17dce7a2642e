// The models compiled into the library (predictor/models/*.nlm, turned into
// byte arrays by CMake: cmake/embed_models.cmake).
#include <mutex>

#include "predictor/embedded_models.h"
#include "predictor/neural_model.h"

namespace nlic {
namespace neural {
namespace {

// The model `--predictor neural` encodes with. Older models stay embedded
// so that files coded with them keep decoding (n1: the first model, the
// default until n2; n2: the default until n3).
constexpr const char* kDefaultModel = "n3";

struct Registry {
  std::vector<NeuralModel> models;
  Registry() {
    for (size_t i = 0; i < kEmbeddedModelCount; ++i) {
      NeuralModel m;
      const EmbeddedModelFile& f = kEmbeddedModels[i];
      // A model that fails to parse is a build error; the test suite checks
      // every embedded model parses, so leaving it out here is only a guard.
      if (ParseNeuralModel(f.data, f.size, f.name, &m).ok()) models.push_back(std::move(m));
    }
  }
};

const Registry& Models() {
  static const Registry r;
  return r;
}

}  // namespace

const NeuralModel* FindNeuralModel(uint64_t id) {
  for (const NeuralModel& m : Models().models)
    if (m.id == id) return &m;
  return nullptr;
}

const NeuralModel* DefaultNeuralModel() {
  for (const NeuralModel& m : Models().models)
    if (m.name == kDefaultModel) return &m;
  return nullptr;
}

}  // namespace neural
}  // namespace nlic
