// Initial weights of the plain sample model's mixer (16.16) for coding
// position 0, per weight set (the coarse scale, sb >> 3) and decision slot:
// where a typical photo's coding leaves them. The mixer learns slowly
// (rate 2) so that it settles well on large images, which leaves a tiny
// image coding most of its samples with weights still near their start.
// Measured at effort 5: 32x64 Kodak patches -0.37% (54.20% -> 54.00% of
// raw), Kodak photos -0.003%, eval/ unchanged. The other coding positions
// keep the constant start: a table applied to them too cost Kodak 0.005%.
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
        {  22242,   20540,    5715},  // set 0 slot  0: 32254 patches
        {  28045,   25963,    -172},  // set 0 slot  1: 32254 patches
        {  25237,   28600,    5121},  // set 0 slot  2: 32254 patches
        {  21637,   24565,   -4132},  // set 0 slot  3: 32187 patches
        {  17706,   21351,   -2334},  // set 0 slot  4: 31451 patches
        {  18261,   20398,   10366},  // set 0 slot  5: 29444 patches
        {  20976,   20886,   16384},  // set 0 slot  6: 25042 patches
        {  27111,   27129,   16384},  // set 0 slot  7: 16172 patches
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
        {  19786,   24515,   45136},  // set 0 slot 34: 23050 patches
        {  24401,   24776,   31205},  // set 0 slot 35: 23726 patches
        {  26028,   24360,    7756},  // set 0 slot 36: 31836 patches
    },
    {
        {  15224,    7595,   54635},  // set 1 slot  0: 30711 patches
        {  20123,   -4589,   40247},  // set 1 slot  1: 31659 patches
        {  16239,    -176,   25933},  // set 1 slot  2: 31631 patches
        {  18335,    8722,   28542},  // set 1 slot  3: 30889 patches
        {  25890,   24546,   21028},  // set 1 slot  4: 29517 patches
        {  33757,   33084,   12648},  // set 1 slot  5: 28453 patches
        {  23168,   24103,    9092},  // set 1 slot  6: 26559 patches
        {  21034,   21262,    8272},  // set 1 slot  7: 18286 patches
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
        {   2712,    1021,   60648},  // set 1 slot 18: 31783 patches
        {   3609,     216,   56898},  // set 1 slot 19: 31576 patches
        {  13415,    1448,   40772},  // set 1 slot 20: 31311 patches
        {  25904,   14385,   24177},  // set 1 slot 21: 30324 patches
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
        {   8637,   10658,   47135},  // set 1 slot 34: 31701 patches
        {  13530,    8564,   45569},  // set 1 slot 35: 31664 patches
        {  26602,    9937,   35873},  // set 1 slot 36: 31063 patches
    },
    {
        {  24576,   24576,   16384},  // set 2 slot  0: 0 patches
        {  24576,   24576,   16384},  // set 2 slot  1: 0 patches
        {  24576,   24576,   16384},  // set 2 slot  2: 0 patches
        {  24576,   24576,   16384},  // set 2 slot  3: 0 patches
        {  12407,    6387,   24967},  // set 2 slot  4: 27650 patches
        {  19363,   17053,   36392},  // set 2 slot  5: 26967 patches
        {  26846,   27349,   19972},  // set 2 slot  6: 25001 patches
        {  29099,   29093,   12868},  // set 2 slot  7: 19589 patches
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
        {  16582,   18345,   13105},  // set 2 slot 18: 29729 patches
        {  11954,   13485,   13530},  // set 2 slot 19: 30566 patches
        {   7899,    8241,   14371},  // set 2 slot 20: 30808 patches
        {  12742,    9508,   32748},  // set 2 slot 21: 30869 patches
        {  26538,   19140,   33966},  // set 2 slot 22: 29826 patches
        {  29992,   27415,   22304},  // set 2 slot 23: 22857 patches
        {  26886,   26984,   17000},  // set 2 slot 24: 6077 patches
        {  27994,   27858,   16773},  // set 2 slot 25: 87 patches
        {  24576,   24576,   16384},  // set 2 slot 26: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 27: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 28: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 29: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 30: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 31: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 32: 0 patches
        {  24576,   24576,   16384},  // set 2 slot 33: 0 patches
        {  22556,   22901,   16384},  // set 2 slot 34: 27868 patches
        {  20194,   20690,   16390},  // set 2 slot 35: 28892 patches
        {  36136,   17012,   16989},  // set 2 slot 36: 29303 patches
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
        {  22998,   24534,   16312},  // set 3 slot 23: 2 patches
        {  24606,   24606,   16432},  // set 3 slot 24: 3 patches
        {  28871,   28871,   15854},  // set 3 slot 25: 3 patches
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
        {  24390,   23994,   16402},  // set 3 slot 36: 3 patches
    },
};

}  // namespace nlic
