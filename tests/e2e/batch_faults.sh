#!/usr/bin/env bash
# Batch work under signals and faults, as a user meets them:
#   - SIGINT during a long sweep: the completed points are printed, exit 130, promptly;
#   - SIGINT during a backtest: the summary of what completed, exit 130;
#   - a second signal ends the process at once;
#   - an error inside a sweep worker (a decimal overflow from a price of 1e-14) is one message
#     naming the sweep point and the game, exit 70: never "terminate called" (exit 134);
#   - stdout on a full device is a failure (exit 1, one "stdout:" line), not a silent success;
#   - --jobs 1, 2 and 3 print byte-identical stdout and stderr.
# Usage: bash tests/e2e/batch_faults.sh PATH/TO/replayer SOURCE_DIR
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 REPLAYER_BINARY SOURCE_DIR" >&2; exit 2; }
bin=$1
data=$(cd "$2/tests/data" && pwd)
[ -x "$bin" ] || { echo "batch_faults: $bin is not an executable; build first" >&2; exit 1; }

tmp=$(mktemp -d)
pid=
cleanup() {
  [ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
fail() { echo "batch_faults: FAIL: $*" >&2; failures=$((failures + 1)); }
now_ms() { date +%s%3N; }

# A grid far too long to finish (about 18,000 points over the bundled games).
long_sweep=(backtest --strategy conservative --jobs 2 --sweep=buy_below=1:3:0.01 --sweep=take_profit_pct=10:100:1 -- "$data")

# stop_after SECONDS SIGNALS... -- ARGS: starts replayer, sends the signals, waits; sets code, ms.
# With may_finish=yes, replayer may end before the signal (the caller checks code).
stop_after() {
  local wait=$1
  shift
  local signals=()
  while [ "$1" != "--" ]; do signals+=("$1"); shift; done
  shift
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null &
  pid=$!
  sleep "$wait"
  kill -0 "$pid" 2>/dev/null || [ "${may_finish:-}" = yes ] || fail "$* ended before the signal"
  local start
  start=$(now_ms)
  for s in "${signals[@]}"; do kill -"$s" "$pid" 2>/dev/null || true; done
  code=0
  wait "$pid" || code=$?
  ms=$(( $(now_ms) - start ))
  pid=
}

stop_after 1 INT -- "${long_sweep[@]}"
points=$(wc -l <"$tmp/out")
[ "$code" -eq 130 ] || fail "sweep + SIGINT: exit $code, expected 130"
[ "$points" -gt 0 ] && [ "$points" -lt 18291 ] || fail "sweep + SIGINT: $points points printed, expected some but not all"
grep -q "interrupted" "$tmp/err" || fail "sweep + SIGINT: no word of the interruption on stderr"
[ "$ms" -lt 5000 ] || fail "sweep + SIGINT: took $ms ms to stop"
echo "batch_faults: sweep stopped $ms ms after SIGINT with $points completed points"

stop_after 1 INT INT -- "${long_sweep[@]}"
[ "$code" -eq 130 ] || fail "sweep + two SIGINTs: exit $code, expected 130"
echo "batch_faults: a second SIGINT ended the sweep in $ms ms"

stop_after 1 TERM -- "${long_sweep[@]}"
[ "$code" -eq 143 ] || fail "sweep + SIGTERM: exit $code, expected 143"

# A backtest long enough to interrupt: the bundled recordings, many times over.
mkdir "$tmp/many"
for i in $(seq 1 3000); do ln -s "$data"/game_20251030_092309.jsonl "$tmp/many/copy_$i.jsonl"; done
may_finish=yes stop_after 0.3 INT -- backtest --strategy conservative --wallet per-game --jobs 2 "$tmp/many"
if [ "$code" -eq 0 ]; then
  echo "batch_faults: the backtest finished before SIGINT (a fast machine); not checked"
else
  [ "$code" -eq 130 ] || fail "backtest + SIGINT: exit $code, expected 130"
  grep -q "^  digest " "$tmp/out" || fail "backtest + SIGINT: no summary of what completed"
  games=$(sed -n 's/^  games *\([0-9]*\).*/\1/p' "$tmp/out")
  echo "batch_faults: backtest stopped $ms ms after SIGINT; summary over ${games:-?} of 3000 games"
fi

# A price of 1e-14: 0.005 SOL buys 5e11 tokens, beyond the exact decimal's range.
cat >"$tmp/tiny.jsonl" <<'LINES'
{"type": "tick", "timestamp": "2025-10-29T17:46:40.752769", "game_id": "tiny-price", "tick": 0, "price": 1e-14, "phase": "PRESALE", "active": false, "rugged": false, "cooldown_timer": 0, "trade_count": 0}
{"type": "tick", "timestamp": "2025-10-29T17:46:41.752769", "game_id": "tiny-price", "tick": 1, "price": 1e-14, "phase": "ACTIVE_GAMEPLAY", "active": true, "rugged": false, "cooldown_timer": 0, "trade_count": 0}
LINES
code=0
"$bin" backtest --strategy aggressive --jobs 2 --sweep=buy_below=1:1.2:0.1 -- "$tmp/tiny.jsonl" "$data" >"$tmp/out" 2>"$tmp/err" || code=$?
[ "$code" -eq 70 ] || fail "overflow in a sweep worker: exit $code, expected 70"
grep -q "sweep point buy_below=1" "$tmp/err" && grep -q "game tiny-price" "$tmp/err" ||
  fail "overflow in a sweep worker: the message does not name the point and the game: $(cat "$tmp/err")"
grep -q "terminate called" "$tmp/err" && fail "overflow in a sweep worker: terminate called"

# Results that cannot be written are a failure, said once: a full disk under `> results.txt`.
if [ -w /dev/full ]; then
  for args in "strategies" "replay --quiet $data" "backtest --strategy conservative $data"; do
    code=0
    # shellcheck disable=SC2086
    "$bin" $args >/dev/full 2>"$tmp/err" || code=$?
    [ "$code" -eq 1 ] || fail "$args > /dev/full: exit $code, expected 1"
    [ "$(grep -c '^replayer: stdout: ' "$tmp/err")" -eq 1 ] || fail "$args > /dev/full: no single 'stdout:' line: $(tail -2 "$tmp/err")"
  done
fi

# --jobs does not change a byte of what is printed.
for wallet in session per-game; do
  for jobs in 1 2 3; do
    "$bin" backtest --strategy aggressive --wallet "$wallet" --jobs "$jobs" "$data" >"$tmp/jobs$jobs.out" 2>"$tmp/jobs$jobs.err"
  done
  for jobs in 2 3; do
    cmp -s "$tmp/jobs1.out" "$tmp/jobs$jobs.out" || fail "$wallet: stdout of --jobs $jobs differs from --jobs 1"
    cmp -s "$tmp/jobs1.err" "$tmp/jobs$jobs.err" || fail "$wallet: stderr of --jobs $jobs differs from --jobs 1"
  done
done

[ "$failures" -eq 0 ] || { echo "batch_faults: $failures checks failed" >&2; exit 1; }
echo "batch_faults: ok"
