#include "codec/source_buffer.h"

#include <algorithm>
#include <cstring>

namespace nlic {
namespace {

constexpr size_t kReadPiece = size_t(1) << 16;

}  // namespace

Status SourceBuffer::Fill(size_t want) {
  if (pos_ > 0 && buf_.size() - pos_ < want) {  // keep the buffer small: drop what was consumed
    buf_.erase(buf_.begin(), buf_.begin() + std::ptrdiff_t(pos_));
    pos_ = 0;
  }
  while (!ended_ && buf_.size() - pos_ < want) {
    const size_t old = buf_.size();
    const size_t piece = std::max(kReadPiece, want - (old - pos_));
    buf_.resize(old + piece);
    size_t got = 0;
    Status s = source_(buf_.data() + old, piece, &got);
    buf_.resize(old + std::min(got, piece));
    NLIC_RETURN_IF_ERROR(s);
    if (got == 0) ended_ = true;
  }
  return Status::Ok();
}

Status SourceBuffer::Read(uint64_t n, std::vector<uint8_t>* out, uint64_t* got) {
  *got = 0;
  const size_t from_buffer = size_t(std::min<uint64_t>(n, available()));
  out->insert(out->end(), buf_.begin() + std::ptrdiff_t(pos_), buf_.begin() + std::ptrdiff_t(pos_ + from_buffer));
  pos_ += from_buffer;
  *got = from_buffer;
  while (*got < n && !ended_) {
    const size_t piece = size_t(std::min<uint64_t>(n - *got, std::max<size_t>(kReadPiece, out->size())));
    const size_t old = out->size();
    out->resize(old + piece);
    size_t read = 0;
    Status s = source_(out->data() + old, piece, &read);
    read = std::min(read, piece);
    out->resize(old + read);
    NLIC_RETURN_IF_ERROR(s);
    if (read == 0) ended_ = true;
    *got += read;
  }
  return Status::Ok();
}

}  // namespace nlic
