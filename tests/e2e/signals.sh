#!/usr/bin/env bash
# Stopping a paced replay: SIGINT exits 130 and SIGTERM exits 143, promptly, and the summary
# line (marked interrupted) is still printed, in text and in --json.
# Usage: bash tests/e2e/signals.sh PATH/TO/replayer SOURCE_DIR
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 REPLAYER_BINARY SOURCE_DIR" >&2; exit 2; }
bin=$1
src=$2
# The first game of this recording lasts minutes at --speed 1 (it starts with the cooldown).
recording=$src/tests/data/game_20251029_185706.jsonl
second=$src/tests/data/game_20251030_172148_95c3468b.jsonl
[ -x "$bin" ] || { echo "signals: $bin is not an executable; build first" >&2; exit 1; }
[ -f "$recording" ] || { echo "signals: $recording is missing" >&2; exit 1; }

tmp=$(mktemp -d)
pid=
cleanup() {
  [ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

passed=0
failed=0
text_summary="interrupted after 1 files, 0 games, 0 tick lines; 0 bad lines, 0 phase anomalies, 0 incomplete games"
json_summary='{"type": "summary", "files": 1, "games": 0, "tick_lines": 0, "bad_lines": 0, "phase_anomalies": 0, "incomplete_games": 0, "interrupted": true}'

now_ms() { date +%s%3N; }

# interrupt NAME SIGNAL EXPECTED_CODE EXPECTED_STDOUT -- REPLAYER_ARGS...
interrupt() {
  local name=$1 signal=$2 want_code=$3 want_out=$4
  shift 5
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null &
  pid=$!
  sleep 1
  local problems=()
  if ! kill -0 "$pid" 2>/dev/null; then
    problems+=("the replay ended by itself before the signal")
  fi
  local sent
  sent=$(now_ms)
  kill "-$signal" "$pid" 2>/dev/null || true
  # Wait at most 5 s for it to exit.
  local waited=0
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 50 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    problems+=("still running 5 s after SIG$signal")
    kill -KILL "$pid" 2>/dev/null || true
  fi
  local code=0
  wait "$pid" || code=$?
  pid=
  local took=$(($(now_ms) - sent))
  [ "$code" -eq "$want_code" ] || problems+=("exit code $code, expected $want_code")
  [ "$took" -lt 2000 ] || problems+=("took $took ms to stop, expected well under 2 s")
  [ "$(cat "$tmp/out")" == "$want_out" ] || problems+=("stdout differs")
  [ ! -s "$tmp/err" ] || problems+=("stderr is not empty")
  if [ ${#problems[@]} -eq 0 ]; then
    passed=$((passed + 1))
    echo "ok   $name: exit $code after $took ms"
    return
  fi
  failed=$((failed + 1))
  {
    echo "FAIL $name: ${problems[*]}"
    echo "  command:  $bin $*"
    echo "  expected: $want_out"
    echo "  stdout:   $(head -c 500 "$tmp/out")"
    echo "  stderr:   $(head -c 500 "$tmp/err")"
  } >&2
}

interrupt "SIGINT, paced replay" INT 130 "$text_summary" -- replay --speed 1 "$recording"
interrupt "SIGTERM, paced replay" TERM 143 "$text_summary" -- replay --speed 1 "$recording"
interrupt "SIGINT, paced replay, --json" INT 130 "$json_summary" -- replay --speed 1 --json "$recording"
interrupt "SIGTERM, paced replay, --json" TERM 143 "$json_summary" -- replay --speed 1 --json "$recording"
# The second file is never started.
interrupt "SIGINT, two files" INT 130 "$text_summary" -- replay --speed 1 "$recording" "$second"

echo "signals: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
