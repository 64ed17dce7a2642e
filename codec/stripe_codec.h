// The per-stripe coding loop, shared by encoder and decoder: walk the pixels
// in raster order, channels in coding order, ask the predictor for a
// distribution, code the sample, feed it back. Stripes share no state, which
// is what lets them be coded in parallel and decoded independently.
#pragma once

#include <cstdint>
#include <vector>

#include "codec/header.h"
#include "codec/match_gate.h"
#include "codec/palette_coder.h"
#include "codec/sample_coder.h"
#include "predictor/channel_order.h"
#include "predictor/classical.h"
#include "predictor/neural.h"

namespace nlic {

namespace stripe_internal {

// One sample: coding position K of a pixel with C channels.
template <int C, int K, bool kTop, class Coder, class Predictor, class Samples>
[[gnu::always_inline]] inline void CodeSample(Coder& coder, Predictor& predictor, Samples& samples,
                                              typename Predictor::State& ps, int32_t& ref_resid, uint16_t* px,
                                              uint32_t x) {
  constexpr ChannelOrder kOrder = OrderForCount(C);
  constexpr int c = kOrder.channel[K], ref = kOrder.reference[K];
  const Prediction p = predictor.template Predict<K, ref, kTop>(x, ps);
  const int v = samples.template Code<K>(coder, x, p, px[c], ref_resid);
  if constexpr (Coder::kDecoding) px[c] = uint16_t(v);
  predictor.template Update<K, ref>(x, v, ps);
}

// How often the decoder checks for overrun inside a row: a forged header
// may claim rows of 2^24 pixels, and one such row of garbage would already
// fill hundreds of megabytes. Fine enough to stop within a few hundred
// kilobytes, coarse enough to cost nothing in the coding loop.
inline constexpr uint32_t kOverrunCheckPixels = 4096;

// P(match bit = 1) of a stripe's first decision, in 1/65536.
inline constexpr uint32_t kMatchBitP1 = 4096;

// One row of a stripe with C channels per pixel. Everything that selects
// code per sample (channel count, coding position, its reference, top row)
// is a template argument here, so the models carry no tests on it. The
// coder and the state carried between samples are locals for the row:
// nothing they live in can alias the models' tables, so the compiler need
// not reload them after each table store. Returns false when the decoder
// has run past its payload (checked before every kOverrunCheckPixels).
template <int C, bool kTop, class Coder, class Predictor, class Samples>
bool CodeRow(Coder& coder_state, Predictor& predictor, Samples& samples, uint16_t* row, uint32_t width) {
  Coder coder = coder_state;
  typename Predictor::State ps;
  int32_t ref_resid = 0;
  bool ok = true;
  for (uint32_t x0 = 0; x0 < width; x0 += kOverrunCheckPixels) {
    if constexpr (Coder::kDecoding) {
      if (coder.overrun() > kMaxDecoderOverrun) {
        ok = false;
        break;
      }
    }
    const uint32_t x1 = width - x0 > kOverrunCheckPixels ? x0 + kOverrunCheckPixels : width;
    for (uint32_t x = x0; x < x1; ++x) {
      uint16_t* px = row + size_t(x) * C;
      CodeSample<C, 0, kTop>(coder, predictor, samples, ps, ref_resid, px, x);
      if constexpr (C > 1) CodeSample<C, 1, kTop>(coder, predictor, samples, ps, ref_resid, px, x);
      if constexpr (C > 2) CodeSample<C, 2, kTop>(coder, predictor, samples, ps, ref_resid, px, x);
      if constexpr (C > 3) CodeSample<C, 3, kTop>(coder, predictor, samples, ps, ref_resid, px, x);
    }
  }
  coder_state = coder;
  return ok;
}

template <int C, class Samples, class Coder, class Predictor>
bool CodeStripeWith(Coder& coder, Predictor& predictor, const Header& h, uint16_t* rows, uint32_t row_count) {
  const size_t stride = size_t(h.width) * C;
  Samples samples(h.width, C, h.bit_depth);
  for (uint32_t y = 0; y < row_count; ++y) {
    uint16_t* row = rows + y * stride;
    RowWindow window{row, y >= 1 ? row - stride : nullptr, y >= 2 ? row - 2 * stride : nullptr};
    predictor.StartRow(window);
    samples.StartRow(y == 0);
    const bool ok = y == 0 ? CodeRow<C, true>(coder, predictor, samples, row, h.width)
                           : CodeRow<C, false>(coder, predictor, samples, row, h.width);
    if (!ok) return false;
  }
  if constexpr (Coder::kDecoding) return coder.overrun() <= kMaxDecoderOverrun;
  return true;
}

template <int C, class Coder, class Predictor>
bool CodeStripeWithSamples(Coder& coder, Predictor& predictor, const Header& h, uint16_t* rows, uint32_t row_count,
                           bool match) {
  if (h.profile == 2) {
    if (match) return CodeStripeWith<C, RichMatchSampleCoder>(coder, predictor, h, rows, row_count);
    return CodeStripeWith<C, RichSampleCoder>(coder, predictor, h, rows, row_count);
  }
  if (match) return CodeStripeWith<C, MatchSampleCoder>(coder, predictor, h, rows, row_count);
  return CodeStripeWith<C, SampleCoder>(coder, predictor, h, rows, row_count);
}

template <int C, class Coder>
bool CodeStripeOf(Coder& coder, const Header& h, const neural::NeuralModel* model, uint16_t* rows,
                  uint32_t row_count, bool match) {
  static constexpr ChannelOrder kOrder = OrderForCount(C);
  // Profile 2 is the rich sample model (efforts 7..9), profile 0 the plain one.
  // The stripe's match bit adds the match model (codec/match_model.h).
  if (model) {
    NeuralPredictor predictor(h.width, kOrder, h.bit_depth, *model);
    return CodeStripeWithSamples<C>(coder, predictor, h, rows, row_count, match);
  }
  ClassicalPredictor predictor(h.width, kOrder, h.bit_depth, h.model_id != ClassicalPredictor::kUnrefinedModelId);
  return CodeStripeWithSamples<C>(coder, predictor, h, rows, row_count, match);
}

}  // namespace stripe_internal

// `rows` points at row y0 of an interleaved width*channels sample buffer.
// Coder::kDecoding selects whether samples are read from or written to it.
// `model` is the neural model the header names, null for the classical
// predictor. Returns false when the decoder ran past its payload (damaged
// stream).
// `choice` is the encoder's rule for the match bit (ignored by the decoder,
// which reads the bit).
template <class Coder>
bool CodeStripe(Coder& coder, const Header& h, const neural::NeuralModel* model, uint16_t* rows,
                uint32_t row_count, MatchChoice choice = MatchChoice::kGate) {
  if (h.color_type == ColorType::kPalette || !h.color_table.empty()) {
    // Indices are labels: their own coder (spec/palette.md), no predictor.
    // Colour-table indices (codec/color_index.h) sit one a pixel at `rows`.
    const PaletteShape shape = PaletteShapeOf(h);
    PaletteCoder palette(h.width, row_count, shape.bits, shape.entries);
    return palette.CodeStripe(coder, rows, row_count);
  }
  const int channels = OrderFor(h.color_type).count;
  // One bit turns the match model on for the stripe; the encoder sets it
  // where exact repeats are common (codec/match_gate.h). Priced at 1/16 so
  // that a stripe without it (a photo, a tiny patch) pays 0.09 bits.
  auto code_samples = [&](auto& c, uint32_t count, bool match) {
    switch (channels) {
      case 1: return stripe_internal::CodeStripeOf<1>(c, h, model, rows, count, match);
      case 2: return stripe_internal::CodeStripeOf<2>(c, h, model, rows, count, match);
      case 3: return stripe_internal::CodeStripeOf<3>(c, h, model, rows, count, match);
      default: return stripe_internal::CodeStripeOf<4>(c, h, model, rows, count, match);
    }
  };
  bool match = false;
  if constexpr (!Coder::kDecoding) {
    match = choice != MatchChoice::kBoth && MatchPays(rows, h.width, row_count, channels);
    if (choice == MatchChoice::kBoth) {
      uint64_t bytes[2];
      for (int m = 0; m < 2; ++m) {
        std::vector<uint8_t> scratch;
        Coder probe(&scratch);
        (void)code_samples(probe, row_count, m == 1);
        probe.Finish();
        bytes[m] = scratch.size();
      }
      match = bytes[1] < bytes[0];
    } else if (!match && choice == MatchChoice::kTrial) {
      // The first rows coded both ways: photos whose chroma was
      // interpolated (Kodak's) gain about 10%, most others under 1%.
      const uint32_t trial = MatchTrialRows(row_count);
      uint64_t bytes[2];
      for (int m = 0; m < 2; ++m) {
        std::vector<uint8_t> scratch;
        Coder probe(&scratch);
        (void)code_samples(probe, trial, m == 1);
        probe.Finish();
        bytes[m] = scratch.size();
      }
      match = MatchTrialPays(bytes[1], bytes[0]);
    }
  }
  match = coder.Code(match, stripe_internal::kMatchBitP1);
  return code_samples(coder, row_count, match);
}

}  // namespace nlic
