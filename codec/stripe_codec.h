// The per-stripe coding loop, shared by encoder and decoder: walk the pixels
// in raster order, channels in coding order, ask the predictor for a
// distribution, code the sample, feed it back. Stripes share no state, which
// is what lets them be coded in parallel and decoded independently.
#pragma once

#include <cstdint>
#include <memory>
#include <type_traits>
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
  samples.template Locate<K>(x);
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

// The neural predictor's refiner bit (NeuralPredictor::RefinerPays(),
// spec/neural.md 7.2): P(1) = 1/2, coded at the start of row
// RefinerBitRow() of the stripe.
inline constexpr uint32_t kRefinerBitP1 = 32768;
inline constexpr uint32_t kNoRefinerBit = UINT32_MAX;

// The row at whose start a stripe of `row_count` rows carries its refiner
// bit: after the rows the encoder's match trial codes both ways (the
// decoder needs the same number, so it is part of the format), for the
// neural predictor only, and only when rows remain after them.
template <class Predictor>
uint32_t RefinerBitRow(const Header& h, uint32_t row_count) {
  if constexpr (!std::is_same_v<Predictor, NeuralPredictor>) return kNoRefinerBit;
  const uint32_t row = MatchTrialRows(row_count, h.width);
  return row < row_count ? row : kNoRefinerBit;
}

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

// Rows [y0, y1) of a stripe whose models live on between calls: the
// encoder's match trial codes the first rows two ways and goes on with one.
// `refiner_row` is RefinerBitRow() of the stripe.
template <int C, class Coder, class Predictor, class Samples>
bool CodeRows(Coder& coder, Predictor& predictor, Samples& samples, const Header& h, uint16_t* rows, uint32_t y0,
              uint32_t y1, uint32_t refiner_row) {
  const size_t stride = size_t(h.width) * C;
  for (uint32_t y = y0; y < y1; ++y) {
    if constexpr (std::is_same_v<Predictor, NeuralPredictor>) {
      if (y == refiner_row) {
        // Efforts 7-9 (profile 2) spend time for bytes: they keep it.
        bool keep = false;
        if constexpr (!Coder::kDecoding) keep = h.profile == 2 || predictor.RefinerPays();
        predictor.SetRefiner(coder.Code(keep, kRefinerBitP1));
      }
    }
    uint16_t* row = rows + y * stride;
    RowWindow window{row, y >= 1 ? row - stride : nullptr, y >= 2 ? row - 2 * stride : nullptr};
    predictor.StartRow(window);
    samples.StartRow(y == 0);
    const bool ok = y == 0 ? CodeRow<C, true>(coder, predictor, samples, row, h.width)
                           : CodeRow<C, false>(coder, predictor, samples, row, h.width);
    if (!ok) return false;
  }
  return true;
}

template <int C, class Samples, class Coder, class Predictor>
bool CodeStripeWith(Coder& coder, Predictor& predictor, const Header& h, uint16_t* rows, uint32_t row_count) {
  Samples samples(h.width, C, h.bit_depth);
  if (!CodeRows<C>(coder, predictor, samples, h, rows, 0, row_count, RefinerBitRow<Predictor>(h, row_count)))
    return false;
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

// Whether the classical predictor refines its mean (model_id 1) or not
// (model_id 2, effort 2); the decoder and both ways of the encoder's match
// trial build it the same way.
inline bool ClassicalRefines(const Header& h) { return h.model_id != ClassicalPredictor::kUnrefinedModelId; }

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
  ClassicalPredictor predictor(h.width, kOrder, h.bit_depth, ClassicalRefines(h));
  return CodeStripeWithSamples<C>(coder, predictor, h, rows, row_count, match);
}

// One way of coding a stripe's samples, from its match bit on, into bytes
// of its own; its models live on between row ranges.
template <int C, class Samples, class Predictor>
struct SampleRun {
  std::vector<uint8_t> bytes;
  ArithEncoder coder{&bytes};
  Predictor predictor;
  Samples samples;
  uint32_t refiner_row;
  template <class... A>
  SampleRun(const Header& h, uint32_t row_count, bool match, const A&... predictor_args)
      : predictor(predictor_args...),
        samples(h.width, C, h.bit_depth),
        refiner_row(RefinerBitRow<Predictor>(h, row_count)) {
    coder.Code(match, kMatchBitP1);
  }
  void Rows(const Header& h, uint16_t* rows, uint32_t y0, uint32_t y1) {
    (void)CodeRows<C>(coder, predictor, samples, h, rows, y0, y1, refiner_row);
  }
  uint64_t FinishedSize() const { return bytes.size() + 1; }  // Finish() adds one byte
};

