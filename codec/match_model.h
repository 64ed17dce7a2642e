// The match model (profiles 0 and 2, turned on per stripe by the stripe's
// first bit; spec/model.md 4.11): drawings, plots and icons repeat exact neighbourhoods (a line's
// antialiasing steps, a glyph, a gradient's quantisation), and what followed
// such a neighbourhood last time is a better guess than any smooth predictor
// makes. A hash of the sample's causal neighbourhood (exact values of W and
// N of its channel and of the pixel's earlier channels; for R and B their
// differences to G, backing off to a context without G's level) finds the
// value coded after the same neighbourhood before; each binary decision of
// the sample then gets that value's answer as one more mixer input, signed,
// with a strength learnt per confidence (how often the entry was right in a
// row). Photos rarely repeat exactly and the model costs time, so the
// encoder turns it on only where exact repeats are common (codec/match_gate.h).
#pragma once

#include <cstdint>
#include <vector>

#include "codec/bit_counter.h"
#include "codec/logistic.h"
#include "codec/zeroed_array.h"

namespace nlic {

class MatchModel {
 public:
  // Confidence levels of an entry (times it was right in a row, capped), and
  // the decision kinds whose hit rates differ: the magnitude walk, the sign,
  // the mantissa bits.
  static constexpr int kConf = 32, kKinds = 3;
  static constexpr int kTrust = 4;
  static constexpr int kKindWalk = 0, kKindSign = 1, kKindMantissa = 2;

  // What one sample knows about its match while its decisions are coded.
  struct State {
    int32_t resid = 0;       // the match's value minus the sample's base
    int32_t mag = 0;         // |resid|
    int cls = 0;             // magnitude class of mag
    bool alive = false;      // a match exists and every decision so far agreed
    int trust = 0;           // the mixer weight sets' bucket of the confidence, 0 .. kTrust - 1
    BitCounter* ctr = nullptr;  // counters of this sample's context, by kind
  };

  MatchModel(uint32_t width, int channels);

  void StartRow();

  // Hashes position K's neighbourhood at column x and starts loading its
  // table entries. Everything the hash reads is known before the predictor
  // runs, so the coding loop calls this first and the predictor's work hides
  // the load: the table (about 1 MiB for a Kodak-wide image) misses the
  // caches, and waiting for it was about 18% of decoding time.
  void Locate(int K, uint32_t x);
  // The match for position K, located by Locate(K, x) of the same sample,
  // or !alive. `base` is the sample's rounded prediction.
  State Find(int K, int32_t base);
  // Records position K's coded value (after Find for the same sample).
  void Record(int K, uint32_t x, int32_t value);

  // The decision's extra mixer input: the stretched hit rate, signed by the
  // bit the match expects; 0 without a live match.
  static int Input(const State& s, int kind, int expected) {
    if (!s.alive) return 0;
    const int st = Stretch(s.ctr[kind].p12());
    return expected ? st : -st;
  }
  // Trains the decision's counter and kills the match once it disagrees.
  static void Learn(State& s, int kind, int expected, int bit) {
    if (!s.alive) return;
    s.ctr[kind].Update(bit == expected, kCounterLimit);
    s.alive = bit == expected;
  }

 private:
  static constexpr uint32_t kCounterLimit = 255;
  int channels_;
  bool colour_;  // RGB(A): positions 1 and 2 lean on position 0
  uint32_t width_;
  int bits_;
  int cur_ = 0;
  // Coded values per coding position, this row and the last, one column of
  // zero padding on the left (W of column 0). Zeroed lazily: a forged
  // header may claim rows of 2^24 pixels, and only the pixels a stripe
  // really decodes may cost memory.
  ZeroedArray<uint16_t> rows_[4][2];
  const uint16_t* up_[4] = {};
  uint16_t* row_[4] = {};
  // Entry: value (bits 0..15), check (16..23), confidence + 1 (24..31); 0 is empty.
  ZeroedArray<uint32_t> table_;
  // The sample's primary entry and, for a difference context, its backoff.
  bool Holds(int i) const { return entry_[i] != 0 && ((entry_[i] >> 16) & 0xFF) == check_[i]; }
  uint32_t slot_[2] = {}, check_[2] = {}, entry_[2] = {};
  bool backoff_ = false;
  int32_t off_ = 0;  // the sample's position 0 value (0 for position 0)
  std::vector<BitCounter> ctr_;
};

}  // namespace nlic
