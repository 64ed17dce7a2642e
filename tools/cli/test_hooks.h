// Test hooks: environment variables that make the CLI fail on purpose, so
// the test suite can show that its safety nets hold. They exist for
// tests/cli_test.cc and tests/fault_test.cc only; never set them otherwise.
//
//   NLIC_TEST_FLIP_ENCODED_BIT=N    encode: flip the lowest bit of byte N of
//       the encoded file right after encoding, before --verify sees it (a
//       stand-in for an encoder bug). Ignored when N is past the end.
//   NLIC_TEST_STALL_AFTER_BYTES=N   writing OUT through its temporary file:
//       after N bytes (fewer than the whole file), wait for a signal, so a
//       test can interrupt a write halfway.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nlic::cli {

void ApplyEncodedBitFlipHook(std::vector<uint8_t>* encoded);
// For encoded bytes that pass by in pieces: true, with the byte offset whose
// lowest bit the hook flips, when NLIC_TEST_FLIP_ENCODED_BIT is set.
bool EncodedBitFlipOffset(size_t* offset);

// The stall point in bytes when the hook is set and below `size`, else `size`.
size_t StallPoint(size_t size);
// Waits for a terminating signal (whose handler exits); never returns.
[[noreturn]] void StallForever();

}  // namespace nlic::cli
