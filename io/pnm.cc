// Netpbm reader (P1-P6 and P7/PAM). Our own parser rather than stb's so that
// 1..16-bit depths, PAM tuple types and sample values are checked exactly.
#include <cstring>
#include <new>
#include <string>

#include "io/image_io.h"
#include "io/pixel_limit.h"

namespace nlic {
namespace {

bool IsSpace(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool IsDigit(uint8_t c) { return c >= '0' && c <= '9'; }

// A read position that can never run past the end of the buffer.
struct Cursor {
  const uint8_t* data;
  size_t size;
  size_t pos = 0;

  size_t remaining() const { return size - pos; }
  bool at_end() const { return pos >= size; }

  // Whitespace and '#' comments (which run to the end of the line).
  void SkipSpace() {
    while (pos < size) {
      if (data[pos] == '#') {
        while (pos < size && data[pos] != '\n') ++pos;
      } else if (IsSpace(data[pos])) {
        ++pos;
      } else {
        break;
      }
    }
  }
  // A decimal number no larger than `max`; rejects overflow digit by digit.
  bool ReadUint(uint64_t max, uint64_t* v) {
    SkipSpace();
    if (pos >= size || !IsDigit(data[pos])) return false;
    uint64_t x = 0;
    while (pos < size && IsDigit(data[pos])) {
      x = x * 10 + (data[pos++] - '0');
      if (x > max) return false;
    }
    *v = x;
    return true;
  }
  // The rest of the current line, without the newline.
  std::string ReadLine() {
    const size_t start = pos;
    while (pos < size && data[pos] != '\n') ++pos;
    std::string line(reinterpret_cast<const char*>(data + start), pos - start);
    if (pos < size) ++pos;
    return line;
  }
};

struct Header {
  char kind = 0;  // '1'..'7'
  uint64_t width = 0, height = 0, depth = 0, maxval = 0;
  std::string tupltype;
};

// maxval must be 2^d - 1: the codec stores d-bit samples and cannot express
// "7 is white" for a 4-bit range.
Status DepthFromMaxval(uint64_t maxval, ColorType type, uint8_t* depth) {
  for (int d = 1; d <= 16; ++d) {
    if (maxval == (uint64_t(1) << d) - 1) {
      if (!IsValidDepth(type, d))
        return Unsupported("PNM: maxval " + std::to_string(maxval) +
                           " is not a supported bit depth for this colour type");
      *depth = uint8_t(d);
      return Status::Ok();
    }
  }
  return Unsupported("PNM: maxval " + std::to_string(maxval) +
                     " is not 2^n-1 (only power-of-two ranges are supported)");
}

Status ParsePamHeader(Cursor* c, Header* h) {
  bool have_w = false, have_h = false, have_d = false, have_m = false;
  while (!c->at_end()) {
    std::string line = c->ReadLine();
    Cursor lc{reinterpret_cast<const uint8_t*>(line.data()), line.size()};
    lc.SkipSpace();
    if (lc.at_end()) continue;  // blank or comment line
    size_t end = lc.pos;
    while (end < line.size() && !IsSpace(uint8_t(line[end]))) ++end;
    const std::string key = line.substr(lc.pos, end - lc.pos);
    lc.pos = end;
    if (key == "ENDHDR") {
      if (!have_w || !have_h || !have_d || !have_m)
        return CorruptInput("PAM: header lacks WIDTH, HEIGHT, DEPTH or MAXVAL");
      return Status::Ok();
    }
    bool ok = true;
    if (key == "WIDTH")
      ok = have_w = lc.ReadUint(UINT32_MAX, &h->width);
    else if (key == "HEIGHT")
      ok = have_h = lc.ReadUint(UINT32_MAX, &h->height);
    else if (key == "DEPTH")
      ok = have_d = lc.ReadUint(4096, &h->depth);
    else if (key == "MAXVAL")
      ok = have_m = lc.ReadUint(65535, &h->maxval);
    else if (key == "TUPLTYPE") {
      lc.SkipSpace();
      size_t e = line.size();
      while (e > lc.pos && IsSpace(uint8_t(line[e - 1]))) --e;
      // Repeated TUPLTYPE lines concatenate, per the PAM spec.
      if (!h->tupltype.empty()) h->tupltype += ' ';
      h->tupltype.append(line, lc.pos, e - lc.pos);
    } else {
      return CorruptInput("PAM: unknown header field '" + key.substr(0, 32) + "'");
    }
    if (!ok) return CorruptInput("PAM: bad or out-of-range value for " + key);
  }
  return CorruptInput("PAM: header has no ENDHDR");
}

Status ParseHeader(Cursor* c, Header* h) {
  if (c->size < 3 || c->data[0] != 'P' || c->data[1] < '1' || c->data[1] > '7')
    return NotAnImage("not a PNM/PAM file (bad magic)");
  h->kind = char(c->data[1]);
  c->pos = 2;
  if (h->kind == '7') return ParsePamHeader(c, h);
  if (!c->ReadUint(UINT32_MAX, &h->width) || !c->ReadUint(UINT32_MAX, &h->height))
    return CorruptInput("PNM: bad width or height");
  h->depth = (h->kind == '3' || h->kind == '6') ? 3 : 1;
  h->maxval = 1;
  if (h->kind != '1' && h->kind != '4' && !c->ReadUint(65535, &h->maxval))
    return CorruptInput("PNM: bad maxval (must be 1..65535)");
  // Binary rasters start after exactly one whitespace byte.
  if (h->kind >= '4') {
    if (c->at_end() || !IsSpace(c->data[c->pos])) return CorruptInput("PNM: truncated header");
    ++c->pos;
  }
  return Status::Ok();
}

Status ColorTypeOf(const Header& h, ColorType* type) {
  static const ColorType kByDepth[] = {ColorType::kGray, ColorType::kGrayAlpha, ColorType::kRGB,
                                       ColorType::kRGBA};
  static const struct {
    const char* name;
    uint64_t depth;
  } kTuples[] = {{"GRAYSCALE", 1},           {"BLACKANDWHITE", 1}, {"GRAYSCALE_ALPHA", 2},
                 {"BLACKANDWHITE_ALPHA", 2}, {"RGB", 3},           {"RGB_ALPHA", 4}};
  if (h.depth < 1 || h.depth > 4) return Unsupported("PAM: DEPTH must be 1..4");
  *type = kByDepth[h.depth - 1];
  if (h.tupltype.empty()) return Status::Ok();  // plain PNM, or PAM going by DEPTH
  for (const auto& t : kTuples) {
    if (h.tupltype == t.name) {
      if (t.depth != h.depth) return CorruptInput("PAM: DEPTH does not match TUPLTYPE " + h.tupltype);
      return Status::Ok();
    }
  }
  return Unsupported("PAM: TUPLTYPE '" + h.tupltype.substr(0, 32) + "' is not supported");
}

// PBM stores 1 for black; we keep PNG's gray meaning (1 = white).
Status ReadBitmap(Cursor* c, bool ascii, Image* img) {
  const size_t w = img->width;
  if (!ascii) {
    const size_t row_bytes = (w + 7) / 8;
    if (row_bytes * img->height > c->remaining()) return CorruptInput("PBM: truncated raster");
    for (size_t y = 0; y < img->height; ++y, c->pos += row_bytes)
      for (size_t x = 0; x < w; ++x)
        img->samples[y * w + x] = uint16_t(1 - ((c->data[c->pos + x / 8] >> (7 - x % 8)) & 1));
    return Status::Ok();
  }
  for (size_t i = 0; i < img->samples.size(); ++i) {
    c->SkipSpace();  // plain PBM digits need no separator
    if (c->at_end() || (c->data[c->pos] != '0' && c->data[c->pos] != '1'))
      return CorruptInput("PBM: bad or missing pixel");
    img->samples[i] = uint16_t(1 - (c->data[c->pos++] - '0'));
  }
  return Status::Ok();
}

Status ReadSamples(Cursor* c, bool ascii, uint64_t maxval, Image* img) {
  const size_t n = img->samples.size();
  if (ascii) {
    for (size_t i = 0; i < n; ++i) {
      uint64_t v = 0;
      if (!c->ReadUint(maxval, &v)) return CorruptInput("PNM: bad, missing or out-of-range sample");
      img->samples[i] = uint16_t(v);
    }
    return Status::Ok();
  }
  const size_t bytes = maxval > 255 ? 2 : 1;
  if (n > c->remaining() / bytes) return CorruptInput("PNM: truncated raster");
  const uint8_t* p = c->data + c->pos;
  for (size_t i = 0; i < n; ++i) {
    const uint16_t v = bytes == 2 ? uint16_t(p[2 * i] << 8 | p[2 * i + 1]) : p[i];
    if (v > maxval) return CorruptInput("PNM: sample exceeds maxval");
    img->samples[i] = v;
  }
  c->pos += n * bytes;
  return Status::Ok();
}

}  // namespace

Status ReadPnm(const uint8_t* data, size_t size, const ReadLimits& limits, Image* out) {
  Cursor c{data, size};
  Header h;
  NLIC_RETURN_IF_ERROR(ParseHeader(&c, &h));
  NLIC_RETURN_IF_ERROR(CheckPixelLimit("PNM", h.width, h.height, limits));
  if (h.maxval == 0) return CorruptInput("PNM: maxval must be at least 1");
  Image img;
  img.width = uint32_t(h.width);
  img.height = uint32_t(h.height);
  NLIC_RETURN_IF_ERROR(ColorTypeOf(h, &img.color_type));
  NLIC_RETURN_IF_ERROR(DepthFromMaxval(h.maxval, img.color_type, &img.bit_depth));
  const bool ascii = h.kind <= '3';
  // Every sample needs at least one byte of input (PBM: one bit), so this
  // bounds the allocation by the input size, whatever the header claims.
  const uint64_t samples = h.width * h.height * img.channels();
  const uint64_t min_bytes = (h.kind == '4') ? samples / 8 : samples;
  if (samples / img.channels() != h.width * h.height || min_bytes > c.remaining())
    return CorruptInput("PNM: file too short for its " + std::to_string(h.width) + "x" +
                        std::to_string(h.height) + " header");
  try {
    img.samples.resize(samples);
  } catch (const std::bad_alloc&) {
    return LimitExceeded("PNM: out of memory for the decoded image");
  }
  if (h.kind == '1' || h.kind == '4') {
    NLIC_RETURN_IF_ERROR(ReadBitmap(&c, h.kind == '1', &img));
  } else {
    NLIC_RETURN_IF_ERROR(ReadSamples(&c, ascii, h.maxval, &img));
  }
  *out = std::move(img);
  return Status::Ok();
}

}  // namespace nlic
