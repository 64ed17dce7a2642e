// Initial state of the sample coder's mixed-decision counters: per decision
// slot, the base rate of that decision, as if the counter had already seen
// kSlotPriorCount bits. Small images pay for every counter that starts from
// one half; these start where a typical photo leaves them.
//
// Generated, not tuned by hand: `nlic-slot-prior ../shared/corpus/train`
// (tools/slot_prior/) prints this table from the decisions of effort 5 on
// every 32x64 gray patch of the training corpus. Never regenerate it from
// kodak/ or eval/. spec/model.md section 5.2 lists the same values.
#pragma once

#include <cstdint>

namespace nlic {

inline constexpr uint32_t kSlotPriorCount = 4;

// P(bit = 1) × 2^22 per slot 0..36 (section 4.3 of spec/model.md); slots
// never used hold one half.
inline constexpr uint32_t kSlotPrior[37] = {
    1814487,  // slot  0: 6051442 of 13988292
    1785429,  // slot  1: 5815918 of 13662665
    1765039,  // slot  2: 5940969 of 14117660
    1595550,  // slot  3: 5099053 of 13404140
    1436774,  // slot  4: 3561193 of 10396014
    1239449,  // slot  5: 1841417 of 6231366
     818042,  // slot  6: 474812 of 2434479
     293914,  // slot  7: 34357 of 490297
    2097152,  // slot  8: 0 of 0
    2097152,  // slot  9: 0 of 0
    2097152,  // slot 10: 0 of 0
    2097152,  // slot 11: 0 of 0
    2097152,  // slot 12: 0 of 0
    2097152,  // slot 13: 0 of 0
    2097152,  // slot 14: 0 of 0
    2097152,  // slot 15: 0 of 0
    2097152,  // slot 16: 0 of 0
    2097152,  // slot 17: 0 of 0
    1172017,  // slot 18: 5006570 of 17917030
    1609742,  // slot 19: 8116865 of 21149101
    1880241,  // slot 20: 8665635 of 19330655
    2045922,  // slot 21: 6473349 of 13270884
    2154461,  // slot 22: 3199573 of 6228925
    2350068,  // slot 23: 778184 of 1388870
    2965704,  // slot 24: 38425 of 54343
    3725952,  // slot 25: 982 of 1105
    2097152,  // slot 26: 0 of 0
    2097152,  // slot 27: 0 of 0
    2097152,  // slot 28: 0 of 0
    2097152,  // slot 29: 0 of 0
    2097152,  // slot 30: 0 of 0
    2097152,  // slot 31: 0 of 0
    2097152,  // slot 32: 0 of 0
    2097152,  // slot 33: 0 of 0
    2103801,  // slot 34: 6545191 of 13049009
    2139536,  // slot 35: 6518186 of 12778118
    2183720,  // slot 36: 13659769 of 26236524
};

}  // namespace nlic
