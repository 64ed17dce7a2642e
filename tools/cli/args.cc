#include "tools/cli/args.h"

#include <charconv>
#include <cstring>
#include <string_view>

namespace nlic::cli {
namespace {

// Bit per command, to say where an option is accepted.
constexpr unsigned kEnc = 1, kDec = 2, kInf = 4, kBen = 8;
constexpr unsigned kAll = kEnc | kDec | kInf | kBen;

enum class Opt {
  kHelp, kVersion, kQuiet, kVerbose, kForce, kThreads, kEffort, kPredictor,
  kVerify, kStrip, kSalvage, kMaxPixels, kRepeat, kCsv, kPeers, kPatches, kPatchStride, kLadder,
  kLadderOut, kThreadsScaling,
};

struct OptSpec {
  Opt id;
  const char* long_name;
  char short_name;  // 0 = none
  bool takes_value;
  unsigned commands;
};

constexpr OptSpec kSpecs[] = {
    {Opt::kHelp, "help", 'h', false, kAll},
    {Opt::kVersion, "version", 0, false, kAll},
    {Opt::kQuiet, "quiet", 'q', false, kAll},
    {Opt::kVerbose, "verbose", 'v', false, kAll},
    {Opt::kForce, "force", 'f', false, kEnc | kDec | kBen},
    {Opt::kThreads, "threads", 0, true, kEnc | kDec | kBen},
    {Opt::kEffort, "effort", 'e', true, kEnc | kBen},
    {Opt::kPredictor, "predictor", 0, true, kEnc | kBen},
    {Opt::kVerify, "verify", 0, false, kEnc},
    {Opt::kStrip, "strip", 0, false, kEnc},
    {Opt::kSalvage, "salvage", 0, false, kDec},
    {Opt::kMaxPixels, "max-pixels", 0, true, kEnc | kDec},
    {Opt::kRepeat, "repeat", 0, true, kBen},
    {Opt::kCsv, "csv", 0, true, kBen},
    {Opt::kPeers, "peers", 0, false, kBen},
    {Opt::kPatches, "patches", 0, false, kBen},
    {Opt::kPatchStride, "patch-stride", 0, true, kBen},
    {Opt::kLadder, "ladder", 0, false, kBen},
    {Opt::kLadderOut, "ladder-out", 0, true, kBen},
    {Opt::kThreadsScaling, "threads-scaling", 0, false, kBen},
};

unsigned CommandBit(Command c) {
  switch (c) {
    case Command::kEncode: return kEnc;
    case Command::kDecode: return kDec;
    case Command::kInfo: return kInf;
    case Command::kBench: return kBen;
    case Command::kNone: return kAll;  // only help/version matter then
  }
  return kAll;
}

const OptSpec* FindLong(std::string_view name) {
  for (const OptSpec& s : kSpecs)
    if (name == s.long_name) return &s;
  return nullptr;
}

const OptSpec* FindShort(char c) {
  for (const OptSpec& s : kSpecs)
    if (s.short_name != 0 && s.short_name == c) return &s;
  return nullptr;
}

template <typename T>
bool ParseNumber(std::string_view text, T lo, T hi, T* out) {
  if (text.empty()) return false;
  T v{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return false;
  if (v < lo || v > hi) return false;
  *out = v;
  return true;
}

std::string Display(const OptSpec& s) { return std::string("--") + s.long_name; }

bool Apply(const OptSpec& s, std::string_view value, Options* o, std::string* error) {
  auto bad = [&](const char* expected) {
    *error = "invalid value '" + std::string(value) + "' for " + Display(s) + " (expected " +
             expected + ")";
    return false;
  };
  switch (s.id) {
    case Opt::kHelp: o->help = true; return true;
    case Opt::kVersion: o->version = true; return true;
    case Opt::kQuiet: o->quiet = true; return true;
    case Opt::kVerbose: o->verbose = true; return true;
    case Opt::kForce: o->force = true; return true;
    case Opt::kVerify: o->verify = true; return true;
    case Opt::kStrip: o->strip = true; return true;
    case Opt::kSalvage: o->salvage = true; return true;
    case Opt::kPeers: o->peers = true; return true;
    case Opt::kPatches: o->patches = true; return true;
    case Opt::kLadder: o->ladder = true; return true;
    case Opt::kThreadsScaling: o->threads_scaling = true; return true;
    case Opt::kLadderOut:
      if (value.empty()) return bad("a file name prefix");
      o->ladder_out = std::string(value);
      return true;
    case Opt::kThreads:
      return ParseNumber(value, 0, 4096, &o->threads) || bad("an integer 0..4096, 0 = all cores");
    case Opt::kEffort:
      o->effort_given = true;
      return ParseNumber(value, 1, 9, &o->effort) || bad("an integer 1..9");
    case Opt::kPatchStride:
      return ParseNumber(value, 1, 1 << 30, &o->patch_stride) || bad("an integer >= 1");
    case Opt::kRepeat:
      return ParseNumber(value, 1, 1000, &o->repeat) || bad("an integer 1..1000");
    case Opt::kMaxPixels:
      return ParseNumber<uint64_t>(value, 0, uint64_t(1) << 62, &o->max_pixels) ||
             bad("a pixel count, 0 = format limit");
    case Opt::kPredictor:
      if (value == "classical") o->predictor = PredictorChoice::kClassical;
      else if (value == "neural") o->predictor = PredictorChoice::kNeural;
      else return bad("classical or neural");
      return true;
    case Opt::kCsv:
      if (value.empty()) return bad("a file name");
      o->csv_path = std::string(value);
      return true;
  }
  return true;
}

bool ParseCommandWord(std::string_view w, Command* c) {
  if (w == "encode") *c = Command::kEncode;
  else if (w == "decode") *c = Command::kDecode;
  else if (w == "info") *c = Command::kInfo;
  else if (w == "bench") *c = Command::kBench;
  else return false;
  return true;
}

}  // namespace

const char* CommandName(Command c) {
  switch (c) {
    case Command::kEncode: return "encode";
    case Command::kDecode: return "decode";
    case Command::kInfo: return "info";
    case Command::kBench: return "bench";
    case Command::kNone: return "";
  }
  return "";
}

bool ParseArgs(int argc, char** argv, Options* o, std::string* error) {
  *o = Options();
  std::vector<const OptSpec*> used;
  bool options_done = false;
  std::vector<std::string> words;  // command word + positionals

  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (options_done || arg == "-" || arg.empty() || arg[0] != '-') {
      words.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    if (arg.substr(0, 2) == "--") {  // --name or --name=value
      std::string_view body = arg.substr(2);
      size_t eq = body.find('=');
      std::string_view name = body.substr(0, eq);
      const OptSpec* s = FindLong(name);
      if (!s) {
        *error = "unknown option '--" + std::string(name) + "'";
        return false;
      }
      std::string_view value;
      if (s->takes_value) {
        if (eq != std::string_view::npos) {
          value = body.substr(eq + 1);
        } else if (i + 1 < argc) {
          value = argv[++i];
        } else {
          *error = "option " + Display(*s) + " needs a value";
          return false;
        }
      } else if (eq != std::string_view::npos) {
        *error = "option " + Display(*s) + " takes no value";
        return false;
      }
      if (!Apply(*s, value, o, error)) return false;
      used.push_back(s);
      continue;
    }
    // Short options: "-fv" bundles flags; "-e5" or "-e 5" gives a value.
    for (size_t k = 1; k < arg.size(); ++k) {
      const OptSpec* s = FindShort(arg[k]);
      if (!s) {
        *error = std::string("unknown option '-") + arg[k] + "'";
        return false;
      }
      std::string_view value;
      if (s->takes_value) {
        if (k + 1 < arg.size()) {
          value = arg.substr(k + 1);
        } else if (i + 1 < argc) {
          value = argv[++i];
        } else {
          *error = std::string("option -") + arg[k] + " needs a value";
          return false;
        }
        k = arg.size();
      }
      if (!Apply(*s, value, o, error)) return false;
      used.push_back(s);
    }
  }

  if (!words.empty()) {
    if (!ParseCommandWord(words[0], &o->command)) {
      *error = "unknown command '" + words[0] + "' (expected encode, decode, info or bench)";
      return false;
    }
    o->positional.assign(words.begin() + 1, words.end());
  }
  if (o->help || o->version) return true;  // nothing else matters then
  if (o->command == Command::kNone) {
    *error = "missing command (encode, decode, info or bench)";
    return false;
  }
  for (const OptSpec* s : used) {
    if (!(s->commands & CommandBit(o->command))) {
      *error = "option " + Display(*s) + " does not apply to '" + CommandName(o->command) + "'";
      return false;
    }
  }
  const int modes = int(o->patches) + int(o->ladder) + int(o->threads_scaling);
  if (modes > 1) {
    *error = "--patches, --ladder and --threads-scaling are mutually exclusive";
    return false;
  }
  if (!o->ladder_out.empty() && !o->ladder) {
    *error = "--ladder-out needs --ladder";
    return false;
  }
  if (o->ladder && o->effort_given) {
    *error = "--ladder runs every effort; -e does not apply";
    return false;
  }
  for (const OptSpec* s : used) {
    if (s->id == Opt::kPatchStride && !o->patches) {
      *error = "option --patch-stride needs --patches";
      return false;
    }
  }
  if (o->quiet && o->verbose) {
    *error = "-q and -v are mutually exclusive";
    return false;
  }
  return true;
}

}  // namespace nlic::cli
