#!/usr/bin/env bash
# Batch work under signals and faults, as a user meets them:
#   - SIGINT during a long sweep: the completed points are printed, exit 130, promptly;
#   - SIGINT during a backtest: the summary of what completed, exit 130;
#   - SIGINT during simulate: exit 130, promptly, complete recordings only, no revealed seeds;
#   - a second signal ends the process at once;
#   - a price the exact decimal cannot carry is a bad line; an overflow that still happens ends
#     that game only (named with file, game and tick), in a backtest and a sweep alike;
#   - stdout on a full device is a failure (exit 1, one "stdout: No space left on device" line,
#     also when the write failed mid-run), not a silent success;
#   - a key given twice, a BOM, UTF-16 and NaN are named as such; a file name that is not UTF-8
#     comes out of --json losslessly;
#   - --jobs 1, 2 and 3 print byte-identical stdout and stderr.
# Usage: bash tests/e2e/batch_faults.sh PATH/TO/replayer SOURCE_DIR
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 REPLAYER_BINARY SOURCE_DIR" >&2; exit 2; }
bin=$1
data=$(cd "$2/tests/data" && pwd)
[ -x "$bin" ] || { echo "batch_faults: $bin is not an executable; build first" >&2; exit 1; }

source "$(dirname "$0")/lib/harness.sh"
pid=
harness_begin batch_faults pid
now_ms() { date +%s%3N; }

# A grid far too long to finish (36,491 points over the bundled games: 8 s of a release build on
# a loaded machine completed 7,360).
long_sweep=(backtest --strategy conservative --jobs 2 --max-points 40000 --sweep=buy_below=1:3:0.005 --sweep=take_profit_pct=10:100:1 -- "$data")

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

# Building the grid's points takes seconds under a sanitizer or on a loaded machine (after 2 s no
# point had completed at load 13; under the asan preset, -O0, the points alone took 14 s): the
# sanitizer presets set REPLAYER_TEST_TIME_SCALE (CMakePresets.json) to stretch the wait.
scale=${REPLAYER_TEST_TIME_SCALE:-1}
stop_after $((8 * scale)) INT -- "${long_sweep[@]}"
points=$(wc -l <"$tmp/out")
[ "$code" -eq 130 ] || fail "sweep + SIGINT: exit $code, expected 130"
[ "$points" -gt 0 ] && [ "$points" -lt 36491 ] || fail "sweep + SIGINT: $points points printed, expected some but not all"
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

# Values the exact decimal cannot carry (core/record_limits.hpp): a price of 1e-14 is a bad line
# with FILE:LINE and the range for check, replay and backtest alike.
tick_line() {  # GAME TICK PRICE PHASE
  printf '{"type": "tick", "timestamp": "2025-10-29T17:46:4%d.752769", "game_id": "%s", "tick": %d, "price": %s, "phase": "%s", "active": true, "rugged": false, "cooldown_timer": 0, "trade_count": 0}\n' \
    "$2" "$1" "$2" "$3" "$4"
}
{ tick_line tiny-price 0 1e-14 PRESALE; tick_line tiny-price 1 1e-14 ACTIVE_GAMEPLAY; } >"$tmp/tiny.jsonl"
for cmd in check "replay --quiet" "backtest --strategy aggressive"; do
  code=0
  # shellcheck disable=SC2086
  "$bin" $cmd "$tmp/tiny.jsonl" >"$tmp/out" 2>"$tmp/err" || code=$?
  # A backtest counts a file's bad lines in one line (check lists them).
  grep -q "tiny.jsonl:1: field \"price\" is 1e-14, outside 1e-8 .. 1e9\|tiny.jsonl: 2 bad lines skipped" "$tmp/out" "$tmp/err" ||
    fail "$cmd: a price of 1e-14 is not a bad line: $(cat "$tmp/out" "$tmp/err" | head -3)"
  grep -q "internal error" "$tmp/err" && fail "$cmd: a price of 1e-14 is an internal error"
