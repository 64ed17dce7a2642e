#!/usr/bin/env bash
# Where the time goes, by stage (README "Where the time goes"): samples
# `nlic encode` and `nlic decode` of one image on one thread with `perf
# record` (cpu-clock, so it also works in VMs without hardware counters)
# and sums the samples of every function into the stage it belongs to.
#
#   tools/profile/stages.sh [NLIC_BINARY] [IMAGE] [EFFORT] [RUNS]
#
# Defaults: build/nlic, kodim05 of ../shared/corpus/kodak, effort 5, 3 runs
# (the samples of all runs are summed). Decode writes PPM so that zlib is not
# in the profile; encode reads the PNG, so libpng/zlib ("input") are.
# Stages (functions the compiler inlines count where they were inlined):
#   rows      the network's per-row layers (the "above" stream)
#   head      the network's per-pixel head
#   loop      the stripe loop with the inlined predictor: classical blend,
#             LMS refiner, the network's left inputs, feeding samples back
#   coder     the sample coder: contexts, mixer, APM, arithmetic coder
#   match     the match model's table lookups and updates
#   rest      everything else (start-up, I/O, CRCs, kernel)
set -euo pipefail
NLIC=${1:-build/nlic}
IMAGE=${2:-../shared/corpus/kodak/kodim05.png}
EFFORT=${3:-5}
RUNS=${4:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$NLIC" encode -q -f --threads 1 -e "$EFFORT" "$IMAGE" "$WORK/x.nlic"

# profile NAME CMD...: runs CMD RUNS times under perf, prints the stage shares.
profile() {
  local name=$1
  shift
  local total_ms=0
  for ((r = 0; r < RUNS; ++r)); do
    perf record -q -F 4000 -o "$WORK/$name.$r.data" "$@" 2> /dev/null > /dev/null
  done
  for ((r = 0; r < RUNS; ++r)); do
    perf report -i "$WORK/$name.$r.data" --no-children --sort symbol --stdio -n 2> /dev/null
  done | awk -v name="$name" -v hz=4000 '
    /^#/ || NF < 3 { next }
    {
      n = $2 + 0; sym = $0
      if (sym ~ /RowLayer|Above|FeatureRows/) s = "rows"
      else if (sym ~ /Head(Of|Vnni|Avx|Scalar|Sse)/) s = "head"
      else if (sym ~ /CodeRow|Predict|StartRow|LmsRefiner|Classical/) s = "loop"
      else if (sym ~ /MatchModel/) s = "match"
      else if (sym ~ /SampleCoder|MixedDecision|Arith|Apm|Mixer|Fast|Rans|Palette/) s = "coder"
      else s = "rest"
      t[s] += n; all += n
    }
    END {
      printf "%-7s", name
      split("rows head loop coder match rest", order, " ")
      for (i = 1; i <= 6; ++i) printf "  %s %5.1f%% %6.0f ms", order[i], 100 * t[order[i]] / all, 1000 * t[order[i]] / hz / '"$RUNS"'
      printf "  total %6.0f ms\n", 1000 * all / hz / '"$RUNS"'
    }'
}

echo "$NLIC, effort $EFFORT, $(basename "$IMAGE"), one thread, mean of $RUNS runs"
profile encode "$NLIC" encode -q -f --threads 1 -e "$EFFORT" "$IMAGE" "$WORK/y.nlic"
profile decode "$NLIC" decode -q -f --threads 1 "$WORK/x.nlic" "$WORK/y.ppm"
