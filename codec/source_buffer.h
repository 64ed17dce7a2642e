// A ByteSource with a small look-ahead buffer, so the container's
// variable-length fields (header, record heads) can be parsed with the same
// ByteReader as in memory, without ever holding more than they need.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "codec/byte_io.h"
#include "codec/nlic.h"

namespace nlic {

class SourceBuffer {
 public:
  explicit SourceBuffer(const ByteSource& source) : source_(source) {}

  // Reads until at least `want` bytes are buffered or the source ended.
  Status Fill(size_t want);
  // The buffered bytes; Consume() drops the first n of them.
  ByteReader View() const { return ByteReader(buf_.data() + pos_, buf_.size() - pos_); }
  size_t available() const { return buf_.size() - pos_; }
  void Consume(size_t n) { pos_ += n; }
  bool ended() const { return ended_; }

  // Appends exactly `n` bytes to *out, buffered ones first. Grows *out only
  // as bytes arrive, so a length claimed by a hostile file costs nothing
  // until the bytes really exist. *got < n means the source ended early.
  Status Read(uint64_t n, std::vector<uint8_t>* out, uint64_t* got);

 private:
  const ByteSource& source_;
  std::vector<uint8_t> buf_;
  size_t pos_ = 0;
  bool ended_ = false;
};

}  // namespace nlic
