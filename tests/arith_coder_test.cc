// The binary arithmetic coder on its own: exact round trips for every kind of
// probability (uniform, the clamping extremes, CodeRaw's 1/2, bits that go
// against the model), output size close to the ideal code length, and a
// decoder that runs past the end of its payload reading zeros, never memory.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "codec/arith_coder.h"

namespace nlic {
namespace {

struct Symbol {
  int bit;
  Prob16 p1;  // P(bit = 1) in 1/65536; 32768 with raw
  bool raw;   // coded with CodeRaw
};

enum class Mode {
  kModelled,     // p uniform in [kProbMin, kProbMax], bit drawn from p
  kExtreme,      // p is kProbMin or kProbMax, bit drawn from p
  kAdversarial,  // extreme p, bit drawn 50/50: the most expensive case
  kRaw,          // CodeRaw
  kMixed,        // each symbol picks one of the above
};
constexpr Mode kModes[] = {Mode::kModelled, Mode::kExtreme, Mode::kAdversarial, Mode::kRaw, Mode::kMixed};

std::vector<Symbol> MakeStream(size_t n, Mode mode, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<Symbol> out(n);
  for (Symbol& s : out) {
    Mode m = mode == Mode::kMixed ? Mode(rng() % 4) : mode;
    s.raw = m == Mode::kRaw;
    if (m == Mode::kModelled) s.p1 = kProbMin + rng() % (kProbMax - kProbMin + 1);
    else if (m == Mode::kRaw) s.p1 = 32768;
    else s.p1 = rng() % 2 ? kProbMax : kProbMin;
    s.bit = m == Mode::kAdversarial ? int(rng() % 2) : int(rng() % 65536 < s.p1);
  }
  return out;
}

std::vector<uint8_t> EncodeStream(const std::vector<Symbol>& syms) {
  std::vector<uint8_t> out;
  ArithEncoder enc(&out);
  for (const Symbol& s : syms) s.raw ? enc.CodeRaw(s.bit) : enc.Code(s.bit, s.p1);
  enc.Finish();
  return out;
}

// Decodes with the probabilities of `syms` from an exactly sized heap copy of
// `payload`, so ASan would see any read past its end.
std::vector<int> DecodeStream(const std::vector<uint8_t>& payload, const std::vector<Symbol>& syms,
                              size_t* overrun = nullptr) {
  std::vector<uint8_t> exact(payload);
  ArithDecoder dec(exact.data(), exact.size());
  std::vector<int> bits;
  for (const Symbol& s : syms) bits.push_back(s.raw ? dec.CodeRaw(0) : dec.Code(0, s.p1));
  if (overrun) *overrun = dec.overrun();
  return bits;
}

// Shannon code length of the stream under its own probabilities.
double IdealBits(const std::vector<Symbol>& syms) {
  double bits = 0;
  for (const Symbol& s : syms) bits -= std::log2((s.bit ? s.p1 : 65536.0 - s.p1) / 65536.0);
  return bits;
}

std::vector<int> BitsOf(const std::vector<Symbol>& syms) {
  std::vector<int> bits;
  for (const Symbol& s : syms) bits.push_back(s.bit);
  return bits;
}

TEST(ArithCoder, RoundTripsEveryShortLength) {
  for (size_t n = 0; n <= 64; ++n)
    for (Mode mode : kModes)
      for (uint32_t seed = 0; seed < 20; ++seed) {
        const std::vector<Symbol> syms = MakeStream(n, mode, seed);
        ASSERT_EQ(DecodeStream(EncodeStream(syms), syms), BitsOf(syms))
            << "n=" << n << " mode=" << int(mode) << " seed=" << seed;
      }
}

TEST(ArithCoder, RoundTripsLongStreams) {
  for (size_t n : {100, 255, 256, 257, 1000, 4096, 10000, 100000})
    for (Mode mode : kModes)
      for (uint32_t seed = 0; seed < (n > 10000 ? 3u : 10u); ++seed) {
        const std::vector<Symbol> syms = MakeStream(n, mode, seed);
        size_t overrun = 0;
        ASSERT_EQ(DecodeStream(EncodeStream(syms), syms, &overrun), BitsOf(syms))
            << "n=" << n << " mode=" << int(mode) << " seed=" << seed;
        // The decoder reads 4 bytes ahead and the encoder flushes one byte.
        EXPECT_LE(overrun, 4u);
      }
}

// A fresh coder that adopts another's state writes, from then on, what the
// other would have written: the encoder's match trial (codec/stripe_codec.h)
// codes a stripe's first rows into coders of their own and keeps one.
TEST(ArithCoder, AdoptingAFreshCoderContinuesTheStream) {
  for (Mode mode : kModes) {
    const std::vector<Symbol> syms = MakeStream(20000, mode, 7);
    const std::vector<uint8_t> direct = EncodeStream(syms);
    for (size_t cut : {size_t(0), size_t(1), size_t(333), syms.size()}) {
      std::vector<uint8_t> trial, out;
      ArithEncoder probe(&trial), enc(&out);
      auto code = [](ArithEncoder& e, const Symbol& s) { s.raw ? e.CodeRaw(s.bit) : e.Code(s.bit, s.p1); };
      for (size_t i = 0; i < cut; ++i) code(probe, syms[i]);
      enc.Adopt(probe);
      for (size_t i = cut; i < syms.size(); ++i) code(enc, syms[i]);
      enc.Finish();
      EXPECT_EQ(out, direct) << "cut " << cut;
    }
  }
}

TEST(ArithCoder, EmptyStreamIsOneByte) {
  EXPECT_EQ(EncodeStream({}).size(), 1u);
}

// Every symbol of the stream is the likely one at the extreme probability:
// the whole stream should cost a few bytes, not one bit per symbol.
TEST(ArithCoder, SkewedStreamCostsAlmostNothing) {
  for (int likely : {0, 1}) {
    const Prob16 p = likely ? kProbMax : kProbMin;
    const std::vector<Symbol> syms(100000, Symbol{likely, p, false});
    const std::vector<uint8_t> out = EncodeStream(syms);
    EXPECT_LE(out.size() * 8.0, IdealBits(syms) + 64) << "likely=" << likely << ": " << out.size() << " bytes";
    EXPECT_EQ(DecodeStream(out, syms), BitsOf(syms));
  }
}

// Output never exceeds the ideal code length by more than a fraction of a
// percent plus a few bytes, whatever the probabilities.
TEST(ArithCoder, SizeIsCloseToIdeal) {
  for (Mode mode : kModes)
    for (size_t n : {10, 1000, 100000})
      for (uint32_t seed = 0; seed < 3; ++seed) {
        const std::vector<Symbol> syms = MakeStream(n, mode, 1000 + seed);
        const double ideal = IdealBits(syms);
        const double actual = EncodeStream(syms).size() * 8.0;
        EXPECT_LE(actual, ideal * 1.002 + 40) << "mode=" << int(mode) << " n=" << n << " seed=" << seed;
      }
}

TEST(ArithCoder, RawBitsCostOneBitEach) {
  for (size_t n : {0, 8, 1000, 100000}) {
    const std::vector<Symbol> syms = MakeStream(n, Mode::kRaw, 7);
    EXPECT_LE(EncodeStream(syms).size(), n / 8 + 2) << n;
  }
}

// Past its end the decoder must behave as if the payload were followed by
// zero bytes (the spec says so, and the encoder's final byte relies on it).
TEST(ArithCoder, ReadingPastTheEndYieldsZeros) {
  for (Mode mode : kModes)
    for (uint32_t seed = 0; seed < 5; ++seed) {
      const std::vector<Symbol> coded = MakeStream(500, mode, seed);
      std::vector<Symbol> longer = coded;
      const std::vector<Symbol> extra = MakeStream(2000, Mode::kMixed, seed + 100);
      longer.insert(longer.end(), extra.begin(), extra.end());

      const std::vector<uint8_t> payload = EncodeStream(coded);
      std::vector<uint8_t> padded = payload;
      padded.resize(payload.size() + 4096, 0);
      size_t overrun = 0;
      EXPECT_EQ(DecodeStream(payload, longer, &overrun), DecodeStream(padded, longer));
      EXPECT_GT(overrun, 0u);
    }
}

TEST(ArithCoder, EmptyOrTinyPayloadDecodesWithoutCrashing) {
  const std::vector<Symbol> syms = MakeStream(5000, Mode::kMixed, 3);
  for (size_t size : {0, 1, 2, 3}) {
    std::vector<uint8_t> payload(size, 0xA5);
    size_t overrun = 0;
    EXPECT_EQ(DecodeStream(payload, syms, &overrun).size(), syms.size());
    EXPECT_GE(overrun, 4 - size);
  }
  ArithDecoder null_decoder(nullptr, 0);
  for (int i = 0; i < 1000; ++i) null_decoder.Code(0, kProbMin + Prob16(i * 61) % (kProbMax - kProbMin));
  EXPECT_GE(null_decoder.overrun(), 4u);
}

}  // namespace
}  // namespace nlic
