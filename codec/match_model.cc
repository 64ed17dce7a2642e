#include "codec/match_model.h"

namespace nlic {
namespace {

// log2 of the table's entries: about 256 per column (a stripe of a few
// hundred rows fills it sparsely enough that old neighbourhoods survive),
// at least 4096, at most 2^22 (16 MiB).
int TableBits(uint32_t width) {
  int b = 8;
  while (b < 22 && (uint64_t(1) << (b - 8)) < width) ++b;
  return b < 12 ? 12 : b;
}

constexpr uint64_t kHashMul = 0x9E3779B97F4A7C15ull;

}  // namespace

MatchModel::MatchModel(uint32_t width, int channels)
    : channels_(channels),
      width_(width),
      bits_(TableBits(width)),
      table_(size_t(1) << bits_),
      // Every counter starts at a hit rate of 3/4, as if it had seen two bits.
      ctr_(size_t(channels) * kConf * 2 * kKinds, BitCounter(3u << 20, 2)) {
  for (int k = 0; k < channels; ++k)
    for (int r = 0; r < 2; ++r) rows_[k][r].assign(size_t(width) + 2, 0);
  StartRow();
}

void MatchModel::StartRow() {
  cur_ ^= 1;
  for (int k = 0; k < channels_; ++k) {
    row_[k] = rows_[k][cur_].data() + 1;
    up_[k] = rows_[k][cur_ ^ 1].data() + 1;
  }
}

MatchModel::State MatchModel::Find(int K, uint32_t x, int32_t base) {
  uint64_t h = uint64_t(K + 1);
  h = (h ^ uint64_t(row_[K][int(x) - 1])) * kHashMul;  // W
  h = (h ^ uint64_t(up_[K][x])) * kHashMul;             // N
  for (int k = 0; k < K; ++k) h = (h ^ uint64_t(row_[k][x])) * kHashMul;
  slot_ = uint32_t(h >> (64 - bits_));
  check_ = uint32_t(h >> (56 - bits_)) & 0xFF;
  entry_ = table_[slot_];
  State s;
  if (entry_ == 0 || ((entry_ >> 16) & 0xFF) != check_) return s;
  const int conf = int(entry_ >> 24) - 1;
  s.resid = int32_t(entry_ & 0xFFFF) - base;
  s.mag = s.resid < 0 ? -s.resid : s.resid;
  s.cls = int(31 ^ __builtin_clz(2 * uint32_t(s.mag) + 1));
  s.alive = true;
  s.trust = conf == 0 ? 0 : conf < 4 ? 1 : conf < 16 ? 2 : 3;
  s.ctr = ctr_.data() + size_t((K * kConf + conf) * 2 + (s.resid == 0)) * kKinds;
  return s;
}

void MatchModel::Record(int K, uint32_t x, int32_t value) {
  row_[K][x] = value;
  uint32_t conf = 0;
  if (entry_ != 0 && ((entry_ >> 16) & 0xFF) == check_ && int32_t(entry_ & 0xFFFF) == value) {
    conf = (entry_ >> 24) - 1;
    if (conf + 1 < uint32_t(kConf)) ++conf;
  }
  table_[slot_] = uint32_t(value) | (check_ << 16) | ((conf + 1) << 24);
}

}  // namespace nlic
