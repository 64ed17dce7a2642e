// Netpbm writer: the plain formats when they can say everything, PAM when
// there is alpha (or when asked). Used to hand decoded pixels to tools that
// do not read PNG; palette images are expanded because Netpbm has none.
#include <new>
#include <string>

#include "io/image_io.h"
#include "io/row_io.h"

namespace nlic {
namespace {

// The image as Netpbm sees it: no palette, maxval instead of a bit depth.
struct Raster {
  int channels = 0;
  uint32_t maxval = 0;
  std::vector<uint16_t> expanded;  // only filled for palette images
  const std::vector<uint16_t>* samples = nullptr;
};

// Out-of-range indices become opaque black, as the PNG spec suggests.
void ExpandPalette(const Image& img, Raster* r) {
  const bool alpha = !img.trns.empty();
  const size_t entries = img.palette.size() / 3;
  r->channels = alpha ? 4 : 3;
  r->maxval = 255;
  r->expanded.resize(img.samples.size() * r->channels);
  uint16_t* o = r->expanded.data();
  for (uint16_t index : img.samples) {
    for (int k = 0; k < 3; ++k) *o++ = index < entries ? img.palette[index * 3 + k] : 0;
    if (alpha) *o++ = index < img.trns.size() ? img.trns[index] : 255;
  }
  r->samples = &r->expanded;
}

const char* TupleType(int channels) {
  static const char* kNames[] = {"GRAYSCALE", "GRAYSCALE_ALPHA", "RGB", "RGB_ALPHA"};
  return kNames[channels - 1];
}

std::string HeaderFor(const Image& img, const Raster& r, bool pam) {
  const std::string w = std::to_string(img.width), h = std::to_string(img.height);
  const std::string m = std::to_string(r.maxval);
  if (!pam) return std::string(r.channels == 1 ? "P5" : "P6") + "\n" + w + " " + h + "\n" + m + "\n";
  return "P7\nWIDTH " + w + "\nHEIGHT " + h + "\nDEPTH " + std::to_string(r.channels) + "\nMAXVAL " + m +
         "\nTUPLTYPE " + TupleType(r.channels) + "\nENDHDR\n";
}

// One row of samples as Netpbm bytes: palette expanded, big-endian if wide.
void AppendRow(const Image& meta, const Raster& r, const uint16_t* row, std::vector<uint8_t>* out) {
  const size_t n = size_t(meta.width) * meta.channels();
  const bool wide = r.maxval > 255;
  if (meta.color_type == ColorType::kPalette) {
    const bool alpha = r.channels == 4;
    const size_t entries = meta.palette.size() / 3;
    for (size_t i = 0; i < n; ++i) {
      const uint16_t index = row[i];
      for (int k = 0; k < 3; ++k) out->push_back(index < entries ? meta.palette[index * 3 + k] : 0);
      if (alpha) out->push_back(index < meta.trns.size() ? meta.trns[index] : 255);
    }
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    if (wide) out->push_back(uint8_t(row[i] >> 8));  // Netpbm is big-endian
    out->push_back(uint8_t(row[i]));
  }
}

class PnmRowWriter final : public ImageRowWriter {
 public:
  Status Open(const Image& meta, bool force_pam, const ByteSink& sink) {
    if (Status shape = CheckImageMeta(meta); !shape.ok()) return InvalidArgument("PNM writer: " + shape.message());
    meta_ = CopyMeta(meta);
    sink_ = &sink;
    if (meta.color_type == ColorType::kPalette) {
      raster_.channels = meta.trns.empty() ? 3 : 4;
      raster_.maxval = 255;
    } else {
      raster_.channels = meta.channels();
      raster_.maxval = meta.max_value();
    }
    const std::string header =
        HeaderFor(meta, raster_, force_pam || raster_.channels == 2 || raster_.channels == 4);
    return (*sink_)(reinterpret_cast<const uint8_t*>(header.data()), header.size());
  }
  Status WriteRows(const uint16_t* rows, uint32_t count) override {
    if (count > meta_.height - next_row_) return Internal("PNM writer: more rows than the image has");
    const size_t n = size_t(meta_.width) * meta_.channels();
    for (uint32_t y = 0; y < count; ++y) {
      bytes_.clear();
      AppendRow(meta_, raster_, rows + y * n, &bytes_);
      NLIC_RETURN_IF_ERROR((*sink_)(bytes_.data(), bytes_.size()));
    }
    next_row_ += count;
    return Status::Ok();
  }
  Status Finish() override {
    return next_row_ == meta_.height ? Status::Ok() : Internal("PNM writer: Finish before the last row");
  }

 private:
  Image meta_;
  Raster raster_;
  const ByteSink* sink_ = nullptr;
  std::vector<uint8_t> bytes_;
  uint32_t next_row_ = 0;
};

}  // namespace

// A gray/RGB tRNS colour key has no Netpbm equivalent and is not applied.
Status WritePnm(const Image& image, bool force_pam, std::vector<uint8_t>* out) {
  if (Status shape = CheckImageShape(image); !shape.ok()) return InvalidArgument("PNM writer: " + shape.message());
  Raster r;
  std::vector<uint8_t> bytes;
  try {
    if (image.color_type == ColorType::kPalette) {
      ExpandPalette(image, &r);
    } else {
      r.channels = image.channels();
      r.maxval = image.max_value();
      r.samples = &image.samples;
    }
    const bool pam = force_pam || r.channels == 2 || r.channels == 4;
    const std::string header = HeaderFor(image, r, pam);
    const bool wide = r.maxval > 255;
    bytes.reserve(header.size() + r.samples->size() * (wide ? 2 : 1));
    bytes.assign(header.begin(), header.end());
    for (uint16_t s : *r.samples) {
      if (wide) bytes.push_back(uint8_t(s >> 8));  // Netpbm is big-endian
      bytes.push_back(uint8_t(s));
    }
  } catch (const std::bad_alloc&) {
    return LimitExceeded("PNM writer: out of memory");
  }
  *out = std::move(bytes);
  return Status::Ok();
}

}  // namespace nlic

namespace nlic {

Status OpenPnmRowWriter(const Image& meta, bool force_pam, const ByteSink& sink, std::unique_ptr<ImageRowWriter>* out) {
  auto writer = std::make_unique<PnmRowWriter>();
  NLIC_RETURN_IF_ERROR(writer->Open(meta, force_pam, sink));
  *out = std::move(writer);
  return Status::Ok();
}

}  // namespace nlic
