#!/usr/bin/env bash
# build.sh [--release] DIR [cmake options…]: configures (once) and builds the project in DIR,
# through ccache when it is installed (scripts/deps.sh installs it). The cache is keyed on paths
# relative to the tree, so a clone in another folder hits what an earlier build put there.
# --release: the tree test.sh and demo.sh share, optimised, with line tables (-g1: stack traces
# keep their lines) and unity builds (one translation unit per folder, cmake/InteropUnity.cmake).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
release=()
if [ "${1:-}" = --release ]; then
  release=(-DINTEROP_UNITY=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")
  shift
fi
dir=$1
shift
set -- "${release[@]}" "$@"
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=true CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
fi
if [ ! -f "$dir/build.ninja" ]; then
  cmake -S "$root" -B "$dir" -G Ninja "${launcher[@]}" "$@" >/dev/null
else
  cmake "$dir" "$@" >/dev/null
fi
cmake --build "$dir"
