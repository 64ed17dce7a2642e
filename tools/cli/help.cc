// `nlic --help` and `nlic --version`.
#include <cstdio>

#include "codec/nlic.h"
#include "tools/cli/commands.h"

namespace nlic::cli {

void PrintHelp() {
  std::fputs(
      "nlic - lossless image codec\n"
      "\n"
      "Usage:\n"
      "  nlic encode [options] IN OUT      image (PNG, JPEG, BMP, TGA, GIF, PNM, PAM) -> .nlic\n"
      "  nlic decode [options] IN OUT      .nlic -> PNG; PNM for .ppm/.pgm/.pnm, PAM for .pam,\n"
      "                                    PNG for any other extension\n"
      "  nlic info FILE                    describe an .nlic file without decoding it\n"
      "  nlic bench [options] [PATH...]    encode/decode/verify every image under PATH\n"
      "                                    (default ../shared/corpus/kodak) and print bpsp, speed\n"
      "  nlic --help | --version\n"
      "\n"
      "IN or OUT may be '-' for standard input/output. OUT is written atomically: a\n"
      "temporary file next to OUT is renamed into place only after everything succeeded,\n"
      "so OUT is either untouched or complete. IN is only read. IN and OUT must differ.\n"
      "\n"
      "Options:\n"
      "  -f, --force           overwrite an existing OUT (or bench --csv FILE)\n"
      "  -e, --effort N        encoder effort 1..9 (default 5); 1 = fast coder\n"
      "      --threads N       worker threads, 0 = all cores (default 0; bench: 1, so the\n"
      "                        numbers compare with the single-threaded peers)\n"
      "      --predictor P     classical or neural (default: by effort, neural from 5)\n"
      "      --strip           encode: drop ancillary metadata chunks (tRNS is kept)\n"
      "      --verify          encode: decode the result and compare; on mismatch exit 4\n"
      "                        and write nothing\n"
      "      --max-pixels N    reject images with more than N pixels (0 = format limit)\n"
      "  -q, --quiet           only errors\n"
      "  -v, --verbose         timing, sizes and bits per subpixel (bpsp) on stderr\n"
      "  -h, --help            this text\n"
      "      --version         print the version\n"
      "\n"
      "Bench options:\n"
      "      --repeat N        run encode and decode N times, keep the fastest (default 1)\n"
      "      --csv FILE        also write every row as CSV\n"
      "      --peers           also run installed peers on the same pixels and check them\n"
      "                        lossless: libpng -9, optipng -o7, cwebp -lossless -z 9 -exact\n"
      "                        (8-bit gray/RGB/RGBA only), cjxl -d 0 -e 7 and -e 9;\n"
      "                        peers run single-threaded and get pixels only (no metadata);\n"
      "                        missing tools are skipped; a peer that is not lossless\n"
      "                        is reported but does not change the exit code\n"
      "      --ladder          run nlic at every effort 1..9 (and --peers) in one go and\n"
      "                        print one line per effort: bpsp, MP/s, peak memory\n"
      "      --ladder-out P    with --ladder: also write P.md (table) and P.svg (bpsp\n"
      "                        against decode MP/s)\n"
      "      --threads-scaling per image: encode/decode MP/s at 1, 2 and all-core threads,\n"
      "                        and bpsp at the automatic stripes vs one stripe\n"
      "  bpsp = bits / (width*height*channels); the 'png' column is the input file's size\n"
      "  in bpsp; MP/s = megapixels per second of wall-clock time; TOTAL rows sum bits,\n"
      "  subpixels, pixels and time over all images. enc/dec MiB = peak resident memory\n"
      "  (ru_maxrss) of one encoder/decoder process, measured by nlic-peak-rss next to\n"
      "  nlic: peers' processes, and for nlic `nlic encode`/`nlic decode` runs on the same\n"
      "  file (speed itself is timed in-process); TOTAL takes the largest.\n"
      "\n"
      "Exit codes:\n"
      "  0  success\n"
      "  1  input rejected: missing, unreadable, empty, not an image, corrupt, checksum\n"
      "     mismatch, over a limit, unsupported\n"
      "  2  usage error (bad command line, IN and OUT are the same file)\n"
      "  3  output or I/O error: OUT exists without -f, cannot write, disk full,\n"
      "     interrupted by a signal\n"
      "  4  verification failed (--verify, bench lossless check) or internal error\n",
      stdout);
}

void PrintVersion() { std::printf("nlic %s\n", VersionString()); }

}  // namespace nlic::cli