done
# A jump of 1e17x after a buy (1e-8 to 1e9, both in range) still overflows: that game ends
# there, named with file, game and tick; the other games are played and summed (exit 0).
{ tick_line jump 0 1.0 PRESALE; tick_line jump 1 0.00000001 ACTIVE_GAMEPLAY; tick_line jump 2 0.00000001 ACTIVE_GAMEPLAY
  tick_line jump 3 1000000000 ACTIVE_GAMEPLAY; tick_line jump 4 1.0 ACTIVE_GAMEPLAY; } >"$tmp/jump.jsonl"
for wallet in session per-game; do
  code=0
  "$bin" backtest --strategy aggressive --wallet "$wallet" --jobs 2 "$tmp/jump.jsonl" "$data" >"$tmp/out" 2>"$tmp/err" || code=$?
  [ "$code" -eq 0 ] || fail "overflow ($wallet): exit $code, expected 0: $(tail -2 "$tmp/err")"
  grep -q "jump.jsonl: game jump ended early at tick 3: decimal overflow" "$tmp/err" ||
    fail "overflow ($wallet): the game, file and tick are not named: $(tail -2 "$tmp/err")"
  grep -q "^  digest " "$tmp/out" || fail "overflow ($wallet): no summary"
done
code=0
"$bin" backtest --strategy aggressive --jobs 2 --sweep=buy_below=1:1.2:0.1 -- "$tmp/jump.jsonl" "$data" >"$tmp/out" 2>"$tmp/err" || code=$?
[ "$code" -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 3 ] || fail "overflow in a sweep: exit $code, $(wc -l <"$tmp/out") points"

# Results that cannot be written are a failure, said once: a full disk under `> results.txt`.
if [ -w /dev/full ]; then
  for args in "strategies" "replay --quiet $data" "backtest --strategy conservative $data"; do
    code=0
    # shellcheck disable=SC2086
    "$bin" $args >/dev/full 2>"$tmp/err" || code=$?
    [ "$code" -eq 1 ] || fail "$args > /dev/full: exit $code, expected 1"
    [ "$(grep -c '^replayer: stdout: ' "$tmp/err")" -eq 1 ] && grep -qx 'replayer: stdout: No space left on device' "$tmp/err" ||
      fail "$args > /dev/full: no single 'stdout: No space left on device' line: $(tail -2 "$tmp/err")"
  done
fi

# A write error on an output (RLIMIT_FSIZE stands in for a full disk): the summary is still
# printed, the error names the OS reason, exit 1; the file that was there is left whole and no
# temporary file is left behind.
mkdir "$tmp/outs"
printf 'an earlier good trade log\n' >"$tmp/outs/run.trades.jsonl"
code=0
( trap '' XFSZ; ulimit -f 8; exec "$bin" backtest --strategy aggressive --trades "$tmp/outs/run.trades.jsonl" "$data" ) \
  >"$tmp/out" 2>"$tmp/err" || code=$?
[ "$code" -eq 1 ] || fail "write error: exit $code, expected 1"
grep -q "^  digest " "$tmp/out" || fail "write error: no summary printed"
grep -q "^replayer: cannot write $tmp/outs/run.trades.jsonl: File too large$" "$tmp/err" ||
  fail "write error: the OS reason is not named: $(cat "$tmp/err")"
[ "$(cat "$tmp/outs/run.trades.jsonl")" = "an earlier good trade log" ] || fail "write error: the earlier file was truncated"
[ "$(ls -A "$tmp/outs" | wc -l)" -eq 1 ] || fail "write error: files left behind: $(ls -A "$tmp/outs")"
# A trade log written into the recordings folder is not read back as a recording.
mkdir "$tmp/recs" && cp "$data"/game_20251030_092309.jsonl "$tmp/recs/"
"$bin" backtest --strategy aggressive --trades "$tmp/recs/run.trades.jsonl" "$tmp/recs" >/dev/null 2>&1 ||
  fail "backtest --trades into the recordings folder failed"
