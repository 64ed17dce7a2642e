#include "predictor/neural_model.h"

#include <cstring>

#include "codec/byte_io.h"

namespace nlic {
namespace neural {
namespace {

constexpr uint8_t kMagic[4] = {'N', 'L', 'M', 'D'};
constexpr uint8_t kFileVersion = 1;

// One description of the file layout, walked by both the reader and the
// writer (the VisitHeader pattern of codec/header.cc).
template <class V>
Status VisitSet(V& v, int s, NetSet& n) {
  const int in = kAboveInputs[s] + kLeftInputs[s];
  uint8_t shape[5] = {uint8_t(kAboveInputs[s]), uint8_t(kLeftInputs[s]), kHidden1, kHidden2, kOutputs};
  for (uint8_t& d : shape) NLIC_RETURN_IF_ERROR(v.Shape(&d));
  for (int j = 0; j < kHidden1; ++j)
    for (int i = 0; i < in; ++i) NLIC_RETURN_IF_ERROR(v.Weight(&n.w1[j][i]));
  for (int j = 0; j < kHidden1; ++j) NLIC_RETURN_IF_ERROR(v.Bias(&n.b1[j]));
  for (int j = 0; j < kHidden1; ++j) NLIC_RETURN_IF_ERROR(v.Mul(&n.m1[j]));
  for (int j = 0; j < kHidden2; ++j)
    for (int i = 0; i < kHidden1; ++i) NLIC_RETURN_IF_ERROR(v.Weight(&n.w2[j][i]));
  for (int j = 0; j < kHidden2; ++j) NLIC_RETURN_IF_ERROR(v.Bias(&n.b2[j]));
  for (int j = 0; j < kHidden2; ++j) NLIC_RETURN_IF_ERROR(v.Mul(&n.m2[j]));
  for (int j = 0; j < kOutputs; ++j)
    for (int i = 0; i < kHidden2; ++i) NLIC_RETURN_IF_ERROR(v.Weight(&n.w3[j][i]));
  for (int j = 0; j < kOutputs; ++j) NLIC_RETURN_IF_ERROR(v.Bias(&n.b3[j]));
  for (int j = 0; j < kOutputs; ++j) NLIC_RETURN_IF_ERROR(v.Mul(&n.m3[j]));
  return Status::Ok();
}

struct Reader {
  ByteReader in;
  Status Bad(const char* what) { return CorruptInput(std::string("neural model file: ") + what); }
  Status Shape(uint8_t* expected) {
    uint8_t d;
    if (!in.U8(&d)) return Bad("truncated");
    if (d != *expected) return Bad("layer shape differs from this build's network");
    return Status::Ok();
  }
  Status Weight(int8_t* w) {
    uint8_t b;
    if (!in.U8(&b)) return Bad("truncated");
    *w = int8_t(b);
    if (*w < -kWeightMax || *w > kWeightMax) return Bad("weight outside [-63, 63]");
    return Status::Ok();
  }
  Status Word(int32_t* v, int32_t lo, int32_t hi) {
    uint32_t u;
    if (!in.U32LE(&u)) return Bad("truncated");
    *v = int32_t(u);
    if (*v < lo || *v > hi) return Bad("bias or multiplier out of range");
    return Status::Ok();
  }
  Status Bias(int32_t* b) { return Word(b, -kBiasMax, kBiasMax); }
  Status Mul(int32_t* m) { return Word(m, 0, kMulMax); }
};

struct Writer {
  ByteWriter out;
  Status Shape(uint8_t* d) { return out.U8(*d), Status::Ok(); }
  Status Weight(int8_t* w) { return out.U8(uint8_t(*w)), Status::Ok(); }
  Status Bias(int32_t* b) { return out.U32LE(uint32_t(*b)), Status::Ok(); }
  Status Mul(int32_t* m) { return out.U32LE(uint32_t(*m)), Status::Ok(); }
};

template <int kRows, int kCols, class W>
void Pair(const W& src, int col0, int cols, PairedWeights<kRows, kCols>* out) {
  for (int p = 0; p < PairedWeights<kRows, kCols>::kPairs; ++p)
    for (int j = 0; j < kRows; ++j)
      for (int e = 0; e < 2; ++e) {
        const int i = 2 * p + e;
        out->w[p][2 * j + e] = i < cols ? src[j][col0 + i] : 0;
      }
}

template <int kRows, int kCols, class W>
void Quad(const W& src, int col0, int cols, QuadWeights<kRows, kCols>* out) {
  for (int q = 0; q < QuadWeights<kRows, kCols>::kQuads; ++q)
    for (int j = 0; j < kRows; ++j)
      for (int e = 0; e < 4; ++e) {
        const int i = 4 * q + e;
        out->w[q][4 * j + e] = int8_t(i < cols ? src[j][col0 + i] : 0);
      }
}

}  // namespace

void PackWeights(int set, NetSet* n) {
  Pair(n->w1, 0, kAboveInputs[set], &n->w1_above);
  Pair(n->w1, kAboveInputs[set], kLeftInputs[set], &n->w1_left);
  Pair(n->w2, 0, kHidden1, &n->w2_paired);
  for (int j = 0; j < kOutputs; ++j)
    for (int i = 0; i < kHidden2; ++i) n->w3_wide[j][i] = n->w3_bytes[j][i] = n->w3[j][i];
  Quad(n->w1, 0, kAboveInputs[set], &n->w1_above_quad);
  Quad(n->w1, kAboveInputs[set], kLeftInputs[set], &n->w1_left_quad);
  Quad(n->w2, 0, kHidden1, &n->w2_quad);
  for (int j = 0; j < kHidden1; ++j) {
    int32_t above = 0, left = 0;
    for (int i = 0; i < kAboveInputs[set]; ++i) above += n->w1[j][i];
    for (int i = 0; i < kLeftInputs[set]; ++i) left += n->w1[j][kAboveInputs[set] + i];
    n->b1_offset[j] = n->b1[j] - 128 * above;
    n->left_offset[j] = 128 * left;
  }
  // ceil((127 * 2^16 - 2^15) / mul): from there on (acc*mul + 2^15) >> 16 >= 127.
  auto sat = [](int32_t mul) {
    const int64_t target = (int64_t(kActMax) << kRequantShift) - (int64_t(1) << (kRequantShift - 1));
    return mul > 0 ? int32_t((target + mul - 1) / mul) : 0;
  };
  for (int j = 0; j < kHidden1; ++j) n->sat1[j] = sat(n->m1[j]);
  for (int j = 0; j < kHidden2; ++j) n->sat2[j] = sat(n->m2[j]);
}

uint64_t ModelFileId(const uint8_t* data, size_t size) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 0x100000001b3ull;
  return h & 0xffffffffu;
}

Status ParseNeuralModel(const uint8_t* data, size_t size, const std::string& name, NeuralModel* out) {
  if (size > kMaxModelBytes) return LimitExceeded("neural model file is larger than 1 MiB");
  Reader r{ByteReader(data, size)};
  uint8_t head[6];
  for (uint8_t& b : head)
    if (!r.in.U8(&b)) return r.Bad("truncated");
  if (std::memcmp(head, kMagic, 4) != 0) return r.Bad("bad signature");
  if (head[4] != kFileVersion) return Unsupported("neural model file version " + std::to_string(head[4]));
  if (head[5] != kSets) return r.Bad("wrong number of network sets");
  NeuralModel m;
  m.name = name;
  for (int s = 0; s < kSets; ++s) {
    m.sets[s] = NetSet{};
    NLIC_RETURN_IF_ERROR(VisitSet(r, s, m.sets[s]));
    PackWeights(s, &m.sets[s]);
  }
  if (r.in.remaining() != 0) return r.Bad("trailing bytes");
  m.id = ModelFileId(data, size);
  *out = std::move(m);
  return Status::Ok();
}

std::vector<uint8_t> SerializeNeuralModel(const NeuralModel& model) {
  std::vector<uint8_t> bytes;
  Writer w{ByteWriter(&bytes)};
  for (uint8_t b : kMagic) w.out.U8(b);
  w.out.U8(kFileVersion);
  w.out.U8(kSets);
  NeuralModel copy = model;
  for (int s = 0; s < kSets; ++s) (void)VisitSet(w, s, copy.sets[s]);
  return bytes;
}

}  // namespace neural
}  // namespace nlic
