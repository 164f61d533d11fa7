#!/usr/bin/env bash
# `backtest --sweep ... --holdout 0.25` on tests/data (12 files, one game each): the best point
# is picked on the first 9 games and played on the last 3, and both sides are exactly what a
# plain backtest of that point prints for those files (P&L, trades, win rate, drawdown, digest).
# A split that leaves no in-sample game is refused (exit 2, one line).
# Usage: bash tests/e2e/sweep_holdout.sh PATH/TO/replayer SOURCE_DIR
set -euo pipefail

fail() { echo "sweep_holdout: $*" >&2; exit 1; }

[ $# -eq 2 ] || { echo "usage: $0 REPLAYER_BINARY SOURCE_DIR" >&2; exit 2; }
[ -x "$1" ] || fail "$1 is not an executable; build first (cmake --build --preset release)"
[ -d "$2/tests/data" ] || fail "$2/tests/data is missing"
bin=$1
data=$2/tests/data

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mapfile -t files < <(LC_ALL=C ls "$data"/*.jsonl)
[ "${#files[@]}" -eq 12 ] || fail "tests/data does not hold 12 recordings"
grid=(--strategy conservative --sweep buy_below=1.1:2:0.1 --sweep take_profit_pct=10:30:10)
"$bin" backtest "${grid[@]}" --holdout 0.25 --json "$data" >"$tmp/sweep.json" 2>/dev/null || fail "the sweep failed"
"$bin" backtest "${grid[@]}" --holdout 0.25 "$data" >"$tmp/sweep.txt" 2>/dev/null
[ "$(wc -l <"$tmp/sweep.json")" -eq 31 ] || fail "not 30 points and a holdout line"
holdout=$(tail -1 "$tmp/sweep.json")
case $holdout in '{"type": "holdout", "point": '*) ;; *) fail "the last --json line is not the holdout";; esac
point=$(sed -nE 's/^\{"type": "holdout", "point": "([^"]*)".*/\1/p' <<<"$holdout")
# The best point by P&L on the in-sample games is the first line of the table.
[ "$(head -1 "$tmp/sweep.txt" | cut -d' ' -f1-2)" = "$point" ] || fail "the holdout point is not the table's best"
in_sample=$(sed -E 's/.*"in_sample": (\{.*\}), "out_of_sample".*/\1/' <<<"$holdout")
out_of_sample=$(sed -E 's/.*"out_of_sample": (\{.*\})\}$/\1/' <<<"$holdout")

sets=()
for kv in $point; do sets+=(--set "$kv"); done
"$bin" backtest --strategy conservative "${sets[@]}" --json "${files[@]:0:9}" >"$tmp/first9.json" 2>/dev/null
"$bin" backtest --strategy conservative "${sets[@]}" --json "${files[@]:9:3}" >"$tmp/last3.json" 2>/dev/null
field() { sed -nE "s/.*\"$1\": (\"[^\"]*\"|[-0-9.]+).*/\1/p" <<<"$2" | head -1; }
for f in games pnl trades win_rate max_drawdown sharpe digest; do
  [ "$(field "$f" "$in_sample")" = "$(field "$f" "$(cat "$tmp/first9.json")")" ] ||
    fail "in-sample $f $(field "$f" "$in_sample") is not the first 9 games' $(field "$f" "$(cat "$tmp/first9.json")")"
  [ "$(field "$f" "$out_of_sample")" = "$(field "$f" "$(cat "$tmp/last3.json")")" ] ||
    fail "out-of-sample $f $(field "$f" "$out_of_sample") is not the last 3 games' $(field "$f" "$(cat "$tmp/last3.json")")"
done
[ "$(field games "$in_sample")" = 9 ] && [ "$(field games "$out_of_sample")" = 3 ] || fail "not 9 + 3 games"
# The table's block shows the same P&L, to 6 decimals.
grep -E "^  P&L +" "$tmp/sweep.txt" >/dev/null || fail "no P&L row in the holdout block"
echo "sweep_holdout: $point: P&L in-sample $(field pnl "$in_sample"), out-of-sample $(field pnl "$out_of_sample")"

code=0
"$bin" backtest "${grid[@]}" --holdout 0.95 "$data" >/dev/null 2>"$tmp/err" || code=$?
[ "$code" -eq 2 ] || fail "--holdout 0.95 on 12 games: exit $code, not 2"
grep -qxF "replayer: --holdout 0.95: 12 games leave no in-sample game (in-sample = floor(games x (1 - fraction))); use a smaller fraction or more games" "$tmp/err" ||
  { cat "$tmp/err" >&2; fail "--holdout 0.95: not the expected message"; }
echo "sweep_holdout: checks passed"
