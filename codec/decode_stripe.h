// What both decoders (whole-image Decode and DecodeStream) share, so they
// accept and reject exactly the same files: the model lookup, the metadata
// handed to the caller, one stripe decoded and checked, and its error text.
#pragma once

#include <cstddef>
#include <cstdint>

#include "codec/header.h"
#include "predictor/neural.h"

namespace nlic {

// The predictor's parameters the header names; Unsupported when this build
// lacks them. *model is null for the classical predictor.
Status FindModel(const Header& h, const neural::NeuralModel** model);

// Everything but the pixels, moved out of the header.
Image MetaFromHeader(Header&& h);

enum class StripeState : uint8_t {
  kIntact,
  kBadChecksum,  // decoded, but the pixels fail the stripe's CRC
  kBadPayload,   // the decoder ran past the payload or it did not end cleanly
  kMissing,      // no readable record (salvage of a truncated file only)
};

// Decodes stripe `index`'s rows into `rows` and checks them against
// `pixel_crc` (which covers the index too).
StripeState DecodeStripe(const Header& h, const neural::NeuralModel* model, uint32_t index, const uint8_t* payload,
                          size_t size, uint32_t pixel_crc, uint16_t* rows, uint32_t row_count);

// "stripe 3 of 12 (rows 48-63) is damaged: its pixels fail their checksum",
// as a Status of the matching code. `state` must not be kIntact.
Status StripeProblem(const Header& h, uint32_t i, StripeState state);

}  // namespace nlic
