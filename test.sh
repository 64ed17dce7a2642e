#!/usr/bin/env bash
# test.sh - the whole test suite.
#   1. ./setup.sh --no-peers: install missing build deps, build Release in build/
#   2. ctest in build/
#   3. ASan+UBSan tree in build-asan/ (-DNLIC_SANITIZE=ON), ctest.  Debug: on 2
#      cores it builds ~3x faster than RelWithDebInfo and the tests still run in
#      seconds; override with NLIC_ASAN_BUILD_TYPE=RelWithDebInfo.
#   4. ThreadSanitizer tree in build-tsan/ (-DNLIC_TSAN=ON), ctest
#   5. libFuzzer: tests/fuzz/run_all.sh 60 (each fuzzer for 60 s)
# Every stage runs even if an earlier one failed; exits non-zero if any failed.
# Works non-interactively (CI=true, no stdin, as root).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
exec </dev/null

JOBS="$(nproc 2>/dev/null || echo 2)"
LOGDIR="$ROOT/build-logs"
mkdir -p "$LOGDIR"
FAILED=()
PASSED_TOTAL=0
FAILED_TOTAL=0
T_START=$SECONDS

stage() { printf '\n======== %s ========\n' "$*"; }
elapsed() { local s=$(( SECONDS - $1 )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# run_ctest NAME DIR: run ctest, print its output, add its counts to the totals.
run_ctest() {
  local name="$1" dir="$2" log="$LOGDIR/ctest-$1.log" rc=0 t=$SECONDS
  ctest --test-dir "$dir" --output-on-failure --no-tests=error -j"$JOBS" 2>&1 |
    tee "$log" || rc=$?
  local line total failed
  line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -1 || true)
  if [[ -n "$line" ]]; then
    failed=$(sed -E 's/.* ([0-9]+) tests? failed out of.*/\1/' <<<"$line")
    total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
    PASSED_TOTAL=$(( PASSED_TOTAL + total - failed ))
    FAILED_TOTAL=$(( FAILED_TOTAL + failed ))
  fi
  echo "[$name] ctest exit $rc in $(elapsed "$t")"
  [[ $rc -eq 0 ]] || FAILED+=("$name: ctest")
}

# ---------------------------------------------------------------- 1. deps + Release
stage "setup: dependencies + Release build (build/)"
t=$SECONDS
RELEASE_OK=1
if ! bash "$ROOT/setup.sh" --no-peers; then
  RELEASE_OK=0
  FAILED+=("release: setup/build")
fi
echo "[release] setup+build in $(elapsed "$t")"

# ---------------------------------------------------------------- 2. Release tests
if [[ $RELEASE_OK == 1 ]]; then
  stage "ctest: Release (build/)"
  run_ctest release build
else
  echo "[release] skipping ctest: build failed"
fi

# ---------------------------------------------------------------- 3. ASan + UBSan
ASAN_BUILD_TYPE="${NLIC_ASAN_BUILD_TYPE:-Debug}"
stage "ASan+UBSan build (build-asan/, $ASAN_BUILD_TYPE)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
t=$SECONDS
if cmake -S . -B build-asan -DCMAKE_BUILD_TYPE="$ASAN_BUILD_TYPE" -DNLIC_SANITIZE=ON &&
   cmake --build build-asan -j"$JOBS"; then
  echo "[asan] build in $(elapsed "$t")"
  stage "ctest: ASan+UBSan (build-asan/)"
  run_ctest asan build-asan
else
  echo "test.sh: ERROR: ASan+UBSan build failed (see above)" >&2
  FAILED+=("asan: build")
fi

# ---------------------------------------------------------------- 4. TSan
# Stripes are coded on a thread pool; ThreadSanitizer checks the codec's
# threaded paths (the round-trip and determinism tests run 1, 2 and all
# threads). The library is small, so a whole-suite TSan run stays cheap.
stage "ThreadSanitizer build (build-tsan/)"
t=$SECONDS
if cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNLIC_TSAN=ON &&
   cmake --build build-tsan -j"$JOBS"; then
  echo "[tsan] build in $(elapsed "$t")"
  stage "ctest: TSan (build-tsan/)"
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 run_ctest tsan build-tsan
else
  echo "test.sh: ERROR: TSan build failed (see above)" >&2
  FAILED+=("tsan: build")
fi

# ---------------------------------------------------------------- 5. fuzzers
# Every decoder entry point and the encode->decode round trip, 60 s each
# (clang, ASan+UBSan, build-fuzz/); regressions/ are replayed first.
# About 5 minutes on 2 cores, which keeps the whole script under 30.
stage "fuzz: libFuzzer, 60 s per target (build-fuzz/)"
if bash tests/fuzz/run_all.sh 60; then :; else FAILED+=("fuzz"); fi

# ---------------------------------------------------------------- summary
stage "summary"
echo "total time: $(elapsed "$T_START"); logs in $LOGDIR/"
if [[ ${#FAILED[@]} -gt 0 ]]; then
  printf 'FAILED: %s\n' "${FAILED[@]}"
fi
echo "total: $PASSED_TOTAL passed, $FAILED_TOTAL failed"
[[ ${#FAILED[@]} -eq 0 ]]
