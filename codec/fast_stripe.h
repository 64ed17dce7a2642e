// Profile 1 stripes: token tables followed by one rANS stream (spec/format.md
// section 9). The encoder runs the model once to collect the tokens and
// their statistics, then codes them last to first, as rANS requires.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "codec/header.h"

namespace nlic {

void EncodeFastStripe(const Header& h, const uint16_t* rows, uint32_t row_count, std::vector<uint8_t>* out);

// False when the payload is malformed or does not end where it should.
bool DecodeFastStripe(const Header& h, const uint8_t* payload, size_t size, uint16_t* rows, uint32_t row_count);

}  // namespace nlic
