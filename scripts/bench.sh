#!/usr/bin/env bash
# Builds the release preset and runs every benchmark (bench/*_bench.cpp -> build/release/bench/),
# printing their figures. Benchmarks assert nothing; docs/benchmarks.md explains the figures.
# Usage: scripts/bench.sh   (each benchmark's own options: run it by hand, e.g.
#        build/release/bench/replay_bench --runs 15)
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset release >/dev/null
cmake --build --preset release

shopt -s nullglob
benches=(build/release/bench/*_bench)
[ ${#benches[@]} -gt 0 ] || { echo "bench: no benchmark was built in build/release/bench" >&2; exit 1; }
echo "bench: $(uname -srm), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
status=0
for bench in "${benches[@]}"; do
  [ -x "$bench" ] || continue
  echo
  echo "== $(basename "$bench")"
  "$bench" || { echo "bench: $(basename "$bench") failed (exit $?)" >&2; status=1; }
done
exit "$status"
