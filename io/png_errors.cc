#include "io/png_errors.h"

#include <cstring>

namespace nlic {
namespace {

PngDiagnostics* Diag(png_structp png) { return static_cast<PngDiagnostics*>(png_get_error_ptr(png)); }

// Messages libpng raises for limits we configured; they are not corruption.
bool IsLimitMessage(const char* m) {
  return std::strstr(m, "exceeds user limit") || std::strstr(m, "too large") ||
         std::strstr(m, "memory limit") || std::strstr(m, "Out of memory") || std::strstr(m, "out of memory");
}

// Assigning a std::string may throw; an exception must never cross libpng's
// C frames, so failures to record just leave the previous text.
void Record(std::string* dst, const char* message) {
  try {
    *dst = message ? message : "unknown libpng problem";
  } catch (...) {
  }
}

}  // namespace

void PngErrorCallback(png_structp png, png_const_charp message) {
  PngDiagnostics* d = Diag(png);
  if (d->error.empty()) {
    Record(&d->error, message);
    if (d->code == StatusCode::kCorruptInput && message && IsLimitMessage(message))
      d->code = StatusCode::kLimitExceeded;
  }
  png_longjmp(png, 1);
}

void PngWarningCallback(png_structp png, png_const_charp message) {
  PngDiagnostics* d = Diag(png);
  // A legal zero-length ancillary chunk: libpng merely comments on it.
  if (d->is_writer && message && std::strstr(message, "zero-length unknown chunk")) return;
  // Reading continues so libpng stays in a sane state; the caller fails the
  // whole operation afterwards because every read warning means libpng
  // dropped or repaired something we promised to keep verbatim.
  if (d->warning.empty()) Record(&d->warning, message);
}

void PngFail(png_structp png, StatusCode code, const char* message) {
  Diag(png)->code = code;
  png_error(png, message);
}

Status PngErrorStatus(const PngDiagnostics& d, const char* fallback) {
  std::string text = !d.error.empty() ? d.error : !d.warning.empty() ? d.warning : fallback;
  // libpng often warns with the specifics ("Invalid color type in IHDR")
  // right before a generic error ("Invalid IHDR data").
  if (!d.error.empty() && !d.warning.empty()) text += " (" + d.warning + ")";
  const StatusCode code =
      d.is_writer && d.code == StatusCode::kCorruptInput ? StatusCode::kInvalidArgument : d.code;
  return Status(code, std::string(d.is_writer ? "PNG writer: " : "PNG: ") + text);
}

}  // namespace nlic
