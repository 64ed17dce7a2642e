#include "tools/cli/ladder_svg.h"

#include <algorithm>
#include <cmath>

#include "tools/cli/strings.h"

namespace nlic::cli {
namespace {

constexpr double kWidth = 760, kHeight = 500;
constexpr double kLeft = 70, kRight = 40, kTop = 60, kBottom = 60;

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// 1, 2 or 5 times a power of ten, about range/5.
double NiceStep(double range) {
  const double raw = range / 5, p = std::pow(10.0, std::floor(std::log10(raw)));
  return raw / p < 1.5 ? p : raw / p < 3.5 ? 2 * p : raw / p < 7.5 ? 5 * p : 10 * p;
}

std::string TickText(double v) {
  return v >= 1 ? Sprintf("%g", v) : Sprintf("%.3g", v);
}

struct Axes {
  double x_lo, x_hi, y_lo, y_hi;  // x in log10 units
  double X(double x) const {
    return kLeft + (std::log10(x) - x_lo) / (x_hi - x_lo) * (kWidth - kLeft - kRight);
  }
  double Y(double y) const {
    return kHeight - kBottom - (y - y_lo) / (y_hi - y_lo) * (kHeight - kTop - kBottom);
  }
};

Axes FitAxes(const std::vector<PlotPoint>& all) {
  double x_min = 1e300, x_max = -1e300, y_min = 1e300, y_max = -1e300;
  for (const PlotPoint& p : all) {
    x_min = std::min(x_min, p.x);
    x_max = std::max(x_max, p.x);
    y_min = std::min(y_min, p.y);
    y_max = std::max(y_max, p.y);
  }
  if (all.empty()) x_min = x_max = y_min = y_max = 1;
  Axes a;
  a.x_lo = std::floor(std::log10(x_min));
  a.x_hi = std::ceil(std::log10(x_max));
  if (a.x_hi <= a.x_lo) a.x_hi = a.x_lo + 1;
  const double pad = std::max(0.08 * (y_max - y_min), 0.05);
  a.y_lo = y_min - pad;
  a.y_hi = y_max + pad;
  return a;
}

void Grid(const Axes& a, std::string* svg) {
  const double x0 = kLeft, x1 = kWidth - kRight, y0 = kTop, y1 = kHeight - kBottom;
  for (int d = int(a.x_lo); d < int(a.x_hi) + 1; ++d) {
    for (double m : {1.0, 2.0, 5.0}) {
      const double v = m * std::pow(10.0, d);
      if (std::log10(v) > a.x_hi + 1e-9) break;
      const double x = a.X(v);
      *svg += Sprintf("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n", x,
                      y0, x, y1, m == 1 ? "#bbb" : "#e4e4e4");
      *svg += Sprintf("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", x, y1 + 18,
                      TickText(v).c_str());
    }
  }
  const double step = NiceStep(a.y_hi - a.y_lo);
  for (double v = std::ceil(a.y_lo / step) * step; v <= a.y_hi; v += step) {
    const double y = a.Y(v);
    *svg += Sprintf("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>\n",
                    x0, y, x1, y);
    *svg += Sprintf("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>\n", x0 - 6, y + 4, v);
  }
  *svg += Sprintf("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                  "stroke=\"#333\"/>\n",
                  x0, y0, x1 - x0, y1 - y0);
  *svg += Sprintf("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">decode MP/s (log scale, "
                  "higher is faster)</text>\n",
                  (x0 + x1) / 2, kHeight - 18);
  *svg += Sprintf("<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\">"
                  "bits per subpixel (lower is smaller)</text>\n",
                  (y0 + y1) / 2);
}

struct Box {
  double x0, y0, x1, y1;
  bool Overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// Places labels next to their points without covering each other: to the
// right (left near the right edge), moved up or down a line when taken.
class Labeller {
 public:
  explicit Labeller(const Axes& a) : a_(a) {}

  void Place(const PlotPoint& p, double dy, const char* colour, std::string* svg) {
    if (p.label.empty()) return;
    const double x = a_.X(p.x), y = a_.Y(p.y) + dy;
    const double width = 7.0 * double(p.label.size());  // about 12px sans-serif
    const bool left = x + 8 + width > kWidth - 4;
    const double tx = left ? x - 8 : x + 8;
    double ty = y;
    for (double shift : {0.0, 14.0, -14.0, 28.0, -28.0, 42.0, -42.0}) {
      ty = y + shift;
      Box box{left ? tx - width : tx, ty - 11, left ? tx : tx + width, ty + 3};
      bool free = true;
      for (const Box& b : taken_) free = free && !box.Overlaps(b);
      if (free || shift == -42.0) {
        taken_.push_back(box);
        break;
      }
    }
    *svg += Sprintf("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"%s\">%s</text>\n", tx, ty,
                    left ? "end" : "start", colour, Escape(p.label).c_str());
  }

 private:
  const Axes& a_;
  std::vector<Box> taken_;
};

}  // namespace

std::string LadderSvg(const std::string& title, const std::string& caption,
                      const std::vector<PlotPoint>& line_in, const std::vector<PlotPoint>& points_in) {
  std::vector<PlotPoint> line, points, all;
  for (const PlotPoint& p : line_in)
    if (p.x > 0) line.push_back(p);
  for (const PlotPoint& p : points_in)
    if (p.x > 0) points.push_back(p);
  all = line;
  all.insert(all.end(), points.begin(), points.end());
  const Axes a = FitAxes(all);

  std::string svg = Sprintf(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
      "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\">\n",
      kWidth, kHeight, kWidth, kHeight);
  svg += Sprintf("<rect width=\"%.0f\" height=\"%.0f\" fill=\"white\"/>\n", kWidth, kHeight);
  svg += Sprintf("<text x=\"%.1f\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>\n", kLeft,
                 Escape(title).c_str());
  svg += Sprintf("<text x=\"%.1f\" y=\"40\" fill=\"#555\">%s</text>\n", kLeft, Escape(caption).c_str());
  Grid(a, &svg);
  if (!line.empty()) {
    svg += "<polyline fill=\"none\" stroke=\"#1f6fb4\" stroke-width=\"2\" points=\"";
    for (const PlotPoint& p : line) svg += Sprintf("%.1f,%.1f ", a.X(p.x), a.Y(p.y));
    svg += "\"/>\n";
  }
  Labeller labels(a);
  for (const PlotPoint& p : line)
    svg += Sprintf("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1f6fb4\"/>\n", a.X(p.x), a.Y(p.y));
  for (const PlotPoint& p : points)
    svg += Sprintf("<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"#c0392b\"/>\n",
                   a.X(p.x) - 4, a.Y(p.y) - 4);
  for (const PlotPoint& p : line) labels.Place(p, -6, "#1f6fb4", &svg);
  for (const PlotPoint& p : points) labels.Place(p, 4, "#c0392b", &svg);
  svg += "</svg>\n";
  return svg;
}

}  // namespace nlic::cli
