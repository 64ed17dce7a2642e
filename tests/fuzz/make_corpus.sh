#!/usr/bin/env bash
# Regenerates the committed seed corpora in tests/fuzz/corpus/ from scratch:
# raw seeds (fuzz_seedgen + a PngSuite selection + fixed byte strings), then
# libFuzzer -merge=1 keeps only the inputs that add coverage.
#
#   tests/fuzz/make_corpus.sh [BUILD_DIR]     (default: <repo>/build-fuzz)
#
# Needs the fuzz tree configured (run_all.sh does that). Rerun after a codec
# change makes the .nlic seeds stale (they stay valid inputs either way).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${1:-$repo/build-fuzz}
bin=$build/tests/fuzz
fuzzers=(fuzz_decode fuzz_header fuzz_png fuzz_jpeg fuzz_stb fuzz_pnm fuzz_roundtrip)

cmake --build "$build" --target fuzzers fuzz_seedgen -j"$(nproc)" > /dev/null

raw=$(mktemp -d)
trap 'rm -rf "$raw"' EXIT
for f in "${fuzzers[@]}"; do mkdir -p "$raw/$f"; done

"$bin/fuzz_seedgen" "$repo/testimages" "$raw"

# PNG: every colour type and depth, interlaced, tRNS, text/exif/sBIT/hIST/gAMA
# chunks, odd sizes, and a few of PngSuite's deliberately broken files (x*).
for p in basn0g01 basn0g02 basn0g04 basn0g08 basn0g16 basn2c08 basn2c16 basn3p01 basn3p02 \
         basn3p04 basn4a08 basn6a08 basi0g04 basi3p02 basi2c08 basi4a08 tbbn0g04 tbrn2c08 \
         tp0n3p08 ct1n0g04 ctzn0g04 cs3n2c16 exif2c08 ch1n3p04 g04n0g16 s01n3p01 s03i3p01 \
         oi2n0g16 z09n2c08 xc1n0g08 xcsn0g01 xd0n2c08 xlfn0g04; do
  cp "$repo/testimages/pngsuite/$p.png" "$raw/fuzz_png/"
done
cp "$repo/testimages/pngsuite/basn0g08.png" "$raw/fuzz_stb/"  # stb reads PNG too

# fuzz_roundtrip takes any bytes; a few fixed-length pseudo-random strings.
for n in 8 24 96 400 2000; do
  head -c $((n * 4)) /dev/zero | openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f \
    -iv 0 2>/dev/null | head -c "$n" > "$raw/fuzz_roundtrip/r$n" ||
    awk -v n="$n" 'BEGIN { srand(n); for (i = 0; i < n; i++) printf "%c", int(rand() * 256) }' \
      > "$raw/fuzz_roundtrip/r$n"
done

for f in "${fuzzers[@]}"; do
  rm -rf "${here:?}/corpus/$f"
  mkdir -p "$here/corpus/$f"
  "$bin/$f" -merge=1 -rss_limit_mb=2048 -timeout=10 "$here/corpus/$f" "$raw/$f" > "$raw/$f.log" 2>&1 ||
    { cat "$raw/$f.log"; exit 1; }
  echo "$f: $(ls "$raw/$f" | wc -l) raw -> $(ls "$here/corpus/$f" | wc -l) seeds, $(du -sb "$here/corpus/$f" | cut -f1) bytes"
done
du -sh "$here/corpus"
