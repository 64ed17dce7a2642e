// A fixed-size, zero-filled array whose untouched pages never become
// resident. The per-column model state of a forged 2^24-pixel-wide stripe
// therefore costs nothing until its payload has decoded that far, where
// std::vector's value-initialisation would touch gigabytes up front.
//
// Large arrays are mapped straight from the kernel (anonymous memory is zero
// and lazily backed). calloc() alone is not enough: glibc raises its mmap
// threshold after large frees, and then serves big blocks from a heap arena
// that calloc() must clear by writing every byte.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>

namespace nlic {

template <class T>
class ZeroedArray {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
  // Below this, calloc's clearing costs nothing worth avoiding.
  static constexpr size_t kMapBytes = size_t(1) << 20;

 public:
  ZeroedArray() = default;
  explicit ZeroedArray(size_t n) : n_(n) {
    const size_t bytes = (n ? n : 1) * sizeof(T);
    if (bytes >= kMapBytes) {
      void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED) throw std::bad_alloc();
      p_ = static_cast<T*>(p);
      mapped_ = bytes;
    } else {
      p_ = static_cast<T*>(std::calloc(n ? n : 1, sizeof(T)));
      if (!p_) throw std::bad_alloc();
    }
  }
  ZeroedArray(ZeroedArray&& o) noexcept
      : p_(std::exchange(o.p_, nullptr)), n_(std::exchange(o.n_, 0)), mapped_(std::exchange(o.mapped_, 0)) {}
  ZeroedArray& operator=(ZeroedArray&& o) noexcept {
    std::swap(p_, o.p_);
    std::swap(n_, o.n_);
    std::swap(mapped_, o.mapped_);
    return *this;
  }
  ZeroedArray(const ZeroedArray&) = delete;
  ZeroedArray& operator=(const ZeroedArray&) = delete;
  ~ZeroedArray() {
    if (mapped_) ::munmap(p_, mapped_);
    else std::free(p_);
  }

  T* data() { return p_; }
  const T* data() const { return p_; }
  size_t size() const { return n_; }
  T& operator[](size_t i) { return p_[i]; }
  const T& operator[](size_t i) const { return p_[i]; }

 private:
  T* p_ = nullptr;
  size_t n_ = 0;
  size_t mapped_ = 0;  // bytes mapped with mmap(), 0 for calloc()
};

}  // namespace nlic
