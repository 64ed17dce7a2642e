#!/usr/bin/env bash
# Build the libFuzzer targets (clang, ASan+UBSan) and run each one.
#
#   tests/fuzz/run_all.sh [SECONDS_PER_FUZZER]      (default 60)
#
# 1. Configures/builds <repo>/build-fuzz (only what changed) with
#    CC=clang CXX=clang++ -DNLIC_FUZZ=ON -DNLIC_BUILD_TESTS=OFF RelWithDebInfo.
# 2. Replays every file under tests/fuzz/regressions/<fuzzer>/ through its
#    fuzzer (a failure there is a regression, or a bug not fixed yet).
# 3. Fuzzes each target for SECONDS_PER_FUZZER on a COPY of
#    tests/fuzz/corpus/<fuzzer>/ (the committed corpus is never modified), up to
#    NLIC_FUZZ_PARALLEL targets at a time (default: number of cores).
# 4. Prints a summary table; exits non-zero if a build, a replay or a fuzzer
#    failed. Crash inputs land in build-fuzz/artifacts/, logs in build-fuzz/logs/.
#
# Environment: NLIC_FUZZ_BUILD_DIR (default <repo>/build-fuzz),
# NLIC_FUZZ_PARALLEL, NLIC_FUZZERS (space-separated subset to run).
set -uo pipefail

secs=${1:-60}
if ! [[ $secs =~ ^[0-9]+$ ]] || [ "$secs" -lt 1 ]; then
  echo "usage: $0 [SECONDS_PER_FUZZER]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${NLIC_FUZZ_BUILD_DIR:-$repo/build-fuzz}
bin=$build/tests/fuzz
cores=$(nproc 2>/dev/null || echo 2)
parallel=${NLIC_FUZZ_PARALLEL:-$cores}
read -r -a fuzzers <<< "${NLIC_FUZZERS:-fuzz_decode fuzz_header fuzz_png fuzz_jpeg fuzz_stb fuzz_pnm fuzz_roundtrip}"
start=$SECONDS

for tool in clang clang++ cmake; do
  command -v "$tool" > /dev/null || { echo "run_all.sh: $tool not found (apt-get install clang cmake)" >&2; exit 1; }
done

rt=$(clang --print-runtime-dir 2> /dev/null)
if ! ls "$rt"/libclang_rt.fuzzer-*.a > /dev/null 2>&1; then
  echo "run_all.sh: clang's libFuzzer runtime is missing (apt-get install libclang-rt-14-dev)" >&2
  exit 1
fi

# --- 1. build ---------------------------------------------------------------
echo "== fuzz build: $build"
if ! grep -qs '^NLIC_FUZZ:BOOL=ON' "$build/CMakeCache.txt"; then
  mkdir -p "$build"
  CC=clang CXX=clang++ cmake -S "$repo" -B "$build" -DNLIC_FUZZ=ON -DNLIC_BUILD_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$build/configure.log" 2>&1 ||
    { cat "$build/configure.log" >&2; echo "run_all.sh: configure failed" >&2; exit 1; }
fi
if ! cmake --build "$build" --target fuzzers -j"$cores" > "$build/build.log" 2>&1; then
  tail -50 "$build/build.log" >&2
  echo "run_all.sh: build failed (full log: $build/build.log)" >&2
  exit 1
fi
echo "   built in $((SECONDS - start)) s"

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$build/artifacts" "$build/logs"
lf_flags=(-rss_limit_mb=2048 -timeout=10)

# --- 2. regressions -----------------------------------------------------------
declare -A replay
failed=0
for f in "${fuzzers[@]}"; do
  dir=$here/regressions/$f
  mapfile -t files < <(find "$dir" -type f ! -name '*.md' ! -name '.*' 2> /dev/null | sort)
  if [ ${#files[@]} -eq 0 ]; then
    replay[$f]="-"
    continue
  fi
  # One process per file, so a crash in one does not hide the others.
  bad=0
  for file in "${files[@]}"; do
    log=$build/logs/$f.replay.$(basename "$file").log
    if ! "$bin/$f" "${lf_flags[@]}" "$file" > "$log" 2>&1; then
      bad=$((bad + 1))
      echo "!! $f: regression input crashes: ${file#"$repo"/} (log: $log)"
      grep -m3 -E 'ERROR: |runtime error|invariant broken' "$log" | sed 's/^/     /'
    fi
  done
  replay[$f]="$(( ${#files[@]} - bad ))/${#files[@]}"
  [ "$bad" -eq 0 ] || failed=1
done

# --- 3. fuzz ----------------------------------------------------------------
run_one() {
  local f=$1 work=$build/work/$1
  rm -rf "$work"
  mkdir -p "$work/corpus"
  [ -d "$here/corpus/$f" ] && cp -r "$here/corpus/$f/." "$work/corpus/"
  # The outer timeout only guards against a wedged process.
  timeout --signal=KILL $((secs * 2 + 300)) \
    "$bin/$f" "${lf_flags[@]}" -max_total_time="$secs" -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$f-" "$work/corpus" > "$build/logs/$f.log" 2>&1
  echo $? > "$work/rc"
}

echo "== fuzzing ${#fuzzers[@]} targets, ${secs} s each, $parallel at a time"
running=0
for f in "${fuzzers[@]}"; do
  if [ "$running" -ge "$parallel" ]; then
    wait -n
    running=$((running - 1))
  fi
  run_one "$f" &
  running=$((running + 1))
done
wait

# --- 4. summary ---------------------------------------------------------------
final_stat() { sed -n "s/^stat::$1: *//p" "$2" | tail -1; }
printf '\n%-16s %-8s %-8s %12s %9s %7s %7s %8s\n' fuzzer replay result execs exec/s cov corpus rss_mb
for f in "${fuzzers[@]}"; do
  log=$build/logs/$f.log
  rc=$(cat "$build/work/$f/rc" 2> /dev/null || echo "?")
  execs=$(final_stat number_of_executed_units "$log")
  eps=$(final_stat average_exec_per_sec "$log")
  rss=$(final_stat peak_rss_mb "$log")
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<< "$last")
  if [ "$rc" = 0 ]; then
    result=ok
  else
    result="FAIL($rc)"
    failed=1
  fi
  printf '%-16s %-8s %-8s %12s %9s %7s %7s %8s\n' "$f" "${replay[$f]}" "$result" "${execs:--}" \
    "${eps:--}" "${cov:--}" "${corp:--}" "${rss:--}"
done
for f in "${fuzzers[@]}"; do
  rc=$(cat "$build/work/$f/rc" 2> /dev/null || echo "?")
  [ "$rc" = 0 ] && continue
  echo
  echo "!! $f failed (exit $rc); log: $build/logs/$f.log"
  grep -m5 -E 'ERROR: |runtime error|invariant broken|#[0-9]+ 0x.* in nlic' "$build/logs/$f.log" | sed 's/^/     /'
  grep -m1 'Test unit written to' "$build/logs/$f.log" | sed 's/^/     /'
done
echo
echo "fuzz: total $((SECONDS - start)) s; artifacts in $build/artifacts/"
exit $failed
