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

inline ChannelOrder OrderFor(ColorType t) {
  ChannelOrder o;
  o.count = ChannelCount(t);
  if (t == ColorType::kRGB || t == ColorType::kRGBA) {
    o.channel[0] = 1;
    o.channel[1] = 0;
    o.channel[2] = 2;
    o.reference[1] = 0;
    o.reference[2] = 0;
  }
  return o;
}

}  // namespace nlic
