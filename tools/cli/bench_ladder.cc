#include "tools/cli/bench_ladder.h"

#include "codec/nlic.h"
#include "tools/cli/atomic_output.h"
#include "tools/cli/bench_inputs.h"
#include "tools/cli/ladder_svg.h"
#include "tools/cli/strings.h"

namespace nlic::cli {
namespace {

constexpr const char* kLadderPrefix = "nlic -e ";

bool IsLadderRow(const CodecTotal& t) { return t.codec.rfind(kLadderPrefix, 0) == 0; }

int EffortOf(const CodecTotal& t) { return std::atoi(t.codec.c_str() + 8); }

double DecodeMps(const CodecTotal& t) { return MegapixelsPerSecond(t.pixels, t.decode_seconds); }

// Efforts that wrote byte-identical output share one label ("e2-4") on the
// first of them; their points differ only by timing noise.
std::vector<PlotPoint> EffortLine(const std::vector<CodecTotal>& totals) {
  std::vector<PlotPoint> line;
  for (size_t i = 0; i < totals.size(); ++i) {
    const CodecTotal& t = totals[i];
    if (!IsLadderRow(t) || t.images == 0) continue;
    size_t last = i;
    while (last + 1 < totals.size() && IsLadderRow(totals[last + 1]) &&
           totals[last + 1].bytes == t.bytes && totals[last + 1].images == t.images)
      ++last;
    for (size_t k = i; k <= last; ++k) {
      PlotPoint p;
      if (k == i)
        p.label = last == i ? Sprintf("e%d", EffortOf(t))
                            : Sprintf("e%d-%d", EffortOf(t), EffortOf(totals[last]));
      p.x = DecodeMps(totals[k]);
      p.y = Bpsp(totals[k].bytes, totals[k].subpixels);
      line.push_back(p);
    }
    i = last;
  }
  return line;
}

// Peers that skipped images (n/a) are labelled with their count: their
// bpsp covers fewer images than nlic's.
std::vector<PlotPoint> PeerPoints(const std::vector<CodecTotal>& totals, int nlic_images) {
  std::vector<PlotPoint> points;
  for (const CodecTotal& t : totals) {
    if (IsLadderRow(t) || !t.missing.empty() || t.images == 0) continue;
    PlotPoint p;
    p.label = t.images == nlic_images ? t.codec : Sprintf("%s (%d images)", t.codec.c_str(), t.images);
    p.x = DecodeMps(t);
    p.y = Bpsp(t.bytes, t.subpixels);
    points.push_back(p);
  }
  return points;
}

}  // namespace

std::string LadderLabel(int effort) { return kLadderPrefix + std::to_string(effort); }

std::string LadderMarkdownPath(const std::string& prefix) {
  return prefix.empty() ? "" : prefix + ".md";
}

std::string LadderSvgPath(const std::string& prefix) { return prefix.empty() ? "" : prefix + ".svg"; }

std::string LadderCaption(const Options& options, size_t images) {
  std::string where;
  for (const std::string& p : options.positional) where += (where.empty() ? "" : " ") + p;
  if (where.empty()) where = kDefaultBenchDir;
  // A list of files would not fit the plot's caption line: name their
  // common directory instead.
  if (where.size() > 60) {
    std::string common = options.positional[0];
    for (const std::string& p : options.positional)
      while (p.compare(0, common.size(), common) != 0) common.pop_back();
    common = common.substr(0, common.rfind('/') + 1);
    where = Sprintf("%zu paths under %s", options.positional.size(),
                    common.empty() ? "." : common.c_str());
  }
  const int threads = options.threads < 0 ? 1 : options.threads;
  return Sprintf("nlic %s, %zu image%s in %s, %d thread(s), fastest of %d", VersionString(), images,
                 images == 1 ? "" : "s", where.c_str(), threads, options.repeat);
}

Status WriteLadderFiles(const std::string& prefix, const std::vector<CodecTotal>& totals,
                        const std::string& caption, bool force) {
  int nlic_images = 0;
  for (const CodecTotal& t : totals)
    if (IsLadderRow(t)) nlic_images = std::max(nlic_images, t.images);
  std::string md = "Effort ladder: " + caption +
                   ". bpsp = bits per subpixel; MP/s = wall-clock megapixels per second; peak "
                   "MiB = largest ru_maxrss of one encoder or decoder process (`-` = not "
                   "measured: in-process).\n\n" +
                   CodecTableMarkdown(totals);
  NLIC_RETURN_IF_ERROR(WriteOutput(LadderMarkdownPath(prefix), std::vector<uint8_t>(md.begin(), md.end()), force));
  std::string svg = LadderSvg("nlic effort ladder: size vs decode speed", caption,
                              EffortLine(totals), PeerPoints(totals, nlic_images));
  return WriteOutput(LadderSvgPath(prefix), std::vector<uint8_t>(svg.begin(), svg.end()), force);
}

}  // namespace nlic::cli
