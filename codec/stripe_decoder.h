// Turning the stripe records into pixels through the stripe pipeline
// (stripe_pipeline.h): workers decode a window of stripes into scratch
// allocated without initialisation while the caller appends the finished
// ones, in order, to the image.
//
// So a forged header that claims 2^28 pixels behind a tiny payload makes
// nothing resident beyond what its first stripes actually decode before the
// overrun check stops them, and the image buffer is not even reserved until
// the first stripe has proven itself.
#pragma once

#include <cstdint>
#include <vector>

#include "codec/decode_stripe.h"
#include "codec/header.h"
#include "codec/tile_table.h"
#include "predictor/neural_model.h"

namespace nlic {

// Decodes stripe i from tiles[i] (DecodeStripe, decode_stripe.h); stripes
// at or past tiles.size() are kMissing. With keep_going, *samples ends up as
// the whole image in raster order, damaged stripes as zeros. Without it,
// decoding stops at the first damaged stripe and *samples is incomplete.
// Returns the state of every stripe up to that one (all of them with
// keep_going), in order. `model` is the neural model the header names (null: classical).
std::vector<StripeState> DecodeStripes(const Header& h, const neural::NeuralModel* model,
                                       const std::vector<TileRecord>& tiles, int threads, bool keep_going,
                                       std::vector<uint16_t>* samples);

}  // namespace nlic