code=0
"$bin" check "$tmp/recs" >"$tmp/out" 2>&1 || code=$?
[ "$code" -eq 0 ] && grep -q "^checked 1 files" "$tmp/out" || fail "the trade log is read as a recording: $(tail -1 "$tmp/out")"

# Folder walks never throw: a symlink loop, a symlink to a folder and a file named twice are
# warned about or counted once; the run goes on (before: exit 70 on the loop, games counted twice).
mkdir -p "$tmp/walk/sub"
cp "$data"/game_20251030_092309.jsonl "$tmp/walk/sub/"
ln -s loop.jsonl "$tmp/walk/loop.jsonl"
ln -s "$tmp/walk/sub" "$tmp/walk/linked"
for cmd in "replay --quiet" check "backtest --strategy conservative" "verify"; do
  code=0
  # shellcheck disable=SC2086
  "$bin" $cmd "$tmp/walk" "$tmp/walk/sub/game_20251030_092309.jsonl" "$tmp/walk/" >"$tmp/out" 2>"$tmp/err" || code=$?
  [ "$code" -ne 70 ] || fail "$cmd over a symlink loop: exit 70: $(tail -1 "$tmp/err")"
  grep -q "internal error\|filesystem error" "$tmp/err" && fail "$cmd over a symlink loop: $(tail -1 "$tmp/err")"
  [ "$cmd" = verify ] && continue
  grep -q "loop.jsonl: skipped: Too many levels of symbolic links" "$tmp/out" "$tmp/err" ||
    fail "$cmd: the symlink loop is not warned about: $(cat "$tmp/err" | head -3)"
  grep -q "linked: a symlink to a folder, not followed" "$tmp/out" "$tmp/err" || fail "$cmd: the folder symlink is not named"
done
"$bin" replay --quiet "$tmp/walk" "$tmp/walk/sub/game_20251030_092309.jsonl" "$tmp/walk/" >"$tmp/out" 2>/dev/null || true
grep -q "^replayed 1 files, 1 games, .*; 2 entries skipped$" "$tmp/out" || fail "duplicates or skips miscounted: $(cat "$tmp/out")"
code=0
"$bin" check "$tmp/walk" >/dev/null 2>&1 || code=$?
[ "$code" -eq 1 ] || fail "check with skipped entries: exit $code, expected 1"

# A recording deleted mid-run is warned about and skipped; the run goes on (a paced replay of
# the first file holds the run while the others are deleted).
mkdir "$tmp/gone"
for i in 1 2 3; do cp "$data"/game_20251030_092309.jsonl "$tmp/gone/g$i.jsonl"; done
"$bin" replay --speed 100 "$tmp/gone" >"$tmp/out" 2>"$tmp/err" &
pid=$!
sleep 0.3
rm -f "$tmp/gone/g2.jsonl" "$tmp/gone/g3.jsonl"
code=0
wait "$pid" || code=$?
pid=
if grep -q "^replayed 3 files" "$tmp/out"; then
  echo "batch_faults: the replay finished before the files were deleted (a fast machine); not checked"
else
  [ "$code" -eq 0 ] || fail "a recording deleted mid-run: exit $code, expected 0: $(tail -1 "$tmp/err")"
  grep -q "g3.jsonl: cannot read file: No such file or directory; skipped" "$tmp/err" ||
    fail "a recording deleted mid-run is not named: $(tail -2 "$tmp/err")"
  grep -q "^replayed 1 files, 1 games, .*; 2 entries skipped$" "$tmp/out" || fail "deleted mid-run: $(tail -1 "$tmp/out")"
fi

# Control characters in game ids are escaped in what replay, check and verify print.
evil_id='evil\u001b[2J\u001b]0;owned\u0007'
{ tick_line "$evil_id" 0 1.0 PRESALE; tick_line "$evil_id" 1 1.0 ACTIVE_GAMEPLAY; tick_line "$evil_id" 2 0.00000001 ACTIVE_GAMEPLAY
  tick_line "$evil_id" 3 1.0 'X\u001b[2J'; } >"$tmp/evil.jsonl"
