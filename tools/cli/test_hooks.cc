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

bool EncodedBitFlipOffset(size_t* offset) { return HookValue("NLIC_TEST_FLIP_ENCODED_BIT", offset); }

void ApplyEncodedBitFlipHook(std::vector<uint8_t>* encoded) {
  size_t at;
  if (EncodedBitFlipOffset(&at) && at < encoded->size()) (*encoded)[at] ^= 1;
}

size_t StallPoint(size_t size) {
  size_t n;
  return HookValue("NLIC_TEST_STALL_AFTER_BYTES", &n) && n < size ? n : size;
}

void StallForever() {
  for (;;) ::pause();
}

}  // namespace nlic::cli
