// The model files embedded at build time; defined in a source file that
// CMake generates from predictor/models/*.nlm (cmake/embed_models.cmake).
#pragma once

#include <cstddef>

namespace nlic {
namespace neural {

struct EmbeddedModelFile {
  const char* name;  // file name without .nlm
  const unsigned char* data;
  size_t size;
};

extern const EmbeddedModelFile kEmbeddedModels[];
extern const size_t kEmbeddedModelCount;

}  // namespace neural
}  // namespace nlic
