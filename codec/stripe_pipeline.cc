#include "codec/stripe_pipeline.h"

#include "codec/parallel_for.h"

namespace nlic {

StripePipeline::StripePipeline(int threads, uint32_t spare) {
  const int workers = ResolveThreads(threads);
  if (workers <= 1) {
    slots_.resize(1);
    return;
  }
  window_ = uint32_t(workers) + spare;
  slots_.resize(window_);
  try {
    for (int t = 0; t < workers; ++t) workers_.emplace_back([this] { Work(); });
  } catch (...) {  // could not start a thread: the ones running do the work
  }
  if (workers_.empty()) {
    window_ = 1;
    slots_.resize(1);
  }
}

StripePipeline::~StripePipeline() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    queue_.clear();
  }
  work_cv_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void StripePipeline::Submit(uint32_t slot, std::function<void()> job) {
  Slot& s = slots_[slot];
  if (workers_.empty()) {
    s.error = nullptr;
    try {
      job();
    } catch (...) {
      s.error = std::current_exception();
    }
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    s.job = std::move(job);
    s.done = false;
    s.error = nullptr;
    queue_.push_back(slot);
  }
  work_cv_.notify_one();
}

void StripePipeline::Wait(uint32_t slot) {
  Slot& s = slots_[slot];
  std::exception_ptr error;
  {
    std::unique_lock<std::mutex> lock(mu_);
    done_cv_.wait(lock, [&] { return s.done; });
    error = s.error;
    s.error = nullptr;
  }
  if (error) std::rethrow_exception(error);
}

void StripePipeline::Work() {
  for (;;) {
    uint32_t slot;
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      slot = queue_.front();
      queue_.pop_front();
      job = std::move(slots_[slot].job);
    }
    std::exception_ptr error;
    try {
      job();
    } catch (...) {
      error = std::current_exception();
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      slots_[slot].done = true;
      slots_[slot].error = error;
    }
    done_cv_.notify_all();
  }
}

}  // namespace nlic
