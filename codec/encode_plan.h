// What both encoders (whole-image Encode and EncodeStream) share, so their
// bytes cannot drift apart: the checks on everything but the pixels, the
// header built from the options, and one stripe turned into its record.
#pragma once

#include <cstdint>
#include <vector>

#include "codec/color_index.h"
#include "codec/header.h"
#include "codec/match_gate.h"
#include "predictor/neural.h"

namespace nlic {

struct EncodePlan {
  Header header;
  const neural::NeuralModel* model = nullptr;  // null: classical predictor
  // Whether a colour table may be chosen: no predictor forced by the
  // options, and an 8- or 16-bit non-palette image (spec/format.md 10).
  bool may_index = false;
  // The encoder's rule for each stripe's match bit (codec/match_gate.h).
  MatchChoice match = MatchChoice::kGate;
};

// The pixels per stripe an effort aims at for an image of `pixels` (rows
// are rounded so stripes are of equal height, at least 16 rows).
uint64_t StripeTargetPixels(int effort, uint64_t pixels);

// Validates `meta` except its samples (shape, limits, transparency, chunks)
// and the options, then fills the header. Samples are checked separately:
// all at once by Encode, stripe by stripe by EncodeStream.
Status PlanEncode(const Image& meta, const EncodeOptions& options, EncodePlan* plan);

// Turns on colour indexing (codec/color_index.h) when `survey` read every
// row, found at most 256 colours, the plan may_index, and its sample codes
// smaller as indices, table included (spec/format.md 10).
void ChooseColorTable(const ColorSurvey& survey, EncodePlan* plan);

// Samples within the depth, palette indices within the palette, and pixels
// in the colour table when there is one.
Status CheckStripeSamples(const Header& h, const uint16_t* samples, size_t count);

// Codes stripe `index` of `rows` rows: its payload and the CRC of its index
// and pixels.
void EncodeStripe(const EncodePlan& plan, uint32_t index, const uint16_t* pixels, uint32_t rows,
                  std::vector<uint8_t>* payload, uint32_t* crc);

// The record's head: payload length (varint), then the pixel CRC (u32 LE).
void AppendRecordHead(uint64_t payload_size, uint32_t crc, std::vector<uint8_t>* out);

}  // namespace nlic
