// libpng reports problems through callbacks that must not return (errors)
// or that would otherwise print to stderr (warnings). This turns both into
// data the caller converts to a Status once control is back in C++.
#pragma once

#include <png.h>

#include <string>

#include "status.h"

namespace nlic {

struct PngDiagnostics {
  std::string error;    // first libpng error, empty if none
  std::string warning;  // first warning we did not choose to tolerate
  // Our own callbacks set this before png_error() so a limit hit is not
  // reported as corruption.
  StatusCode code = StatusCode::kCorruptInput;
  bool is_writer = false;
};

// Installed with png_create_{read,write}_struct(..., diagnostics, ...).
void PngErrorCallback(png_structp png, png_const_charp message);
void PngWarningCallback(png_structp png, png_const_charp message);

// Raises a libpng error with our own code; never returns.
[[noreturn]] void PngFail(png_structp png, StatusCode code, const char* message);

// The Status for a failed libpng call ("PNG: IDAT: CRC error").
Status PngErrorStatus(const PngDiagnostics& d, const char* fallback);

}  // namespace nlic
