#include "codec/color_table_coder.h"

#include "codec/arith_coder.h"
#include "codec/bit_counter.h"

namespace nlic {
namespace {

// Few samples to learn from: counters settle fast.
constexpr uint32_t kLimit = 30;

template <class Coder>
int CodeBit(Coder& coder, int bit, BitCounter& c) {
  bit = coder.Code(bit, ClampProb(c.p16()));
  c.Update(bit, kLimit);
  return bit;
}

// Encoder and decoder in one: each sample's difference d from the entry
// before (mod 2^depth; for channels after the first, zigzag-mapped so that
// small steps either way are small), as its bit length in unary (counters
// per channel and position) and then the bits below its leading one
// (counters per channel, length and position).
template <class Coder>
void CodeTable(Coder& coder, uint16_t* table, uint32_t entries, int channels, int depth) {
  const uint32_t mask = (1u << depth) - 1, half = 1u << (depth - 1);
  BitCounter length[4][16];
  BitCounter bits[4][17][16];
  uint32_t prev[4] = {0, 0, 0, 0};
  for (uint32_t e = 0; e < entries; ++e) {
    for (int c = 0; c < channels; ++c) {
      uint16_t& sample = table[size_t(e) * channels + c];
      uint32_t u = 0;
      if constexpr (!Coder::kDecoding) {
        const uint32_t d = (sample - prev[c]) & mask;
        u = c == 0 ? d : d < half ? 2 * d : 2 * ((1u << depth) - d) - 1;
      }
      int n = 0;  // bit length of u
      if constexpr (!Coder::kDecoding) {
        while (n < depth && (u >> n) != 0) ++n;
      }
      int len = 0;
      while (len < depth && CodeBit(coder, n > len, length[c][len])) ++len;
      uint32_t v = len ? 1 : 0;
      for (int k = len - 2; k >= 0; --k) v = v << 1 | uint32_t(CodeBit(coder, int((u >> k) & 1), bits[c][len][k]));
      if constexpr (Coder::kDecoding) {
        const uint32_t d = c == 0 ? v : (v & 1) ? (1u << depth) - (v + 1) / 2 : v / 2;
        sample = uint16_t((prev[c] + d) & mask);
      }
      prev[c] = sample;
    }
  }
}

uint64_t Key(const uint16_t* entry, int channels) {
  uint64_t key = 0;
  for (int c = 0; c < channels; ++c) key = key << 16 | entry[c];
  return key;
}

}  // namespace

std::vector<uint8_t> PackColorTable(const std::vector<uint16_t>& table, int channels, int depth) {
  std::vector<uint8_t> out;
  ArithEncoder enc(&out);
  std::vector<uint16_t> copy = table;
  CodeTable(enc, copy.data(), uint32_t(copy.size() / size_t(channels)), channels, depth);
  enc.Finish();
  return out;
}

Status UnpackColorTable(const uint8_t* data, size_t size, uint32_t entries, int channels, int depth,
                        std::vector<uint16_t>* table) {
  table->assign(size_t(entries) * channels, 0);
  ArithDecoder dec(data, size);
  CodeTable(dec, table->data(), entries, channels, depth);
  if (dec.overrun() > kMaxDecoderOverrun) return CorruptInput("header field color_table is truncated or malformed");
  for (uint32_t e = 1; e < entries; ++e)
    if (Key(table->data() + size_t(e) * channels, channels) <= Key(table->data() + size_t(e - 1) * channels, channels))
      return CorruptInput("colour table entries are not in increasing order");
  return Status::Ok();
}

}  // namespace nlic
