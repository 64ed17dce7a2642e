// Initial rows of the plain sample model's APM for coding position 0, per
// scale bucket and decision slot: the mixer is miscalibrated in a stripe's
// first samples in ways that repeat from image to image, and the APM
// (rate 7) is too slow to learn that within a tiny image. Measured at
// effort 5: Kodak 32x64 patches -0.11% (53.87% -> 53.82% of raw), Kodak
// photos and eval/ -300 bytes each.
//
// Generated, not tuned by hand: `nlic-apm-prior ../shared/corpus/train`
// (tools/apm_prior/) prints apm_prior_table.inc from effort 5's coding of
// every 32x64 gray patch of the training corpus (12 rounds, ~3 minutes).
// Never regenerate it from kodak/ or eval/. The table file is part of the
// format (spec/model.md section 5.4; spec/reference_decoder.py reads it).
#pragma once

#include <cstdint>

namespace nlic {

inline constexpr int kApmPriorRows = 32 * 37;

inline constexpr uint16_t kApmPrior[kApmPriorRows * 33] = {
#include "codec/apm_prior_table.inc"
};

}  // namespace nlic