for cmd in "replay" "check"; do
  # shellcheck disable=SC2086
  "$bin" $cmd "$tmp/evil.jsonl" >"$tmp/out" 2>"$tmp/err" || true
  grep -q $'\x1b' "$tmp/out" "$tmp/err" && fail "$cmd prints a raw escape character"
  grep -q '\\x1b\[2J' "$tmp/out" || fail "$cmd does not show the escaped text: $(head -2 "$tmp/out")"
done
printf '{"id": "x\\u001b[2J", "serverSeed": "s", "version": "v3", "prices": [1.0]}\n' >"$tmp/evil_seeds.jsonl"
"$bin" verify "$tmp/evil_seeds.jsonl" >"$tmp/out" 2>"$tmp/err" || true
grep -q $'\x1b' "$tmp/out" "$tmp/err" && fail "verify prints a raw escape character"

# verify of a file of nothing but overlong lines names the file (it used to print "replayer: : ...").
head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' a >"$tmp/long.jsonl"
"$bin" verify "$tmp/long.jsonl" >/dev/null 2>"$tmp/err" || true
grep -q "^replayer: $tmp/long.jsonl:1: line longer than 16 MiB: the file is not JSON" "$tmp/err" ||
  fail "verify of overlong lines: $(tail -1 "$tmp/err")"

# A file of nothing but garbage is a problem for replay (exit 1), not a success.
head -c 3000 /dev/urandom | base64 >"$tmp/garbage.jsonl"
code=0
"$bin" replay --quiet "$tmp/garbage.jsonl" >/dev/null 2>&1 || code=$?
[ "$code" -eq 1 ] || fail "replay of pure garbage: exit $code, expected 1"

# Text that is not what it should be. A key given twice is refused where the second one is (the
# Python recorder kept the last, replayer used to take the first without a word); a byte order
# mark, UTF-16 and Python's NaN get a hint saying what they are: in recordings, rule tables and
# config files alike.
{ printf '\xef\xbb\xbf'; tick_line bom 0 1.0 PRESALE; tick_line bom 1 1.0 ACTIVE_GAMEPLAY; } >"$tmp/bom.jsonl"
{ tick_line odd 0 1.0 PRESALE | sed 's/}$/, "price": 2.0}/'; tick_line odd 1 NaN ACTIVE_GAMEPLAY; } >"$tmp/odd.jsonl"
code=0
"$bin" check "$tmp/bom.jsonl" "$tmp/odd.jsonl" >"$tmp/out" 2>&1 || code=$?
[ "$code" -eq 1 ] || fail "check of a BOM, a key twice and NaN: exit $code, expected 1"
for want in "bom.jsonl:1: invalid JSON at column 1: syntax error; it starts with a UTF-8 byte order mark" \
            "odd.jsonl:1: invalid JSON at column 196: an object holds the same key twice" \
            "odd.jsonl:2: invalid JSON at column 99: syntax error; NaN and Infinity are not JSON"; do
  grep -qF "$want" "$tmp/out" || fail "check does not say '$want': $(grep -m 3 'jsonl:' "$tmp/out")"
done
if command -v iconv >/dev/null; then
  iconv -f UTF-8 -t UTF-16 "$data"/game_20251030_092309.jsonl >"$tmp/utf16.jsonl"
  "$bin" check "$tmp/utf16.jsonl" >"$tmp/out" 2>&1 || true
  grep -q "utf16.jsonl:1: invalid JSON at column 1: syntax error; .* looks like UTF-16: convert it to UTF-8" "$tmp/out" ||
    fail "check of a UTF-16 recording gives no hint: $(grep -m 1 'jsonl:1:' "$tmp/out")"
