// The encoder's choice of the match model (codec/match_model.h) for a stripe:
// not part of the format (the stripe's first bit records it), so any rule
// decodes. The model costs about 65% more time per sample, so it is turned
// on only where exact repeats of a neighbourhood are common, which is where
// it pays most: drawings, plots, icons, not photos.
#pragma once

#include <cstdint>

namespace nlic {

// Whether the match model should code these rows (`row_count` rows of
// `width` pixels of `channels` interleaved samples). Looks at a few rows
// only (one in eight), so it costs well under 1% of coding them.
bool MatchPays(const uint16_t* rows, uint32_t width, uint32_t row_count, int channels);

}  // namespace nlic
