#include "codec/rans_tables.h"

#include <string>

namespace nlic {

RansTables::RansTables(int contexts, int tokens)
    : contexts_(contexts), tokens_(tokens), freq_(size_t(contexts) * kMaxTokens) {}

void RansTables::StartCounting() { counts_.assign(freq_.size(), 0); }

void RansTables::Normalize() {
  for (int c = 0; c < contexts_; ++c) {
    const uint32_t* n = &counts_[size_t(c) * kMaxTokens];
    uint16_t* f = &freq_[size_t(c) * kMaxTokens];
    uint64_t total = 0;
    for (int t = 0; t < tokens_; ++t) total += n[t];
    if (total == 0) continue;
    // Proportional, at least 1 for every token seen; the rounding error goes
    // to the most frequent token, which is always large enough to take it
    // (it holds at least 1/kMaxTokens of the total).
    uint32_t sum = 0;
    int top = 0;
    for (int t = 0; t < tokens_; ++t) {
      if (n[t] == 0) continue;
      const uint64_t scaled = uint64_t(n[t]) * kRansTotal / total;
      f[t] = uint16_t(scaled ? scaled : 1);
      sum += f[t];
      if (f[t] > f[top]) top = t;
    }
    f[top] = uint16_t(f[top] + kRansTotal - sum);
  }
  BuildCumulative();
}

void RansTables::Write(std::vector<uint8_t>* out) const {
  ByteWriter w(out);
  for (int c = 0; c < contexts_; ++c) {
    const uint16_t* f = &freq_[size_t(c) * kMaxTokens];
    int used = tokens_;
    while (used > 0 && f[used - 1] == 0) --used;
    w.Varint(uint64_t(used));
    for (int t = 0; t < used; ++t) w.Varint(f[t]);
  }
}

Status RansTables::Read(ByteReader* in) {
  for (int c = 0; c < contexts_; ++c) {
    uint16_t* f = &freq_[size_t(c) * kMaxTokens];
    uint64_t used;
    if (!in->Varint(&used)) return CorruptInput("stripe token table is truncated");
    if (used > uint64_t(tokens_)) return CorruptInput("stripe token table has too many tokens");
    uint64_t sum = 0;
    for (uint64_t t = 0; t < used; ++t) {
      uint64_t v;
      if (!in->Varint(&v) || v > kRansTotal) return CorruptInput("stripe token table is damaged");
      f[t] = uint16_t(v);
      sum += v;
    }
    if (used > 0 && sum != kRansTotal)
      return CorruptInput("stripe token table of context " + std::to_string(c) + " does not sum to 4096");
  }
  BuildCumulative();
  return Status::Ok();
}

void RansTables::BuildCumulative() {
  fc_.assign(freq_.size(), 0);
  lut_.assign(size_t(contexts_) * kRansTotal, 0);
  for (int c = 0; c < contexts_; ++c) {
    const uint16_t* f = &freq_[size_t(c) * kMaxTokens];
    uint32_t* fc = &fc_[size_t(c) * kMaxTokens];
    uint8_t* lut = &lut_[size_t(c) * kRansTotal];
    uint32_t cum = 0;
    for (int t = 0; t < tokens_; ++t) {
      fc[t] = f[t] | cum << 16;
      for (uint32_t s = 0; s < f[t]; ++s) lut[cum + s] = uint8_t(t);
      cum += f[t];
    }
    // A context the encoder never used: token 0 with certainty, which
    // reads nothing from the stream.
    if (cum == 0) fc[0] = kRansTotal;
  }
}

}  // namespace nlic
