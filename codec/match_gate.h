// The encoder's choice of the match model (codec/match_model.h) for a stripe:
// not part of the format (the stripe's first bit records it), so any rule
// decodes. The model costs about 65% more time per sample, so it is turned
// on only where exact repeats of a neighbourhood are common, which is where
// it pays most: drawings, plots, icons, not photos.
#pragma once

#include <cstdint>

namespace nlic {

// How the encoder picks a stripe's match bit, by effort (codec/encode_plan.cc).
enum class MatchChoice : uint8_t {
  kGate,   // MatchPays() alone: cheap, catches drawings, icons and plots
  kTrial,  // MatchPays(), else code the stripe's first rows both ways and
           // keep the model where it saved at least 1% (MatchTrialPays)
  kBoth,   // code the whole stripe both ways and keep the smaller: one more
           // pass, for the efforts that put size before encoding time
};

// Rows a trial codes both ways: a sixteenth of the stripe, but at least
// 12,288 pixels' worth (16 rows of a Kodak photo: fewer leave the table too
// empty to judge), or the whole stripe if shorter. Counted in pixels, not
// rows, because wide images get short stripes: 16 rows of a 64-row stripe
// would make the trial a quarter of the work. The losing way's rows are the
// trial's only extra work, about 6% of encoding. Part of the format since
// version 7: a neural stripe's refiner bit sits at this row (spec/neural.md
// 7.2), so the decoder computes it too and it cannot change freely.
inline uint32_t MatchTrialRows(uint32_t row_count, uint32_t width) {
  constexpr uint32_t kMinPixels = 12288;
  const uint32_t min_rows = width >= kMinPixels ? 1 : (kMinPixels + width - 1) / width;
  const uint32_t rows = row_count / 16 > min_rows ? row_count / 16 : min_rows;
  return rows < row_count ? rows : row_count;
}

// The model decodes about 65% slower, so it must earn its place: at least
// 1% smaller on the trial rows.
inline bool MatchTrialPays(uint64_t bytes_with, uint64_t bytes_without) {
  return bytes_with * 100 < bytes_without * 99;
}

// Whether the match model should code these rows (`row_count` rows of
// `width` pixels of `channels` interleaved samples). Looks at a few rows
// only (one in eight), so it costs well under 1% of coding them.
bool MatchPays(const uint16_t* rows, uint32_t width, uint32_t row_count, int channels);

}  // namespace nlic
