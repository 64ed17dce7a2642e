// Runs fn(i) for i in [0, n) on up to `threads` workers that pull indices from
// a shared counter: one thread per worker for the whole call, not per tile.
// The result never depends on the thread count; only the schedule does.
#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace nlic {

inline int ResolveThreads(int requested) {
  if (requested > 0) return requested;
  unsigned hw = std::thread::hardware_concurrency();
  return hw ? int(hw) : 1;
}

template <class Fn>
void ParallelFor(uint32_t n, int threads, Fn fn) {
  int workers = ResolveThreads(threads);
  if (uint32_t(workers) > n) workers = int(n);
  if (workers <= 1) {
    for (uint32_t i = 0; i < n; ++i) fn(i);
    return;
  }
  // An exception in a worker (e.g. bad_alloc) must reach the caller as it
  // would with one thread, not terminate the process: keep the first one,
  // let the others stop, rethrow after every thread has joined.
  std::atomic<uint32_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&] {
    try {
      for (uint32_t i; (i = next.fetch_add(1)) < n;) fn(i);
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
      next.store(n);
    }
  };
  std::vector<std::thread> pool;
  try {
    pool.reserve(size_t(workers - 1));
    for (int t = 1; t < workers; ++t) pool.emplace_back(work);
  } catch (...) {  // could not start a thread: the ones running finish the work
  }
  work();
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace nlic
