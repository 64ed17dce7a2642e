// A bounded window of stripes in flight, for the streaming coders: the
// caller fills slot i % window(), submits it, and collects slots strictly in
// submission order. At most window() stripes exist at once whatever the
// image height, and the output order never depends on the schedule.
// With one thread there is no worker: Submit runs the job before returning.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace nlic {

class StripePipeline {
 public:
  // `threads` as in EncodeOptions (0 = cores). `spare` more slots than
  // workers, so the caller can fill or empty slots while every worker codes
  // one; more spares keep the workers fed when the caller's share of the
  // work is uneven, at a stripe of memory each.
  explicit StripePipeline(int threads, uint32_t spare = 1);
  // Lets running jobs finish (they use the caller's slots), drops queued ones.
  ~StripePipeline();
  StripePipeline(const StripePipeline&) = delete;
  StripePipeline& operator=(const StripePipeline&) = delete;

  uint32_t window() const { return window_; }
  void Submit(uint32_t slot, std::function<void()> job);
  // Blocks until the job in `slot` has run; rethrows what it threw.
  void Wait(uint32_t slot);

 private:
  struct Slot {
    std::function<void()> job;
    bool done = true;
    std::exception_ptr error;
  };
  void Work();

  uint32_t window_ = 1;
  std::vector<Slot> slots_;
  std::deque<uint32_t> queue_;
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace nlic
