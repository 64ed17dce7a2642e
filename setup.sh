#!/usr/bin/env bash
# setup.sh - install what nlic needs (Debian 12 packages, apt-get only) and build
# a Release tree in build/.  Idempotent: packages already installed are left
# alone, `apt-get update` runs only when something is missing, and the build is
# incremental.
#
#   ./setup.sh              install build deps + benchmark peers, build Release
#   ./setup.sh --no-peers   skip the peer tools (cwebp, cjxl, optipng)
#   ./setup.sh --deps-only  install only, do not configure/build
#   ./setup.sh --dry-run    print what would be installed; change nothing
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

die() { printf 'setup.sh: ERROR: %s\n' "$*" >&2; exit 1; }
say() { printf 'setup.sh: %s\n' "$*"; }

usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

WANT_PEERS=1
BUILD=1
DRY_RUN=0
for arg in "$@"; do
  case "$arg" in
    --no-peers)  WANT_PEERS=0 ;;
    --deps-only) BUILD=0 ;;
    --dry-run)   DRY_RUN=1; BUILD=0 ;;
    -h|--help)   usage; exit 0 ;;
    *)           usage >&2; die "unknown argument '$arg'" ;;
  esac
done

# Build + test dependencies.  libdnnl-dev is for the planned neural predictor;
# clang + libclang-rt-14-dev for the sanitizer/fuzzer trees (libFuzzer).
BUILD_PKGS=(build-essential cmake pkg-config libpng-dev zlib1g-dev
            libjpeg62-turbo-dev libdnnl-dev libstb-dev libgtest-dev
            clang libclang-rt-14-dev)
# Peers for `nlic bench --peers` (cwebp, cjxl/djxl, optipng).
PEER_PKGS=(webp libjxl-tools optipng)

PKGS=("${BUILD_PKGS[@]}")
if [[ $WANT_PEERS == 1 ]]; then PKGS+=("${PEER_PKGS[@]}"); fi

command -v dpkg-query >/dev/null 2>&1 ||
  die "dpkg-query not found: this script supports Debian/Ubuntu (apt) only; install by hand: ${PKGS[*]}"

is_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

MISSING=()
for p in "${PKGS[@]}"; do
  is_installed "$p" || MISSING+=("$p")
done

if [[ ${#MISSING[@]} -eq 0 ]]; then
  say "all ${#PKGS[@]} packages already installed"
elif [[ $DRY_RUN == 1 ]]; then
  say "would install: ${MISSING[*]}"
else
  say "missing packages: ${MISSING[*]}"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install by hand: ${MISSING[*]}"
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 ||
      die "not root and sudo is not installed; as root run: apt-get install ${MISSING[*]}"
    SUDO=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  say "apt-get update"
  "${SUDO[@]}" apt-get update -q ||
    die "'apt-get update' failed (network? apt sources?)"
  say "apt-get install ${MISSING[*]}"
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${MISSING[@]}" ||
    die "'apt-get install ${MISSING[*]}' failed (see apt's message above)"
  STILL=()
  for p in "${MISSING[@]}"; do is_installed "$p" || STILL+=("$p"); done
  [[ ${#STILL[@]} -eq 0 ]] || die "still not installed after apt-get: ${STILL[*]}"
  say "installed: ${MISSING[*]}"
fi

[[ $BUILD == 1 ]] || exit 0

JOBS="$(nproc 2>/dev/null || echo 2)"
say "configure Release -> build/"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release ||
  die "cmake configure failed (see above); try 'rm -rf build' if the cache is stale"
say "build (-j$JOBS)"
cmake --build build -j"$JOBS" || die "build failed (see compiler errors above)"
[[ -x build/nlic ]] || die "build finished but build/nlic is missing"
say "done: $(build/nlic --version)  (binary: build/nlic, tests: build/tests/nlic_tests)"
