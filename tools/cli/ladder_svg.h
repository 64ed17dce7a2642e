// A self-contained SVG scatter plot for the effort ladder: y = bpsp
// (linear), x = decode MP/s (log10). No dependencies; the text is escaped.
#pragma once

#include <string>
#include <vector>

namespace nlic::cli {

struct PlotPoint {
  std::string label;  // drawn next to the point; may be empty
  double x = 0, y = 0;
};

// `line` is drawn connected in order (nlic's efforts); `points` alone
// (peers). Points with x <= 0 cannot go on a log axis and are left out.
std::string LadderSvg(const std::string& title, const std::string& caption,
                      const std::vector<PlotPoint>& line, const std::vector<PlotPoint>& points);

}  // namespace nlic::cli
