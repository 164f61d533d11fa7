#!/usr/bin/env bash
# A sweep split into shards and merged, as docs/cluster.md runs it, on tests/data:
#   - 4 shards run through GNU parallel (`--shard {}/4 --out shard-{}.json`), merged with
#     `replayer merge`: the table and --json equal the unsharded run's byte for byte, and so does
#     `merge --out FILE`;
#   - with --holdout too, the shard index taken from JOB_COMPLETION_INDEX (0-based, so +1);
#   - merge refuses (exit 1, one line naming the file) a missing shard, a shard given twice, a
#     shard of another sweep (another --set) and a file that is not a shard file.
# Skipped (exit 77) without GNU parallel (Debian's `parallel`, installed by scripts/setup.sh).
# Usage: bash tests/e2e/sweep_shards.sh PATH/TO/replayer SOURCE_DIR
set -euo pipefail

fail() { echo "sweep_shards: $*" >&2; exit 1; }

[ $# -eq 2 ] || { echo "usage: $0 REPLAYER_BINARY SOURCE_DIR" >&2; exit 2; }
[ -x "$1" ] || fail "$1 is not an executable; build first (cmake --build --preset release)"
[ -d "$2/tests/data" ] || fail "$2/tests/data is missing"
command -v parallel >/dev/null || { echo "sweep_shards: SKIP: GNU parallel is not installed (scripts/setup.sh)"; exit 77; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
data=$(cd "$2" && pwd)/tests/data

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
checks=0
ok() { checks=$((checks + 1)); }

grid=(--strategy conservative --sweep buy_below=1.1:2:0.1 --sweep take_profit_pct=10:30:10 --sort sharpe)
same() { cmp -s "$1" "$2" || { diff "$1" "$2" | head -5 >&2; fail "$3"; }; }

# 1. The unsharded sweep, table and --json.
"$bin" backtest "${grid[@]}" --jobs 2 "$data" >"$tmp/table.txt" 2>/dev/null || fail "the unsharded sweep failed"
"$bin" backtest "${grid[@]}" --jobs 2 --json "$data" >"$tmp/table.json" 2>/dev/null || fail "the --json sweep failed"
[ "$(wc -l <"$tmp/table.txt")" -eq 30 ] || fail "the grid is not 30 points"

# 2. Four shards through GNU parallel, then the merge.
parallel -j 2 "$bin" backtest "${grid[@]}" --shard {}/4 --out "$tmp/shard-{}.json" "$data" ::: 1 2 3 4 2>"$tmp/shards.err" ||
  { cat "$tmp/shards.err" >&2; fail "a shard failed"; }
grep -qF "replayer: shard 3/4: 7 of 30 points written to $tmp/shard-3.json" "$tmp/shards.err" ||
  { cat "$tmp/shards.err" >&2; fail "shard 3/4 did not say what it wrote"; }
"$bin" merge "$tmp"/shard-{1,2,3,4}.json >"$tmp/merged.txt" || fail "merge failed"
same "$tmp/table.txt" "$tmp/merged.txt" "the merged table differs from the unsharded one"
"$bin" merge --json "$tmp"/shard-{4,2,1,3}.json >"$tmp/merged.json" || fail "merge --json failed"
same "$tmp/table.json" "$tmp/merged.json" "the merged --json differs from the unsharded one"
"$bin" merge --json --out "$tmp/out.json" "$tmp"/shard-*.json >"$tmp/stdout.txt" || fail "merge --out failed"
[ ! -s "$tmp/stdout.txt" ] || fail "merge --out also printed on stdout"
same "$tmp/table.json" "$tmp/out.json" "merge --out wrote another output"
ok

# 3. With --holdout, the shard index from a Kubernetes Indexed Job's 0-based JOB_COMPLETION_INDEX.
"$bin" backtest "${grid[@]}" --holdout 0.25 "$data" >"$tmp/holdout.txt" 2>/dev/null || fail "the holdout sweep failed"
"$bin" backtest "${grid[@]}" --holdout 0.25 --json "$data" >"$tmp/holdout.json" 2>/dev/null
grep -qF "holdout 0.25: the best point by sharpe on the first 9 of 12 games (in-sample), played on the last 3" \
  "$tmp/holdout.txt" || { tail -15 "$tmp/holdout.txt" >&2; fail "no holdout block"; }
mkdir "$tmp/h"
parallel -j 2 "JOB_COMPLETION_INDEX={} && \"$bin\" backtest ${grid[*]} --holdout 0.25 \
  --shard \$((JOB_COMPLETION_INDEX + 1))/4 --out \"$tmp/h/shard-\$JOB_COMPLETION_INDEX.json\" \"$data\"" ::: 0 1 2 3 \
  2>/dev/null || fail "a holdout shard failed"
"$bin" merge "$tmp"/h/shard-*.json >"$tmp/h/merged.txt" || fail "merge of the holdout shards failed"
same "$tmp/holdout.txt" "$tmp/h/merged.txt" "the merged holdout table differs"
"$bin" merge --json "$tmp"/h/shard-*.json >"$tmp/h/merged.json"
same "$tmp/holdout.json" "$tmp/h/merged.json" "the merged holdout --json differs"
ok

# 4. Refusals: exit 1 and one line that names the file and the reason.
refused() {
  local what=$1 expected=$2
  shift 2
  local code=0
  "$bin" merge "$@" >"$tmp/r.out" 2>"$tmp/r.err" || code=$?
  [ "$code" -eq 1 ] || { cat "$tmp/r.err" >&2; fail "$what: exit $code, not 1"; }
  [ "$(wc -l <"$tmp/r.err")" -eq 1 ] || { cat "$tmp/r.err" >&2; fail "$what: not one line"; }
  [ ! -s "$tmp/r.out" ] || fail "$what: printed results"
  grep -qF -- "$expected" "$tmp/r.err" || { cat "$tmp/r.err" >&2; fail "$what: not '$expected'"; }
}
refused "a missing shard" "replayer: merge: shard 3 of 4 missing (given: 1, 2, 4)" "$tmp"/shard-{1,2,4}.json
refused "a shard twice" "replayer: merge: $tmp/shard-2.json: shard 2/4 again ($tmp/shard-2.json is that shard too)" \
  "$tmp"/shard-{1,2,3,4,2}.json
"$bin" backtest "${grid[@]}" --set latency_ticks=1 --shard 2/4 --out "$tmp/other-2.json" "$data" 2>/dev/null
refused "another sweep" "replayer: merge: $tmp/other-2.json: not the same sweep as $tmp/shard-1.json: inputs.run.sets is" \
  "$tmp"/shard-1.json "$tmp/other-2.json" "$tmp"/shard-{3,4}.json
refused "holdout and not" "replayer: merge: $tmp/h/shard-1.json: not the same sweep as $tmp/shard-1.json: inputs.holdout is \"0.25\" here but null" \
  "$tmp"/shard-1.json "$tmp"/h/shard-{1,2,3}.json
first=$(LC_ALL=C ls "$data"/*.jsonl | head -1)
refused "a recording" "replayer: merge: $first: not a sweep shard file" "$first" "$tmp"/shard-*.json
ok

# 5. An interrupted shard leaves no file (nor a temporary one): a merge never takes part of a shard.
mkdir "$tmp/int"
"$bin" backtest --strategy conservative --sweep buy_below=1:3:0.001 --sweep take_profit_pct=10:30:1 --max-points 50000 \
  --shard 1/2 --out "$tmp/int/shard-1.json" "$data" 2>"$tmp/int.err" &
pid=$!
sleep 2
kill -INT "$pid"
code=0
wait "$pid" || code=$?
[ "$code" -eq 130 ] || fail "an interrupted shard: exit $code, not 130"
[ -z "$(ls -A "$tmp/int")" ] || fail "an interrupted shard left $(ls -A "$tmp/int")"
grep -qxF "replayer: interrupted: no shard file was written; run this shard again" "$tmp/int.err" ||
  { cat "$tmp/int.err" >&2; fail "an interrupted shard did not say so"; }
ok

echo "sweep_shards: $checks checks passed"
