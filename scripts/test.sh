#!/usr/bin/env bash
# The whole test suite: install what is missing, build, run every CTest test.
# This is the README's second quick-start command, and what .ci/run runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
build_dir=${STRATA_BUILD_DIR:-build}
# Without benchmarks keeps the whole run (build + tests) within CI's budget on 2 cores;
# the dev preset and a plain configure build the benchmarks too.
# No debug info either (-O2 as RelWithDebInfo, without -g): a quarter less compile time.
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG" \
  -DSTRATA_BUILD_BENCH=OFF
cmake --build "$build_dir" -j "$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" "$@"
