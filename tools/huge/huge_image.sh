#!/usr/bin/env bash
# Bounded-memory check for the streaming encode/decode paths (README "Huge
# images"): generates a 20000x12000 RGB PNG (240 MP) and a 4000x3000 one
# (12 MP) with nlic_gen_huge, encodes and decodes both with /usr/bin/time -v,
# and prints peak RSS, wall and CPU time, and time per megapixel.
#
#   tools/huge/huge_image.sh [BUILD_DIR] [EFFORT] [THREADS]
#
# Defaults: build, effort 1, 2 threads. WORK (default /tmp/nlic_huge) holds
# the files (about 1.2 GB for the 240 MP image: PNG in, .nlic, PNG out);
# KODAK points at the Kodak photos. Decoding checks every stripe's pixel
# CRC, so a clean exit means the pixels are the ones the encoder hashed.
# Not part of ctest: at effort 1 the 240 MP run takes minutes.
set -euo pipefail
BUILD=${1:-build}
EFFORT=${2:-1}
THREADS=${3:-2}
KODAK=${KODAK:-/work/shared/corpus/kodak}
WORK=${WORK:-/tmp/nlic_huge}
NLIC="$BUILD/nlic"
GEN="$BUILD/nlic_gen_huge"
mkdir -p "$WORK"

# Runs a command under /usr/bin/time -v; prints "wall_s user_s rss_mib".
measure() {
  local log="$WORK/time.log"
  /usr/bin/time -v "$@" 2> "$log" > /dev/null || { cat "$log" >&2; exit 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; ++i) w = w * 60 + t[i] }
    /User time/ { u = $2 }
    /System time/ { s = $2 }
    /Maximum resident set size/ { r = $2 / 1024 }
    END { printf "%.2f %.2f %.1f\n", w, u + s, r }' "$log"
}

printf "%-10s %-7s %9s %9s %10s %10s\n" image step wall_s cpu_s peak_MiB wall_s/MP
for spec in 4000x3000 20000x12000; do
  w=${spec%x*}; h=${spec#*x}
  mp=$(awk -v w="$w" -v h="$h" 'BEGIN { printf "%.3f", w * h / 1e6 }')
  png="$WORK/$spec.png"
  [ -s "$png" ] || "$GEN" "$KODAK" "$w" "$h" "$png"
  for step in encode decode; do
    if [ $step = encode ]; then
      r=$(measure "$NLIC" encode -q -f --effort "$EFFORT" --threads "$THREADS" "$png" "$WORK/$spec.nlic")
    else
      r=$(measure "$NLIC" decode -q -f --threads "$THREADS" "$WORK/$spec.nlic" "$WORK/$spec.out.png")
    fi
    read -r wall cpu rss <<< "$r"
    printf "%-10s %-7s %9s %9s %10s %10.4f\n" "$spec" "$step" "$wall" "$cpu" "$rss" \
      "$(awk -v a="$wall" -v b="$mp" 'BEGIN { print a / b }')"
  done
done
echo "effort $EFFORT, $THREADS threads; files in $WORK"
