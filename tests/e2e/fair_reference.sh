#!/usr/bin/env bash
# The C++ provably-fair model against the real thing: the npm package `seedrandom` (pinned in
# tests/reference/package.json) running the model in JavaScript under Node.
#   1. paths.js checks that the JavaScript model reproduces the real games of the shared feed
#      capture, then writes a few hundred reference games (v1, v2, v3, god candles, prices above
#      100, long and non-ASCII seeds); `replayer verify` must accept every one, bit for bit.
#   2. `replayer simulate` writes games for each version; paths.js recomputes them with npm
#      seedrandom and must find the same prices.
# Without the shared feed capture, the real-games check of step 1 cannot run: the rest does, and
# the exit code is then 77 (CTest: skipped) when it passes.
# Usage: bash tests/e2e/fair_reference.sh PATH/TO/replayer SOURCE_DIR [SHARED_DIR]
#        (SHARED_DIR defaults to SOURCE_DIR/../shared)
set -euo pipefail

fail() { echo "fair_reference: $*" >&2; exit 1; }

[ $# -eq 2 ] || [ $# -eq 3 ] || { echo "usage: $0 REPLAYER_BINARY SOURCE_DIR [SHARED_DIR]" >&2; exit 2; }
bin=$1
src=$2
ref=$src/tests/reference
feed=${3:-$src/../shared}/data/feed/gamestate_samples.jsonl

[ -x "$bin" ] || fail "$bin is not an executable; build first (cmake --build --preset release)"
command -v node >/dev/null || fail "node is not installed; install Node.js (>= 18) to run this test"
command -v npm >/dev/null || fail "npm is not installed; install npm to run this test"

if [ ! -f "$ref/node_modules/seedrandom/package.json" ]; then
  echo "fair_reference: installing the pinned seedrandom into $ref/node_modules" >&2
  (cd "$ref" && { npm ci --no-audit --no-fund >&2 || npm install --no-audit --no-fund >&2; }) ||
    fail "npm could not install seedrandom; check network access to the npm registry"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

feed_arg=()
[ -f "$feed" ] && feed_arg=("$feed")
node "$ref/paths.js" generate "$tmp/reference.jsonl" "${feed_arg[@]}" ||
  fail "paths.js could not build the reference games"

passed=0
failed=0

# 1. replayer verifies the reference games.
status=0
"$bin" verify --json "$tmp/reference.jsonl" >"$tmp/verify.jsonl" 2>"$tmp/verify.err" || status=$?
summary=$(grep '"type": "summary"' "$tmp/verify.jsonl" || true)
if [ -z "$summary" ]; then
  cat "$tmp/verify.err" >&2
  fail "replayer verify gave no summary (exit $status); is the verify command wired into $bin?"
fi
verified=$(sed -E 's/.*"verified": ([0-9]+).*/\1/' <<<"$summary")
not_verified=$(sed -E 's/.*"failed": ([0-9]+).*/\1/' <<<"$summary")
passed=$((passed + verified))
failed=$((failed + not_verified))
if [ "$status" -ne 0 ] || [ "$not_verified" -ne 0 ]; then
  echo "fair_reference: replayer disagrees with npm seedrandom on these games:" >&2
  grep '"status": "failed"' "$tmp/verify.jsonl" | head -20 >&2 || true
  cat "$tmp/verify.err" >&2
fi

# 2. npm seedrandom recomputes games replayer simulated.
for version in v1 v2 v3; do
  out=$tmp/sim_$version
  "$bin" simulate --games 200 --seed "reference-$version" --version "$version" --out "$out" >/dev/null ||
    fail "replayer simulate --version $version failed"
  if line=$(node "$ref/paths.js" check "$out/revealed.seeds.jsonl"); then
    passed=$((passed + $(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$line")))
  else
    failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || fail "the C++ model differs from npm seedrandom (see above)"
if [ ${#feed_arg[@]} -eq 0 ]; then
  echo "fair_reference: SKIP: $feed is missing, so the real games were not checked"
  exit 77
fi
