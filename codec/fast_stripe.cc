#include "codec/fast_stripe.h"

#include "codec/fast_model.h"
#include "codec/rans.h"
#include "codec/rans_tables.h"

namespace nlic {
namespace {

// Records each sample's context and token (and raw bits) for the second
// pass. One word per sample: raw bits 0-15, token 16-21, context 22-29.
class TokenRecorder {
 public:
  static constexpr bool kDecoding = false;
  // `records` has room for every sample of the stripe.
  TokenRecorder(uint32_t* records, RansTables* tables) : next_(records), tables_(tables) {}
  uint32_t Code(uint32_t ctx, uint32_t u) {
    uint32_t bits, raw;
    const uint32_t token = TokenOf(u, &bits, &raw);
    tables_->Count(ctx, token);
    *next_++ = raw | token << 16 | ctx << 22;
    return u;
  }

 private:
  uint32_t* next_;
  RansTables* tables_;
};

// Copied into a local for each row (CodeFastRow), so the state stays in
// registers.
class TokenReader {
 public:
  static constexpr bool kDecoding = true;
  TokenReader(const RansTables& tables, const uint8_t* data, size_t size)
      : lut_(tables.lookup()), fc_(tables.packed()), in_(data, size) {}
  uint32_t Code(uint32_t ctx, uint32_t) {
    const uint32_t token = lut_[ctx * kRansTotal + in_.Slot()];
    const uint32_t fc = fc_[ctx * kMaxTokens + token];
    in_.Advance(fc & 0xffff, fc >> 16);
    if (token < kDirectTokens) return token;
    const uint32_t bits = TokenRawBits(token);
    return TokenHigh(token) | in_.GetRaw(bits);
  }
  size_t overrun() const { return in_.overrun(); }
  bool AtValidEnd() const { return in_.AtValidEnd(); }

 private:
  const uint8_t* lut_;
  const uint32_t* fc_;
  RansReader in_;
};

}  // namespace

void EncodeFastStripe(const Header& h, const uint16_t* rows, uint32_t row_count, std::vector<uint8_t>* out) {
  RansTables tables(fast_internal::ContextCount(h.channels()), TokenCount(h.bit_depth));
  std::vector<uint32_t> records(size_t(h.width) * row_count * h.channels());
  tables.StartCounting();
  TokenRecorder recorder(records.data(), &tables);
  // The recorder never writes samples (kDecoding is false).
  (void)CodeFastStripe(recorder, h, const_cast<uint16_t*>(rows), row_count);
  tables.Normalize();
  tables.Write(out);
  RansWriter w;
  for (size_t i = records.size(); i-- > 0;) {
    const uint32_t rec = records[i];
    const uint32_t token = (rec >> 16) & 63, ctx = rec >> 22;
    if (const uint32_t bits = TokenRawBits(token)) w.PutRaw(rec & 0xffff, bits);
    w.Put(tables.freq(ctx, token), tables.cum(ctx, token));
  }
  w.Finish(out);
}

bool DecodeFastStripe(const Header& h, const uint8_t* payload, size_t size, uint16_t* rows, uint32_t row_count) {
  RansTables tables(fast_internal::ContextCount(h.channels()), TokenCount(h.bit_depth));
  ByteReader in(payload, size);
  if (!tables.Read(&in).ok()) return false;
  TokenReader reader(tables, payload + in.pos(), in.remaining());
  return CodeFastStripe(reader, h, rows, row_count) && reader.AtValidEnd();
}

}  // namespace nlic
