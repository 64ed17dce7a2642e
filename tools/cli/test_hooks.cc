#include "tools/cli/test_hooks.h"

#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <cstring>

namespace nlic::cli {
namespace {

// The hook's value, or false when unset or not a number.
bool HookValue(const char* name, size_t* value) {
  const char* text = std::getenv(name);
  if (!text || !*text) return false;
  const char* end = text + std::strlen(text);
  auto [ptr, ec] = std::from_chars(text, end, *value);
  return ec == std::errc() && ptr == end;
}

}  // namespace

void ApplyEncodedBitFlipHook(std::vector<uint8_t>* encoded) { ApplyEncodedBitFlipHook(0, encoded->data(), encoded->size()); }

void ApplyEncodedBitFlipHook(uint64_t offset, uint8_t* data, size_t size) {
  size_t at;
  if (HookValue("NLIC_TEST_FLIP_ENCODED_BIT", &at) && at >= offset && at - offset < size) data[at - offset] ^= 1;
}

size_t StallPoint(size_t size) {
  size_t n;
  return HookValue("NLIC_TEST_STALL_AFTER_BYTES", &n) && n < size ? n : size;
}

void StallForever() {
  for (;;) ::pause();
}

}  // namespace nlic::cli
