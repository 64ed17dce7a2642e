#include "codec/match_model.h"

namespace nlic {
namespace {

// log2 of the table's entries: about 256 per column (a stripe of a few
// hundred rows fills it sparsely enough that old neighbourhoods survive),
// at least 4096, at most 2^20 (4 MiB, which also bounds what a forged
// stream can make a decoder touch before its overrun check stops it).
int TableBits(uint32_t width) {
  int b = 8;
  while (b < 20 && (uint64_t(1) << (b - 8)) < width) ++b;
  return b < 12 ? 12 : b;
}

constexpr uint64_t kHashMul = 0x9E3779B97F4A7C15ull;

}  // namespace

MatchModel::MatchModel(uint32_t width, int channels)
    : channels_(channels),
      colour_(channels >= 3),
      width_(width),
      bits_(TableBits(width)),
      table_(size_t(1) << bits_),
      // Every counter starts at a hit rate of 3/4, as if it had seen two bits.
      ctr_(size_t(2 * 4) * kConf * 2 * kKinds, BitCounter(3u << 20, 2)) {
  for (int k = 0; k < channels; ++k)
    for (int r = 0; r < 2; ++r) rows_[k][r] = ZeroedArray<uint16_t>(size_t(width) + 2);
  StartRow();
}

void MatchModel::StartRow() {
  cur_ ^= 1;
  for (int k = 0; k < channels_; ++k) {
    row_[k] = rows_[k][cur_].data() + 1;
    up_[k] = rows_[k][cur_ ^ 1].data() + 1;
  }
}

void MatchModel::Locate(int K, uint32_t x) {
  // Positions 1 and 2 of colour (R, B) as differences to position 0 (G), so
  // that "this channel follows green" carries over between intensities; G,
  // gray and alpha as they are.
  const bool diff = colour_ && (K == 1 || K == 2);
  const int32_t w0 = diff ? row_[0][int(x) - 1] : 0, n0 = diff ? up_[0][x] : 0;
  off_ = diff ? row_[0][x] : 0;
  uint64_t h = uint64_t(K + 1);
  h = (h ^ uint64_t(uint32_t(row_[K][int(x) - 1] - w0) & 0xFFFF)) * kHashMul;  // W
  h = (h ^ uint64_t(uint32_t(up_[K][x] - n0) & 0xFFFF)) * kHashMul;             // N
  // A difference context backs off to one without G's own level (the same
  // colour shift at another intensity) when the full one was never seen.
  uint64_t hb = h;
  for (int k = 1; k < K; ++k) hb = (hb ^ uint64_t(uint32_t(row_[k][x] - off_) & 0xFFFF)) * kHashMul;
  for (int k = 0; k < K; ++k) h = (h ^ uint64_t(uint32_t(row_[k][x] - (k ? off_ : 0)) & 0xFFFF)) * kHashMul;
  backoff_ = diff;
  slot_[0] = uint32_t(h >> (64 - bits_));
  check_[0] = uint32_t(h >> (56 - bits_)) & 0xFF;
  hb = (hb ^ 0xB5) * kHashMul;
  slot_[1] = uint32_t(hb >> (64 - bits_));
  check_[1] = uint32_t(hb >> (56 - bits_)) & 0xFF;
  __builtin_prefetch(&table_[slot_[0]]);
  if (diff) __builtin_prefetch(&table_[slot_[1]]);
}

MatchModel::State MatchModel::Find(int K, int32_t base) {
  entry_[0] = table_[slot_[0]];
  entry_[1] = backoff_ ? table_[slot_[1]] : 0;
  State s;
  int which = 0;
  if (!Holds(0)) {
    if (!Holds(1)) return s;
    which = 1;
  }
  const uint32_t e = entry_[which];
  const int conf = int(e >> 24) - 1;
  s.resid = int32_t((e + uint32_t(off_)) & 0xFFFF) - base;
  s.mag = s.resid < 0 ? -s.resid : s.resid;
  s.cls = int(31 ^ __builtin_clz(2 * uint32_t(s.mag) + 1));
  s.alive = true;
  s.trust = conf == 0 ? 0 : conf < 4 ? 1 : conf < 16 ? 2 : 3;
  s.ctr = ctr_.data() + size_t(((which * 4 + K) * kConf + conf) * 2 + (s.resid == 0)) * kKinds;
  return s;
}

void MatchModel::Record(int K, uint32_t x, int32_t value) {
  row_[K][x] = uint16_t(value);
  const uint32_t stored = uint32_t(value - off_) & 0xFFFF;
  for (int i = 0; i < (backoff_ ? 2 : 1); ++i) {
    uint32_t conf = 0;
    if (Holds(i) && (entry_[i] & 0xFFFF) == stored) {
      conf = (entry_[i] >> 24) - 1;
      if (conf + 1 < uint32_t(kConf)) ++conf;
    }
    table_[slot_[i]] = stored | (check_[i] << 16) | ((conf + 1) << 24);
  }
}

}  // namespace nlic
