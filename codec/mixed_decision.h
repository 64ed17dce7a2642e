// One binary decision priced the way both context-mixing coders price it
// (the sample coder's and the palette coder's): N adaptive counters, their
// stretched probabilities mixed by one logistic weight set, the mixer's logit
// refined by an APM row, the two probabilities blended 1:3, then the bit
// coded and every stage trained on it. One function, so that the two coders
// (and the sample coder's plain and rich models) cannot price a decision
// differently by accident; spec/model.md and spec/palette.md give the same
// arithmetic.
#pragma once

#include <cstdint>

#include "codec/apm.h"
#include "codec/arith_coder.h"
#include "codec/bit_counter.h"
#include "codec/logistic.h"
#include "codec/mixer.h"

namespace nlic {

// Inlined into every caller: the loops over N unroll, and the counter and
// table addresses stay in registers. The mixer's first N inputs are the
// counters; E more are fixed logits (`extra`, e.g. the probability the
// predicted distribution gives the decision) that nothing here trains.
template <int N, int E, class Coder>
[[gnu::always_inline]] inline int MixedDecision(Coder& coder, int bit, BitCounter* const (&counters)[N],
                                                const int* extra, uint32_t counter_limit, int32_t* w,
                                                int mixer_rate, uint16_t* apm, int apm_rate) {
  int x[N + E];
  for (int i = 0; i < N; ++i) x[i] = Stretch(counters[i]->p12());
  for (int i = 0; i < E; ++i) x[N + i] = extra[i];
  const int logit = Mixer<N + E>::Dot(w, x);
  const int p12 = Squash(logit);
  uint32_t bin;
  int bin_p;
  const uint32_t pr = Apm::Refine(apm, logit, &bin, &bin_p);
  const uint32_t p16 = ClampProb((uint32_t(p12) * 16 + pr * 3) >> 2);
  bit = coder.Code(bit, p16);
  for (int i = 0; i < N; ++i) counters[i]->Update(bit, counter_limit);
  Mixer<N + E>::Train(w, x, ((bit << 12) - p12) * mixer_rate);
  apm[bin] = Apm::Trained(bin_p, bit, apm_rate);
  return bit;
}

// Counters only (the palette coder).
template <int N, class Coder>
[[gnu::always_inline]] inline int MixedDecision(Coder& coder, int bit, BitCounter* const (&counters)[N],
                                                uint32_t counter_limit, int32_t* w, int mixer_rate,
                                                uint16_t* apm, int apm_rate) {
  return MixedDecision<N, 0>(coder, bit, counters, nullptr, counter_limit, w, mixer_rate, apm, apm_rate);
}

}  // namespace nlic
