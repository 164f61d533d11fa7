#!/usr/bin/env bash
# Every bad-input path of the command line: a wrong flag, a missing path, an unreadable file, a
# folder without recordings, a bad --speed, --log-level or --log-format, a bad --config file or
# an unknown key in it. Each must exit 2 with exactly one line `replayer: ...` on stderr (no
# stack trace, nothing on stdout).
# Usage: bash tests/e2e/cli_errors.sh PATH/TO/replayer SOURCE_DIR
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 REPLAYER_BINARY SOURCE_DIR" >&2; exit 2; }
bin=$1
src=$2
data=$src/tests/data
[ -x "$bin" ] || { echo "cli_errors: $bin is not an executable; build first" >&2; exit 1; }
[ -d "$data" ] || { echo "cli_errors: $data is missing" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null || true; rm -rf "$tmp"' EXIT
chmod 755 "$tmp"  # other users must reach it for the unprivileged sub-case below

passed=0
failed=0
skipped=0
one_file=$data/game_20251030_172148_95c3468b.jsonl
config_hint='(keys are option names, e.g. {"log-level": "debug", "replay": {"speed": "2"}})'
speed_hint='is not a speed (use a positive number such as 2 or 0.5, or max)'

# expect NAME EXIT_CODE EXPECTED_STDERR -- COMMAND...
expect() {
  local name=$1 want_code=$2 want_err=$3
  shift 4
  local code=0
  "$@" >"$tmp/out" 2>"$tmp/err" </dev/null || code=$?
  local problems=()
  [ "$code" -eq "$want_code" ] || problems+=("exit code $code, expected $want_code")
  [ "$(cat "$tmp/err")" == "$want_err" ] || problems+=("stderr differs")
  [ "$(wc -l <"$tmp/err")" -eq 1 ] || problems+=("stderr has $(wc -l <"$tmp/err") lines, expected 1")
  [ ! -s "$tmp/out" ] || problems+=("stdout is not empty")
  if [ ${#problems[@]} -eq 0 ]; then
    passed=$((passed + 1))
    return
  fi
  failed=$((failed + 1))
  {
    echo "FAIL $name: ${problems[*]}"
    echo "  command:  $*"
    echo "  expected: $want_err"
    echo "  stderr:   $(sed -n '1p' "$tmp/err")"
    sed -n '2,5s/^/            /p' "$tmp/err"
    [ ! -s "$tmp/out" ] || echo "  stdout:   $(head -c 300 "$tmp/out")"
  } >&2
}

# --- wrong flags and arguments
expect "unknown flag of replay" 2 \
  "replayer: The following argument was not expected: --bogus (see replayer --help)" -- \
  "$bin" replay --bogus "$data"
expect "unknown global flag" 2 \
  "replayer: The following argument was not expected: --bogus (see replayer --help)" -- \
  "$bin" --bogus replay "$data"
expect "no subcommand" 2 "replayer: no command given (commands: replay, check, backtest, strategies, verify, simulate, record, live, fake-server, browser, merge, view; see replayer --help)" -- "$bin"
expect "unknown subcommand" 2 "replayer: unknown command 'frobnicate' (commands: replay, check, backtest, strategies, verify, simulate, record, live, fake-server, browser, merge, view; see replayer --help)" -- "$bin" frobnicate
mkfifo "$tmp/fifo"
expect "a FIFO, not a file" 2 "replayer: $tmp/fifo: not a regular file (give recording files or folders that contain *.jsonl)" -- \
  "$bin" replay "$tmp/fifo"
expect "replay without a path" 2 "replayer: paths is required (see replayer --help)" -- "$bin" replay
expect "--speed without a value" 2 "replayer: --speed: 1 required TEXT missing (see replayer --help)" -- \
  "$bin" replay "$data" --speed

# --- paths
expect "missing file" 2 \
  "replayer: $tmp/none.jsonl: no such file or folder (give recording files or folders that contain *.jsonl)" -- \
  "$bin" replay "$tmp/none.jsonl"
expect "missing file among good ones" 2 \
  "replayer: $tmp/none: no such file or folder (give recording files or folders that contain *.jsonl)" -- \
  "$bin" replay "$one_file" "$tmp/none"
expect "check: missing file" 2 \
  "replayer: $tmp/none.jsonl: no such file or folder (give recording files or folders that contain *.jsonl)" -- \
  "$bin" check "$tmp/none.jsonl"
mkdir -p "$tmp/empty/sub"
echo "not a recording" >"$tmp/empty/sub/notes.txt"
expect "folder without recordings" 2 "replayer: $tmp/empty: folder has no recordings (*.jsonl files)" -- \
  "$bin" replay "$tmp/empty"
expect "check: folder without recordings" 2 "replayer: $tmp/empty: folder has no recordings (*.jsonl files)" -- \
  "$bin" check "$tmp/empty"

# --- an unreadable file. chmod 000 does not stop root, so as root the binary is run as the
# unprivileged user `nobody` (setpriv); failing that, a file even root may not read is used.
cp "$one_file" "$tmp/locked.jsonl"
chmod 000 "$tmp/locked.jsonl"
unreadable_msg() { echo "replayer: $1: cannot read file: Permission denied"; }
if [ "$(id -u)" -ne 0 ]; then
  expect "unreadable file (chmod 000)" 2 "$(unreadable_msg "$tmp/locked.jsonl")" -- "$bin" replay "$tmp/locked.jsonl"
  expect "check: unreadable file (chmod 000)" 2 "$(unreadable_msg "$tmp/locked.jsonl")" -- \
    "$bin" check "$tmp/locked.jsonl"
elif command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" --version >/dev/null 2>&1; then
  echo "cli_errors: running as root: the unreadable-file cases run as nobody (setpriv)"
  as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  expect "unreadable file (chmod 000, as nobody)" 2 "$(unreadable_msg "$tmp/locked.jsonl")" -- \
    "${as_nobody[@]}" "$bin" replay "$tmp/locked.jsonl"
  expect "check: unreadable file (chmod 000, as nobody)" 2 "$(unreadable_msg "$tmp/locked.jsonl")" -- \
    "${as_nobody[@]}" "$bin" check "$tmp/locked.jsonl"
elif [ -e /proc/sys/vm/drop_caches ] && ! cat /proc/sys/vm/drop_caches >/dev/null 2>&1; then
  # Write-only for everyone, root included.
  echo "cli_errors: running as root without setpriv: /proc/sys/vm/drop_caches stands in for an unreadable file"
  expect "unreadable file (/proc/sys/vm/drop_caches)" 2 "$(unreadable_msg /proc/sys/vm/drop_caches)" -- \
    "$bin" replay /proc/sys/vm/drop_caches
else
  echo "SKIP unreadable file: running as root without setpriv and no file here is unreadable to root" >&2
  skipped=$((skipped + 1))
fi

# --- bad values
for speed in abc 0 -1 inf nan 1.5x ""; do
  expect "--speed '$speed'" 2 "replayer: --speed: '$speed' $speed_hint" -- "$bin" replay "$one_file" --speed "$speed"
done
for speed in 1e-300 1e300 0.0001; do
  expect "--speed '$speed'" 2 "replayer: --speed: '$speed' is out of range (0.001 to 1000000, or max)" -- "$bin" replay "$one_file" --speed "$speed"
done
expect "--speed from the environment" 2 "replayer: --speed: 'fast' $speed_hint" -- \
  env REPLAYER_SPEED=fast "$bin" replay "$one_file"
expect "--log-level loud" 2 \
  "replayer: --log-level: unknown level 'loud' (use trace, debug, info, warning or error)" -- \
  "$bin" --log-level loud replay "$one_file"
expect "--log-level in upper case" 2 \
  "replayer: --log-level: unknown level 'DEBUG' (use trace, debug, info, warning or error)" -- \
  "$bin" --log-level DEBUG replay "$one_file"
expect "--log-format xml" 2 "replayer: --log-format: unknown format 'xml' (use text or json)" -- \
  "$bin" --log-format xml replay "$one_file"

# --- --config
printf '{bad' >"$tmp/bad.json"
expect "--config with invalid JSON" 2 "replayer: --config $tmp/bad.json: invalid JSON at column 2: syntax error $config_hint" -- \
  "$bin" --config "$tmp/bad.json" replay "$one_file"
printf '' >"$tmp/empty.json"
expect "--config empty file" 2 "replayer: --config $tmp/empty.json: invalid JSON at column 1: incomplete JSON $config_hint" -- \
  "$bin" --config "$tmp/empty.json" replay "$one_file"
printf '[1, 2]' >"$tmp/array.json"
expect "--config not an object" 2 "replayer: --config $tmp/array.json: the file must hold one JSON object $config_hint" -- \
  "$bin" --config "$tmp/array.json" replay "$one_file"
printf '{"nope": 1}' >"$tmp/unknown.json"
expect "--config unknown key" 2 "replayer: --config $tmp/unknown.json: unknown key 'nope' $config_hint" -- \
  "$bin" --config "$tmp/unknown.json" replay "$one_file"
printf '{"replay": {"nope": true}}' >"$tmp/unknown_nested.json"
expect "--config unknown key of a subcommand" 2 \
  "replayer: --config $tmp/unknown_nested.json: unknown key 'replay.nope' $config_hint" -- \
  "$bin" --config "$tmp/unknown_nested.json" replay "$one_file"
printf '{"replay": {"speed": "fast"}}' >"$tmp/bad_speed.json"
expect "--config with a bad speed" 2 "replayer: --speed: 'fast' $speed_hint" -- \
  "$bin" --config "$tmp/bad_speed.json" replay "$one_file"
printf '{"log-level": "loud"}' >"$tmp/bad_level.json"
expect "--config with a bad log level" 2 \
  "replayer: --log-level: unknown level 'loud' (use trace, debug, info, warning or error)" -- \
  "$bin" --config "$tmp/bad_level.json" replay "$one_file"
expect "--config file missing" 2 "replayer: $tmp/missing.json was not readable (missing?) (see replayer --help)" -- \
  "$bin" --config "$tmp/missing.json" replay "$one_file"

# --- inputs read whole (--strategy, --config, --seeds, verify): regular files only, with a size
# limit. Before, a FIFO hung forever and /dev/zero grew without bound: `timeout` turns a hang
# into a failure (exit 124).
not_regular="not a regular file (a FIFO, a device or a folder)"
head -c $((1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' >"$tmp/huge.json"
for input in "$tmp/fifo" /dev/zero; do
  expect "--strategy $input" 2 "replayer: --strategy $input: $not_regular" -- \
    timeout 10 "$bin" backtest --strategy "$input" "$one_file"
  expect "--config $input" 2 "replayer: --config $input: $not_regular" -- \
    timeout 10 "$bin" --config "$input" replay "$one_file"
  expect "check --seeds $input" 2 \
    "replayer: --seeds $input: $not_regular; give a feed capture or a JSON / JSONL file of revealed games" -- \
    timeout 10 "$bin" check --verify --seeds "$input" "$one_file"
  expect "verify $input" 2 "replayer: $input: $not_regular" -- timeout 10 "$bin" verify "$input"
done
expect "--strategy larger than 1 MiB" 2 "replayer: --strategy $tmp/huge.json: larger than 1024 KiB, the limit for this file" -- \
  "$bin" backtest --strategy "$tmp/huge.json" "$one_file"
expect "--config larger than 1 MiB" 2 "replayer: --config $tmp/huge.json: larger than 1024 KiB" -- \
  "$bin" --config "$tmp/huge.json" replay "$one_file"

# --- outputs never overwrite inputs, and a trade log is never read back as a recording
cp "$one_file" "$tmp/victim.jsonl"
ln -s "$tmp/victim.jsonl" "$tmp/victim_link.jsonl"
expect "--trades is the input" 2 \
  "replayer: --trades $tmp/victim.jsonl: is an input recording ($tmp/victim.jsonl); write outputs to another path" -- \
  "$bin" backtest --strategy conservative --trades "$tmp/victim.jsonl" "$tmp/victim.jsonl"
expect "--equity is the input through a symlink" 2 \
  "replayer: --equity $tmp/victim_link.jsonl: is an input recording ($tmp/victim.jsonl); write outputs to another path" -- \
  "$bin" backtest --strategy conservative --equity "$tmp/victim_link.jsonl" "$tmp/victim.jsonl"
cmp -s "$one_file" "$tmp/victim.jsonl" || { failed=$((failed + 1)); echo "FAIL the input recording was changed" >&2; }
expect "--report is --trades" 2 \
  "replayer: --report $tmp/out.csv: is also the path of --trades; give each output its own path" -- \
  "$bin" backtest --strategy conservative --trades "$tmp/out.csv" --report "$tmp/out.csv" "$one_file"
expect "--trades not named *.trades.jsonl" 2 \
  "replayer: --trades $tmp/log.jsonl: name a trade log OUT.trades.jsonl (folder scans pass over those, so it is never read as a recording) or OUT.csv" -- \
  "$bin" backtest --strategy conservative --trades "$tmp/log.jsonl" "$one_file"
expect "--trades in a missing folder" 2 \
  "replayer: cannot write $tmp/nowhere/t.trades.jsonl: No such file or directory (check the folder exists and is writable)" -- \
  "$bin" backtest --strategy conservative --trades "$tmp/nowhere/t.trades.jsonl" "$one_file"
expect "--trades on a device" 2 \
  "replayer: cannot write /dev/null: not a regular file (a device, a FIFO or a folder) (check the folder exists and is writable)" -- \
  "$bin" backtest --strategy conservative --equity /dev/null "$one_file"

# --- simulate: a non-empty --out is refused (old games would mix with the new seeds); --games bounded
mkdir -p "$tmp/sim" && touch "$tmp/sim/game_old.jsonl"
expect "simulate into a non-empty folder" 2 \
  "replayer: --out $tmp/sim: the folder is not empty (1 entries); give a new or empty folder, or --force to replace the recordings a previous simulate wrote there" -- \
  "$bin" simulate --games 3 --out "$tmp/sim"
expect "simulate --games 2^40" 2 \
  "replayer: --games: Value 1099511627776 not in range 1 to 1000000 (see replayer --help)" -- \
  "$bin" simulate --games 1099511627776 --out "$tmp/sim2"

# --- the good paths next to them still work (so the failures above are about the input)
code=0
printf '{"log-level": "error", "replay": {"quiet": true, "speed": "max"}}' >"$tmp/good.json"
"$bin" --config "$tmp/good.json" replay "$one_file" \
  >"$tmp/out" 2>"$tmp/err" || code=$?
want="replayed 1 files, 1 games, 6 tick lines; 0 bad lines, 0 phase anomalies, 0 incomplete games"
if [ "$code" -eq 0 ] && [ "$(cat "$tmp/out")" == "$want" ] && [ ! -s "$tmp/err" ]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL good --config: exit $code, stdout '$(cat "$tmp/out")', stderr '$(cat "$tmp/err")', expected '$want'" >&2
fi
code=0
version=$("$bin" --version 2>"$tmp/err") || code=$?
if [ "$code" -eq 0 ] && [[ "$version" =~ ^replayer\ [0-9]+\.[0-9]+\.[0-9]+$ ]] && [ ! -s "$tmp/err" ]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL --version: exit $code, stdout '$version'" >&2
fi

echo "cli_errors: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
