// Runs fn(i) for i in [0, n) on up to `threads` workers that pull indices from
// a shared counter: one thread per worker for the whole call, not per tile.
// The result never depends on the thread count; only the schedule does.
#pragma once

#include <atomic>
#include <cstdint>
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
  std::atomic<uint32_t> next{0};
  auto work = [&] {
    for (uint32_t i; (i = next.fetch_add(1)) < n;) fn(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(size_t(workers - 1));
  for (int t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

}  // namespace nlic
