#include <string>

#include "codec/encode_plan.h"
#include "codec/nlic.h"
#include "codec/parallel_for.h"

namespace nlic {

Status Encode(const Image& img, const EncodeOptions& opt, std::vector<uint8_t>* out) {
  NLIC_RETURN_IF_ERROR(CheckImageShape(img));
  EncodePlan plan;
  NLIC_RETURN_IF_ERROR(PlanEncode(img, opt, &plan));
  NLIC_RETURN_IF_ERROR(CheckStripeSamples(plan.header, img.samples.data(), img.samples.size()));
  if (plan.may_index) {
    ColorSurvey survey(img.width, img.height, img.channels());
    survey.AddRows(img.samples.data(), img.height);
    ChooseColorTable(survey, &plan);
  }
  const Header& h = plan.header;

  const uint32_t tiles = h.tile_count();
  const size_t stride = size_t(img.width) * img.channels();
  std::vector<std::vector<uint8_t>> payloads(tiles);
  std::vector<uint32_t> crcs(tiles);
  ParallelFor(tiles, opt.threads, [&](uint32_t i) {
    const auto [y0, rows] = h.stripe(i);
    EncodeStripe(plan, i, img.samples.data() + y0 * stride, rows, &payloads[i], &crcs[i]);
  });

  out->clear();
  WriteHeader(h, out);
  for (uint32_t i = 0; i < tiles; ++i) {
    AppendRecordHead(payloads[i].size(), crcs[i], out);
    out->insert(out->end(), payloads[i].begin(), payloads[i].end());
  }
  return Status::Ok();
}

// The format number comes from the header's constant, so it cannot go stale
// again (it said "format 3" through formats 4 and 5).
const char* VersionString() {
  static const std::string version = "0.1.0 (format " + std::to_string(kFormatVersion) + ")";
  return version.c_str();
}

}  // namespace nlic
