// Wall-clock timing on std::chrono::steady_clock.
#pragma once

#include <chrono>

namespace nlic::cli {

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

}  // namespace nlic::cli