fi
printf '{"name": "twice", "name": "again", "rules": []}' >"$tmp/twice.json"
code=0
"$bin" backtest --strategy "$tmp/twice.json" "$data" >/dev/null 2>"$tmp/err" || code=$?
[ "$code" -eq 2 ] && grep -q "twice.json: invalid JSON at .*: an object holds the same key twice" "$tmp/err" ||
  fail "--strategy with a key twice: exit $code: $(cat "$tmp/err")"
printf '{\n  "replay": {\n    "speed": "2",\n    "speed": "50"\n  }\n}\n' >"$tmp/twice_config.json"
{ printf '\xef\xbb\xbf'; printf '{"replay": {"speed": "2"}}'; } >"$tmp/bom_config.json"
for config in "twice_config.json: invalid JSON at line 4, column 5: an object holds the same key twice" \
              "bom_config.json: invalid JSON at column 1: syntax error; it starts with a UTF-8 byte order mark"; do
  code=0
  "$bin" --config "$tmp/${config%%:*}" replay --quiet "$data" >/dev/null 2>"$tmp/err" || code=$?
  [ "$code" -eq 2 ] && grep -qF "replayer: --config $tmp/$config" "$tmp/err" ||
    fail "--config ${config%%:*}: exit $code: $(cat "$tmp/err")"
done

# A file name that is not UTF-8 comes out of --json losslessly, as Python's surrogateescape
# holds it (0xE9 as \udce9): it used to swallow the bytes after it.
cp "$data"/game_20251030_092309.jsonl "$tmp/caf"$'\xe9'".jsonl"
"$bin" replay --json "$tmp/caf"$'\xe9'".jsonl" >"$tmp/out" 2>/dev/null || fail "replay --json of a Latin-1 file name failed"
grep -qF "\"file\": \"$tmp/caf\\udce9.jsonl\"" "$tmp/out" || fail "a Latin-1 file name in --json: $(grep -o '"file": "[^"]*"' "$tmp/out" | head -1)"

# simulate: SIGINT stops it promptly (it used to run to the end when started in the background,
# where SIGINT is ignored until a handler is set): exit 130, every recording written complete,
# no .part file, and no revealed.seeds.jsonl, whose games would not match the recordings.
# --force replaces what an earlier run wrote.
stop_after 0.5 INT -- simulate --games 1000000 --threads 2 --out "$tmp/sim"
[ "$code" -eq 130 ] || fail "simulate + SIGINT: exit $code, expected 130"
[ "$ms" -lt 5000 ] || fail "simulate + SIGINT: took $ms ms to stop"
grep -q "^replayer: interrupted: [0-9]* recordings* written to .*, but not revealed.seeds.jsonl" "$tmp/err" ||
  fail "simulate + SIGINT: $(tail -1 "$tmp/err")"
[ ! -e "$tmp/sim/revealed.seeds.jsonl" ] || fail "simulate + SIGINT wrote revealed.seeds.jsonl"
[ -z "$(find "$tmp/sim" -name '*.part')" ] || fail "simulate + SIGINT left .part files"
# The last byte of every recording left is a newline (a truncated one would end mid-line).
unfinished=$(find "$tmp/sim" -name '*.jsonl' -exec tail -qc1 {} + | tr -d '\n' | wc -c)
[ "$unfinished" -eq 0 ] || fail "simulate + SIGINT left $unfinished truncated files"
echo "batch_faults: simulate stopped $ms ms after SIGINT with $(find "$tmp/sim" -name '*.jsonl' | wc -l) recordings"
"$bin" simulate --games 3 --seed a --out "$tmp/sim2" >/dev/null
"$bin" simulate --games 2 --seed b --force --out "$tmp/sim2" >/dev/null || fail "simulate --force into its own folder failed"
code=0
"$bin" check --verify "$tmp/sim2" >"$tmp/out" 2>&1 || code=$?
[ "$code" -eq 0 ] && grep -q "^checked 2 files, .*2 games verified against seeds, 0 failed$" "$tmp/out" ||
  fail "simulate --force kept old games: $(tail -1 "$tmp/out")"

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

harness_end
