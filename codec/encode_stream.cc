// EncodeStream: Encode's bytes, produced stripe by stripe so that only the
// stripes in the pipeline's window are ever in memory.
#include <algorithm>
#include <memory>
#include <string>

#include "codec/encode_plan.h"
#include "codec/nlic.h"
#include "codec/stripe_pipeline.h"

namespace nlic {
namespace {

struct EncodeSlot {
  // Uninitialised (new[] without "()"): the row source fills it row by row,
  // so an input that claims huge rows but ends early (a lying PNG) makes only
  // what it really delivered resident.
  std::unique_ptr<uint16_t[]> pixels;
  size_t capacity = 0;
  std::vector<uint8_t> payload;
  uint32_t crc = 0;
};

// Reads `prescan` a stripe at a time while the image may still have few
// enough colours, then lets the plan decide as Encode does.
Status PrescanColors(const RowSource& prescan, EncodePlan* plan) {
  const Header& h = plan->header;
  ColorSurvey survey(h.width, h.height, h.channels());
  const size_t stride = size_t(h.width) * h.channels();
  std::unique_ptr<uint16_t[]> rows(new uint16_t[h.stripe_rows * stride]);
  for (uint32_t y = 0; y < h.height && survey.colors().fits(); y += h.stripe_rows) {
    const uint32_t count = std::min(h.stripe_rows, h.height - y);
    NLIC_RETURN_IF_ERROR(prescan(rows.get(), count));
    // The trial codes sampled rows: they must be within the depth.
    NLIC_RETURN_IF_ERROR(CheckStripeSamples(h, rows.get(), count * stride));
    survey.AddRows(rows.get(), count);
  }
  ChooseColorTable(survey, plan);
  return Status::Ok();
}

}  // namespace

Status EncodeStream(const Image& meta, const EncodeOptions& opt, const RowSource& source, const ByteSink& sink,
                    const RowSource& prescan) {
  if (!meta.samples.empty()) return InvalidArgument("EncodeStream takes its pixels from the row source, not meta");
  EncodePlan plan;
  NLIC_RETURN_IF_ERROR(PlanEncode(meta, opt, &plan));
  if (prescan && plan.may_index) NLIC_RETURN_IF_ERROR(PrescanColors(prescan, &plan));
  const Header& h = plan.header;
  std::vector<uint8_t> head;
  WriteHeader(h, &head);
  NLIC_RETURN_IF_ERROR(sink(head.data(), head.size()));

  const uint32_t tiles = h.tile_count();
  const size_t stride = size_t(h.width) * h.channels();
  std::vector<EncodeSlot> slots;
  StripePipeline pipeline(opt.threads);  // after `slots`: joined before they go
  slots.resize(std::min(pipeline.window(), tiles));

  auto emit = [&](uint32_t slot) -> Status {
    pipeline.Wait(slot);
    EncodeSlot& s = slots[slot];
    head.clear();
    AppendRecordHead(s.payload.size(), s.crc, &head);
    NLIC_RETURN_IF_ERROR(sink(head.data(), head.size()));
    return sink(s.payload.data(), s.payload.size());
  };
  for (uint32_t i = 0; i < tiles; ++i) {
    const uint32_t slot = i % uint32_t(slots.size());
    if (i >= slots.size()) NLIC_RETURN_IF_ERROR(emit(slot));
    EncodeSlot& s = slots[slot];
    const uint32_t rows = h.stripe(i).count;
    if (s.capacity < rows * stride) {
      s.pixels.reset(new uint16_t[rows * stride]);
      s.capacity = rows * stride;
    }
    NLIC_RETURN_IF_ERROR(source(s.pixels.get(), rows));
    NLIC_RETURN_IF_ERROR(CheckStripeSamples(h, s.pixels.get(), rows * stride));
    pipeline.Submit(slot, [&plan, &s, i, rows] { EncodeStripe(plan, i, s.pixels.get(), rows, &s.payload, &s.crc); });
  }
  const uint32_t first_pending = tiles > slots.size() ? tiles - uint32_t(slots.size()) : 0;
  for (uint32_t i = first_pending; i < tiles; ++i) NLIC_RETURN_IF_ERROR(emit(i % uint32_t(slots.size())));
  return Status::Ok();
}

}  // namespace nlic
