#!/usr/bin/env bash
# demo.sh - the main job on a bundled image: encode PNG -> .nlic, decode it back
# to PNG, check the pixels are identical, print sizes, ratio and bpsp.
#
#   ./demo.sh [IMAGE]   default: the first testimages/photo_*.png, else
#                       testimages/pngsuite/basn2c08.png
# Needs build/nlic (run ./setup.sh first).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
die() { printf 'demo.sh: ERROR: %s\n' "$*" >&2; exit 1; }

NLIC="$ROOT/build/nlic"
[[ -x "$NLIC" ]] || die "$NLIC not found; run ./setup.sh first"

if [[ $# -ge 1 ]]; then
  IMG="$1"
else
  IMG=""
  for f in testimages/photo_*.png; do [[ -f "$f" ]] && { IMG="$f"; break; }; done
  [[ -n "$IMG" ]] || IMG=testimages/pngsuite/basn2c08.png
fi
[[ -f "$IMG" ]] || die "image '$IMG' not found"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/nlic-demo.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
NL="$TMP/image.nlic"
BACK="$TMP/roundtrip.png"

echo "== encode  $IMG -> $NL (--verify: decode in-process and compare pixels)"
"$NLIC" encode --verify -f "$IMG" "$NL" || die "encode failed (exit $?)"
echo "== decode  $NL -> $BACK"
"$NLIC" decode -f "$NL" "$BACK" || die "decode failed (exit $?)"

# Independent of --verify: read the original PNG and the decoded PNG (both via
# libpng) and encode their pixels only (--strip); the encoder is deterministic,
# so identical .nlic bytes <=> identical pixels, dimensions and colour type.
"$NLIC" encode -q --strip -f "$IMG" "$TMP/a.nlic" || die "encode of original failed"
"$NLIC" encode -q --strip -f "$BACK" "$TMP/b.nlic" || die "encode of decoded PNG failed"
cmp -s "$TMP/a.nlic" "$TMP/b.nlic" ||
  die "decoded PNG differs from the original: NOT lossless"
echo "== pixels identical (encoder --verify, and decoded PNG re-encodes to the same bytes)"

png_bytes=$(stat -c %s "$IMG")
nlic_bytes=$(stat -c %s "$NL")
bpsp=$("$NLIC" info "$NL" | sed -n 's/^file bpsp: *\([0-9.]*\).*/\1/p')
dims=$("$NLIC" info "$NL" | sed -n 's/^dimensions: *\([0-9x]*\).*/\1/p')

echo
printf '%-16s %s\n' "image:" "$IMG ($dims)"
printf '%-16s %d bytes\n' "PNG input:" "$png_bytes"
printf '%-16s %d bytes\n' ".nlic:" "$nlic_bytes"
awk -v n="$nlic_bytes" -v p="$png_bytes" \
  'BEGIN { printf "%-16s %.4f (.nlic is %.1f%% of the PNG; compression gain PNG/nlic %.3fx)\n", "ratio nlic/PNG:", n/p, 100*n/p, p/n }'
printf '%-16s %s bits per subpixel (whole file, from nlic info)\n' "bpsp:" "${bpsp:-?}"
