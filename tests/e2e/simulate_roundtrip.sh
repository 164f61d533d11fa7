#!/usr/bin/env bash
# `replayer simulate` output is usable by every command that reads recordings or seeds:
#   1. the same --seed gives byte-identical folders;
#   2. `verify DIR` accepts every revealed game (it finds revealed.seeds.jsonl in the folder);
#   3. `check --verify DIR` compares every recording with its seed and finds them all right, and
#      one price digit changed in one recording is named with its file, game and tick;
#   4. `backtest DIR` and `replay DIR` read the recordings and leave revealed.seeds.jsonl alone
#      (no bad lines).
# Usage: bash tests/e2e/simulate_roundtrip.sh PATH/TO/replayer SOURCE_DIR
set -euo pipefail

fail() { echo "simulate_roundtrip: FAIL: $*" >&2; exit 1; }

[ $# -eq 2 ] || { echo "usage: $0 REPLAYER_BINARY SOURCE_DIR" >&2; exit 2; }
bin=$1
[ -x "$bin" ] || fail "$bin is not an executable; build first (cmake --build --preset release)"

games=50
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dir=$tmp/a

# Runs the binary; its exit code goes to $status, stdout and stderr to $tmp/out and $tmp/err.
run() {
  status=0
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
}
show() { echo "--- stdout:" >&2; head -20 "$tmp/out" >&2; echo "--- stderr:" >&2; head -20 "$tmp/err" >&2; }

# 1. Deterministic: two runs, byte-identical trees.
run simulate --games $games --seed x --out "$dir"
[ "$status" -eq 0 ] || { show; fail "simulate exited $status"; }
run simulate --games $games --seed x --out "$tmp/b"
[ "$status" -eq 0 ] || { show; fail "second simulate exited $status"; }
diff -r "$dir" "$tmp/b" >"$tmp/diff" || { head -20 "$tmp/diff" >&2; fail "the same --seed gave different files"; }
[ -f "$dir/revealed.seeds.jsonl" ] || fail "simulate wrote no $dir/revealed.seeds.jsonl"
[ ! -e "$dir/games.jsonl" ] || fail "simulate still writes games.jsonl; the revealed games belong in revealed.seeds.jsonl"
recordings=$(find "$dir" -name 'game_*.jsonl' | wc -l)
[ "$recordings" -eq $games ] || fail "expected $games recordings in $dir, found $recordings"

# 2. verify DIR.
run verify "$dir"
[ "$status" -eq 0 ] || { show; fail "verify $dir exited $status, expected 0"; }
grep -q "^$games games: $games verified, 0 failed" "$tmp/out" || { show; fail "verify did not verify all $games games"; }

# 3. check --verify DIR.
run check --verify "$dir"
[ "$status" -eq 0 ] || { show; fail "check --verify exited $status, expected 0"; }
summary=$(tail -1 "$tmp/out")
expected_summary="^checked $games files, [0-9]* lines ([0-9]* tick lines), $games games (0 without a rug, 0 started mid-game, 0 with gaps: 0 price ticks missing), 0 warnings: 0 bad lines in 0 files, 0 phase anomalies"
expected_summary+=", $games games verified against seeds, 0 failed$"
grep -q "$expected_summary" <<<"$summary" ||
  { show; fail "check --verify summary is not what was expected: $summary"; }
[ "$(wc -l <"$tmp/out")" -eq 1 ] || { show; fail "check --verify printed problems for untouched recordings"; }

# Without --verify the seeds file is no recording either.
run check "$dir"
[ "$status" -eq 0 ] || { show; fail "check exited $status, expected 0 (is revealed.seeds.jsonl read as a recording?)"; }

# One price digit changed in one recording: tick 1 of the 5th file (every game has tick 0 = 1.0;
# tick 1 exists when the game did not rug at once, so pick a game that has it).
victim=""
while IFS= read -r f; do
  if grep -q '"tick": 1, "price": [0-9.e+-]*, "phase": "ACTIVE_GAMEPLAY", "active": true, "rugged": false' "$f"; then
    victim=$f
    break
  fi
done < <(find "$dir" -name 'game_*.jsonl' | sort | tail -n +5)
[ -n "$victim" ] || fail "no simulated game reached tick 1; cannot tamper with a price"
line=$(grep -n '"tick": 1, "price": [0-9.e+-]*, "phase": "ACTIVE_GAMEPLAY"' "$victim" | head -1)
lineno=${line%%:*}
price=$(sed -E 's/.*"tick": 1, "price": ([0-9.e+-]+),.*/\1/' <<<"$line")
# Change the first digit after the point. (Not the last one: a neighbour of the shortest text can
# still read back as the same double, and prices are compared as doubles.) Tick 1 is within 25 %
# of 1.0, so the text is plain D.DDD...
[[ $price =~ ^[0-9]+\.[0-9]+$ ]] || fail "unexpected price text at tick 1 of $victim: $price"
int_part=${price%%.*}
fraction=${price#*.}
changed="$int_part.$(( (${fraction:0:1} + 1) % 10 ))${fraction:1}"
sed -i "${lineno}s/\"price\": $price,/\"price\": $changed,/" "$victim"
grep -q "\"price\": $changed," "$victim" || fail "could not edit the price on line $lineno of $victim"
game_id=$(sed -n "${lineno}p" "$victim" | sed -E 's/.*"game_id": "([^"]+)".*/\1/')

run check --verify "$dir"
[ "$status" -eq 1 ] || { show; fail "check --verify exited $status after a price was changed, expected 1"; }
expected="$victim: game $game_id: tick 1: recorded $changed, the seed gives $price"
grep -qxF "$expected" "$tmp/out" || { show; fail "check --verify did not report: $expected"; }
grep -q ", $((games - 1)) games verified against seeds, 1 failed$" "$tmp/out" ||
  { show; fail "check --verify summary does not count one failed game"; }
cp "$tmp/b/$(basename "$victim")" "$victim"  # back to the untouched copy

# 4. backtest and replay read the folder without bad lines.
run backtest --strategy conservative "$dir" --json
[ "$status" -eq 0 ] || { show; fail "backtest exited $status, expected 0"; }
if grep -E '\.jsonl:[0-9]+: ' "$tmp/err" >/dev/null; then
  show
  fail "backtest reported bad lines on stderr"
fi
grep -q "\"games\": $games," "$tmp/out" || { show; fail "backtest did not play $games games"; }

run replay "$dir" --quiet
[ "$status" -eq 0 ] || { show; fail "replay exited $status, expected 0"; }
grep -q "^replayed $games files, $games games, [0-9]* tick lines; 0 bad lines" "$tmp/out" ||
  { show; fail "replay did not report $games games and 0 bad lines"; }

echo "simulate_roundtrip: all checks passed ($games games)"
