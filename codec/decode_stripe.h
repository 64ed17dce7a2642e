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

enum class StripeResult : uint8_t { kIntact, kBadChecksum, kPayloadTooShort };

// Decodes stripe `index`'s rows into `rows` and checks them against
// `pixel_crc` (which covers the index too).
StripeResult DecodeStripe(const Header& h, const neural::NeuralModel* model, uint32_t index, const uint8_t* payload,
                          size_t size, uint32_t pixel_crc, uint16_t* rows, uint32_t row_count);

// The error for stripe `i` when `result` is not kIntact.
Status StripeError(const Header& h, uint32_t i, StripeResult result);

}  // namespace nlic
