// The per-stripe coding loop, shared by encoder and decoder: walk the pixels
// in raster order, channels in coding order, ask the predictor for a
// distribution, code the sample, feed it back. Stripes share no state, which
// is what lets them be coded in parallel and decoded independently.
#pragma once

#include <cstdint>

#include "codec/header.h"
#include "codec/sample_coder.h"
#include "predictor/channel_order.h"
#include "predictor/classical.h"

namespace nlic {

// A valid payload never makes the decoder read more than 4 bytes past its
// end (the encoder flushes one byte, the decoder preloads four). Stopping at
// this many turns a forged header with a tiny payload into an immediate error
// instead of a full-size decode of zeros.
inline constexpr size_t kMaxDecoderOverrun = 8;

// `rows` points at row y0 of an interleaved width*channels sample buffer.
// Coder::kDecoding selects whether samples are read from or written to it.
// Returns false when the decoder ran past its payload (damaged stream).
template <class Coder>
bool CodeStripe(Coder& coder, const Header& h, uint16_t* rows, uint32_t row_count) {
  const ChannelOrder order = OrderFor(h.color_type);
  const int C = order.count;
  const size_t stride = size_t(h.width) * C;
  ClassicalPredictor predictor(h.width, order, h.bit_depth);
  SampleCoder samples(h.width, C, h.bit_depth);
  for (uint32_t y = 0; y < row_count; ++y) {
    uint16_t* row = rows + y * stride;
    RowWindow window{row, y >= 1 ? row - stride : nullptr, y >= 2 ? row - 2 * stride : nullptr};
    predictor.StartRow(window);
    samples.StartRow(y == 0);
    if constexpr (Coder::kDecoding) {
      if (coder.overrun() > kMaxDecoderOverrun) return false;
    }
    for (uint32_t x = 0; x < h.width; ++x) {
      uint16_t* px = row + size_t(x) * C;
      for (int k = 0; k < C; ++k) {
        const int c = order.channel[k];
        const Prediction p = predictor.Predict(x, k);
        const int v = samples.Code(coder, x, k, p, px[c]);
        if constexpr (Coder::kDecoding) px[c] = uint16_t(v);
        predictor.Update(x, k, v);
      }
    }
  }
  if constexpr (Coder::kDecoding) return coder.overrun() <= kMaxDecoderOverrun;
  return true;
}

}  // namespace nlic
