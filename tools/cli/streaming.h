// `nlic encode` and `nlic decode` for images of any size: rows flow from the
// reader through the streaming coder to the output file, so memory is a few
// stripes plus the model, not the image (README "Huge images").
#pragma once

#include <string>

#include "codec/nlic.h"
#include "tools/cli/args.h"

namespace nlic::cli {

// Whether encode can stream: a PNG IN (sniffed) and an OUT that is not
// stdout, since stdout must get the file in one piece after success.
bool CanStreamEncode(const std::string& in, const std::string& out);
int EncodeStreaming(const Options& options, const std::string& in, const std::string& out,
                    const EncodeOptions& eopt, const ReadLimits& limits);

// Whether decode can stream: an OUT that is not stdout (any IN, even a pipe).
bool CanStreamDecode(const std::string& out);
int DecodeStreaming(const Options& options, const std::string& in, const std::string& out,
                    const DecodeOptions& dopt);

}  // namespace nlic::cli
