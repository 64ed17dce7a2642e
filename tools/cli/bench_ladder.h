// `nlic bench --ladder`: nlic at every effort 1..9 in one run, and the
// --ladder-out PREFIX files: PREFIX.md (the table) and PREFIX.svg (bpsp
// against decode speed, nlic's efforts as a line, peers as points).
#pragma once

#include <string>
#include <vector>

#include "codec/status.h"
#include "tools/cli/args.h"
#include "tools/cli/bench_report.h"

namespace nlic::cli {

// "nlic -e 3": the codec name of one effort in tables, CSV and the plot.
std::string LadderLabel(int effort);

// PREFIX.md / PREFIX.svg; "" for an empty prefix.
std::string LadderMarkdownPath(const std::string& prefix);
std::string LadderSvgPath(const std::string& prefix);

// One line saying what was measured, for both files.
std::string LadderCaption(const Options& options, size_t images);

Status WriteLadderFiles(const std::string& prefix, const std::vector<CodecTotal>& totals,
                        const std::string& caption, bool force);

}  // namespace nlic::cli