// The encoder's match trial (MatchChoice::kTrial, kBoth): the first `trial`
// rows coded without and with the match model, each with models of its own;
// the way that wins (at least 1% smaller, or just smaller if `any_gain`)
// codes the rest and its bytes become `coder`'s. The trial rows are thus
// coded twice, not three times. `coder` must not have coded anything yet
// (the match bit is a stripe's first decision).
template <int C, class Plain, class Matched, class Predictor, class... A>
void EncodeByTrial(ArithEncoder& coder, const Header& h, uint16_t* rows, uint32_t row_count, uint32_t trial,
                   bool any_gain, const A&... predictor_args) {
  auto off = std::make_unique<SampleRun<C, Plain, Predictor>>(h, row_count, false, predictor_args...);
  auto on = std::make_unique<SampleRun<C, Matched, Predictor>>(h, row_count, true, predictor_args...);
  off->Rows(h, rows, 0, trial);
  on->Rows(h, rows, 0, trial);
  const uint64_t with = on->FinishedSize(), without = off->FinishedSize();
  if (any_gain ? with < without : MatchTrialPays(with, without)) {
    off.reset();  // only one way's models in memory from here
    on->Rows(h, rows, trial, row_count);
    coder.Adopt(on->coder);
  } else {
    on.reset();
    off->Rows(h, rows, trial, row_count);
    coder.Adopt(off->coder);
  }
}

template <int C>
void EncodeByTrialOf(ArithEncoder& coder, const Header& h, const neural::NeuralModel* model, uint16_t* rows,
                     uint32_t row_count, uint32_t trial, bool any_gain) {
  static constexpr ChannelOrder kOrder = OrderForCount(C);
  const bool rich = h.profile == 2;
  if (model) {
    if (rich)
      EncodeByTrial<C, RichSampleCoder, RichMatchSampleCoder, NeuralPredictor>(
          coder, h, rows, row_count, trial, any_gain, h.width, kOrder, h.bit_depth, *model);
    else
      EncodeByTrial<C, SampleCoder, MatchSampleCoder, NeuralPredictor>(coder, h, rows, row_count, trial, any_gain,
                                                                       h.width, kOrder, h.bit_depth, *model);
    return;
  }
  const bool refine = ClassicalRefines(h);
  if (rich)
    EncodeByTrial<C, RichSampleCoder, RichMatchSampleCoder, ClassicalPredictor>(
        coder, h, rows, row_count, trial, any_gain, h.width, kOrder, h.bit_depth, refine);
  else
    EncodeByTrial<C, SampleCoder, MatchSampleCoder, ClassicalPredictor>(coder, h, rows, row_count, trial, any_gain,
                                                                        h.width, kOrder, h.bit_depth, refine);
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
    if (!match && choice != MatchChoice::kGate) {
      // Both ways: the first rows at effort 5 (photos whose chroma was
      // interpolated, Kodak's, gain about 10%, most others under 1%), the
      // whole stripe at effort 9.
      const bool whole = choice == MatchChoice::kBoth;
      const uint32_t trial = whole ? row_count : MatchTrialRows(row_count, h.width);
      switch (channels) {
        case 1: stripe_internal::EncodeByTrialOf<1>(coder, h, model, rows, row_count, trial, whole); break;
        case 2: stripe_internal::EncodeByTrialOf<2>(coder, h, model, rows, row_count, trial, whole); break;
        case 3: stripe_internal::EncodeByTrialOf<3>(coder, h, model, rows, row_count, trial, whole); break;
        default: stripe_internal::EncodeByTrialOf<4>(coder, h, model, rows, row_count, trial, whole); break;
      }
      return true;
    }
  }
  match = coder.Code(match, stripe_internal::kMatchBitP1);
  return code_samples(coder, row_count, match);
}

}  // namespace nlic
