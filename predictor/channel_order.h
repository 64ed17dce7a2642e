// The order in which a pixel's channels are coded. Green first for RGB(A):
// it correlates best with both R and B, which then predict from it.
#pragma once

#include "io/image.h"

namespace nlic {

struct ChannelOrder {
  int count = 1;
  int channel[4] = {0, 1, 2, 3};  // coding position -> channel index in the pixel
  int reference[4] = {-1, -1, -1, -1};  // coding position of the channel it leans on, or -1
};

// The order for a pixel of `count` channels: three or four channels are
// RGB(A), fewer are gray (or palette indices), possibly with alpha. A
// constant expression, so the coding loop can be specialised on it.
constexpr ChannelOrder OrderForCount(int count) {
  ChannelOrder o;
  o.count = count;
  if (count >= 3) {
    o.channel[0] = 1;
    o.channel[1] = 0;
    o.channel[2] = 2;
    o.reference[1] = 0;
    o.reference[2] = 0;
  }
  return o;
}

inline ChannelOrder OrderFor(ColorType t) { return OrderForCount(ChannelCount(t)); }

}  // namespace nlic
