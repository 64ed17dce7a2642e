#include "tools/train_patches/train_patches.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>

#include "codec/nlic.h"
#include "io/image_io.h"

namespace nlic::train_patches {

std::vector<uint16_t> LoadPatches(const char* dir) {
  std::vector<std::string> paths;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".png") paths.push_back(e.path().string());
  std::sort(paths.begin(), paths.end());
  std::vector<uint16_t> patches;
  for (const std::string& path : paths) {
    std::vector<uint8_t> bytes;
    Image im;
    std::vector<uint8_t> gray;
    std::string why = "unreadable";
    if (!ReadFileBytes(path, &bytes).ok() || !ReadImage(bytes.data(), bytes.size(), ReadLimits(), &im).ok() ||
        !gray_patches::ToGray(im, &gray, &why)) {
      std::fprintf(stderr, "skipped %s: %s\n", path.c_str(), why.c_str());
      continue;
    }
    for (uint32_t y0 = 0; y0 + kPatchH <= im.height; y0 += kPatchH)
      for (uint32_t x0 = 0; x0 + kPatchW <= im.width; x0 += kPatchW)
        for (uint32_t y = 0; y < kPatchH; ++y) {
          const uint8_t* row = &gray[size_t(y0 + y) * im.width + x0];
          patches.insert(patches.end(), row, row + kPatchW);
        }
  }
  return patches;
}

int Start(int argc, char** argv, bool optional_arg, const char* usage, TrainSet* out) {
  if (argc != 2 && !(optional_arg && argc == 3)) {
    std::fprintf(stderr, "usage: %s\n", usage);
    return 2;
  }
  out->model = neural::DefaultNeuralModel();
  if (!out->model) {
    std::fputs("this build has no neural model\n", stderr);
    return 1;
  }
  out->patches = LoadPatches(argv[1]);
  return 0;
}

}  // namespace nlic::train_patches
