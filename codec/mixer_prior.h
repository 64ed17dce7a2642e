// Initial weights of the plain sample model's mixer (16.16) for coding
// position 0, per weight set (the coarse scale, sb >> 3) and decision slot:
// where a typical photo's coding leaves them. The mixer learns slowly
// (rate 2) so that it settles well on large images, which leaves a tiny
// image coding most of its samples with weights still near their start.
// Measured at effort 5 when introduced: 32x64 Kodak patches -0.37%
// (54.20% -> 54.00% of raw), Kodak photos -0.003%, eval/ unchanged. The
// other coding positions keep the constant start: a table applied to them
// too cost Kodak 0.005%. Regenerated since on top of codec/counter_prior.h
// (the tool codes with the coder's own counter start).
//
// Generated, not tuned by hand: `nlic-mixer-prior ../shared/corpus/train`
// (tools/mixer_prior/) prints this table from effort 5's coding of every
// 32x64 gray patch of the training corpus. Never regenerate it from kodak/
// or eval/. spec/model.md section 5.3 lists the same values.
#pragma once

#include <cstdint>

namespace nlic {

inline constexpr int kMixerPriorSets = 4, kMixerPriorSlots = 37, kMixerPriorInputs = 3;

// {T1 counter, T2 counter, distribution logit} per set and slot.
inline constexpr int32_t kMixerPrior[kMixerPriorSets][kMixerPriorSlots][kMixerPriorInputs] = {
    {
        {  35419,   25157,    2566},  // set 0 slot  0: 32254 patches
        {  34506,   26854,   -6141},  // set 0 slot  1: 32254 patches
        {  39992,   35787,    1852},  // set 0 slot  2: 32254 patches
        {  33212,   31605,    1633},  // set 0 slot  3: 32187 patches
        {  27734,   30558,    2827},  // set 0 slot  4: 31451 patches
        {  25523,   26997,   11346},  // set 0 slot  5: 29444 patches
        {  26697,   25106,   16384},  // set 0 slot  6: 25042 patches
        {  27893,   26803,   16384},  // set 0 slot  7: 16172 patches
        {  24576,   24576,   16384},  // set 0 slot  8: 0 patches
        {  24576,   24576,   16384},  // set 0 slot  9: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 10: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 11: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 12: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 13: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 14: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 15: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 16: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 17: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 18: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 19: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 20: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 21: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 22: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 23: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 24: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 25: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 26: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 27: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 28: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 29: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 30: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 31: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 32: 0 patches
        {  24576,   24576,   16384},  // set 0 slot 33: 0 patches
        {  22633,   33118,   34427},  // set 0 slot 34: 23054 patches
        {  25548,   28145,   27479},  // set 0 slot 35: 23726 patches
        {  26242,   24609,    7400},  // set 0 slot 36: 31836 patches
    },
    {
        {  31924,   20437,   27014},  // set 1 slot  0: 30711 patches
        {  35833,    1787,   38103},  // set 1 slot  1: 31659 patches
        {  27702,    5893,   18082},  // set 1 slot  2: 31631 patches
        {  21476,   15957,   22581},  // set 1 slot  3: 30889 patches
        {  25760,   32315,   16336},  // set 1 slot  4: 29517 patches
        {  37065,   34220,    7382},  // set 1 slot  5: 28453 patches
        {  26738,   26473,    7837},  // set 1 slot  6: 26559 patches
        {  23375,   23347,    9839},  // set 1 slot  7: 18286 patches
        {  24576,   24576,   16384},  // set 1 slot  8: 0 patches
        {  24576,   24576,   16384},  // set 1 slot  9: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 10: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 11: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 12: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 13: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 14: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 15: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 16: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 17: 0 patches
        {   8247,    3327,   53118},  // set 1 slot 18: 31783 patches
        {   5337,    2577,   53364},  // set 1 slot 19: 31576 patches
        {  17013,    6146,   37632},  // set 1 slot 20: 31311 patches
        {  36624,   23827,   23282},  // set 1 slot 21: 30324 patches
        {  24576,   24576,   16384},  // set 1 slot 22: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 23: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 24: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 25: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 26: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 27: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 28: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 29: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 30: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 31: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 32: 0 patches
        {  24576,   24576,   16384},  // set 1 slot 33: 0 patches
        {  15840,   17536,   35710},  // set 1 slot 34: 31701 patches
        {  20516,   19210,   36756},  // set 1 slot 35: 31665 patches
        {  34467,   17889,   31301},  // set 1 slot 36: 31063 patches
    },
    {
        {  24576,   24576,   16384},  // set 2 slot  0: 0 patches
        {  24576,   24576,   16384},  // set 2 slot  1: 0 patches
        {  24576,   24576,   16384},  // set 2 slot  2: 0 patches
        {  24576,   24576,   16384},  // set 2 slot  3: 0 patches
        {  27401,   12476,   24134},  // set 2 slot  4: 27650 patches
        {  24277,   19408,   34897},  // set 2 slot  5: 26967 patches
        {  29416,   30070,   16761},  // set 2 slot  6: 25001 patches
        {  29287,   29692,   12001},  // set 2 slot  7: 19589 patches
        {  24576,   24576,   16384},  // set 2 slot  8: 0 patches
        {  24576,   24576,   16384},  // set 2 slot  9: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 10: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 11: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 12: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 13: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 14: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 15: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 16: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 17: 0 patches
        {  21458,   21366,   14076},  // set 2 slot 18: 29729 patches
        {  18687,   18122,   14073},  // set 2 slot 19: 30566 patches
        {  16449,   14722,   14850},  // set 2 slot 20: 30808 patches
        {  16892,   18360,   31279},  // set 2 slot 21: 30869 patches
        {  32498,   29081,   35246},  // set 2 slot 22: 29826 patches
        {  31942,   29488,   20285},  // set 2 slot 23: 22857 patches
        {  27399,   27468,   17014},  // set 2 slot 24: 6077 patches
        {  27715,   27295,   16618},  // set 2 slot 25: 87 patches
        {  24576,   24576,   16384},  // set 2 slot 26: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 27: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 28: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 29: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 30: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 31: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 32: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 33: 0 patches
        {  23836,   22768,   16378},  // set 2 slot 34: 28045 patches
        {  23096,   21915,   16355},  // set 2 slot 35: 28892 patches
        {  45202,   23199,   16299},  // set 2 slot 36: 29303 patches
    },
    {
        {  24576,   24576,   16384},  // set 3 slot  0: 0 patches
        {  24576,   24576,   16384},  // set 3 slot  1: 0 patches
        {  24576,   24576,   16384},  // set 3 slot  2: 0 patches
        {  24576,   24576,   16384},  // set 3 slot  3: 0 patches
        {  24576,   24576,   16384},  // set 3 slot  4: 0 patches
        {  24576,   24576,   16384},  // set 3 slot  5: 0 patches
        {  24576,   24576,   16384},  // set 3 slot  6: 0 patches
        {  24576,   24576,   16384},  // set 3 slot  7: 0 patches
        {  24576,   24576,   16384},  // set 3 slot  8: 0 patches
        {  24576,   24576,   16384},  // set 3 slot  9: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 10: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 11: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 12: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 13: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 14: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 15: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 16: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 17: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 18: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 19: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 20: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 21: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 22: 0 patches
        {  24624,   23154,   16312},  // set 3 slot 23: 2 patches
        {  25619,   25449,   16393},  // set 3 slot 24: 3 patches
        {  28988,   28615,   15885},  // set 3 slot 25: 3 patches
        {  24576,   24576,   16384},  // set 3 slot 26: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 27: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 28: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 29: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 30: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 31: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 32: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 33: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 34: 0 patches
        {  24576,   24576,   16384},  // set 3 slot 35: 0 patches
        {  25764,   24702,   16402},  // set 3 slot 36: 3 patches
    },
};

}  // namespace nlic
