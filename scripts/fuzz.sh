#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/*_fuzz.cpp, the `fuzz` preset: clang, ASan + UBSan)
# and runs each for a bounded time, seeded from the lines of tests/data and ../shared/data (when
# present) and from tests/fuzz/regressions/TARGET (inputs that once failed: each is replayed
# first). Exits non-zero when a fuzzer finds a crash, a sanitizer report, an uncaught exception or
# a broken invariant; the input that did it is left in build/fuzz/artifacts/.
# Usage: scripts/fuzz.sh [SECONDS_PER_FUZZER [TARGET...]]   (default 60 s, every target; or
#        FUZZ_SECONDS=...). FUZZ_JOBS=N runs N targets side by side (default: the core count);
#        FUZZ_NICE=19 runs them at the lowest priority; FUZZ_BUILD=0 runs the targets as built
#        (two runs side by side must not both build).
# Needs clang and its libFuzzer runtime: scripts/setup.sh --fuzz installs them.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(record_fuzz record_diff_fuzz decimal_fuzz backtest_fuzz rule_table_fuzz revealed_fuzz config_fuzz
             game_state_fuzz socketio_codec_fuzz cdp_message_fuzz)
seconds=${1:-${FUZZ_SECONDS:-60}}
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || { echo "fuzz: '$seconds' is not a number of seconds" >&2; exit 2; }
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ " ${all_targets[*]} " == *" $t "* ]] || { echo "fuzz: no target '$t' (targets: ${all_targets[*]})" >&2; exit 2; }
done
command -v clang++ >/dev/null || { echo "fuzz: clang++ is missing; run scripts/setup.sh --fuzz" >&2; exit 1; }

if [ "${FUZZ_BUILD:-1}" = 1 ]; then
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz --target "${targets[@]}"
fi

build=build/fuzz
work=$build/fuzzing-$$
trap 'rm -rf "$work"' EXIT
mkdir -p "$work" "$build/artifacts"
for t in "${targets[@]}"; do mkdir -p "$build/corpus/$t"; done
shared=../shared/data

# Seeds. record_fuzz and record_diff_fuzz: one line per file, every distinct kind of line in
# tests/data (the first lines of each file, their corrupt lines, every non-tick record).
# decimal_fuzz: a limit byte followed by a few lines of prices, timestamps and records.
seed_record=$work/seed_record
seed_decimal=$work/seed_decimal
mkdir -p "$seed_record" "$seed_decimal"
n=0
for f in tests/data/*.jsonl; do
  { head -n 40 "$f"; grep -v '"type": "tick"' "$f" || true; grep -v '^{"type": "[a-z_]*", ' "$f" || true; } |
    while IFS= read -r line; do
      n=$((n + 1))
      printf '%s' "$line" >"$seed_record/$(printf '%s' "$line" | cksum | cut -d' ' -f1)"
    done
done
i=0
for f in tests/data/*.jsonl; do
  i=$((i + 1))
  { printf '\x40'; head -n 3 "$f"; } >"$seed_decimal/lines_$i"
  { printf '\xff'; grep -o -m 20 '"price": [^,]*' "$f" | cut -d' ' -f2; } >"$seed_decimal/prices_$i"
  { printf '\x1f'; grep -o -m 5 '"timestamp": "[^"]*"' "$f" | cut -d'"' -f4; } >"$seed_decimal/times_$i"
done
# The shared recordings: the kinds of line of every 20th file (its first lines and every
# record that is not a tick).
if [ -d "$shared/recordings" ]; then
  find "$shared/recordings" -name '*.jsonl' | sort | awk 'NR % 20 == 1' | while read -r f; do
    { head -n 3 "$f"; grep -v '"type": "tick"' "$f" | head -n 20 || true; } |
      while IFS= read -r line; do
        printf '%s' "$line" >"$seed_record/$(printf '%s' "$line" | cksum | cut -d' ' -f1)"
      done
  done
fi
printf '\x08%s\r\n%s\n\n%s' "170141183460.469231731687303715884105727" "-1e-05" "0.0000000000000000000000000015" \
  >"$seed_decimal/edges"

# cdp_message_fuzz: a setup byte, then CDP messages one per line, as Chrome sends them (replies,
# errors, events of a flattened session) and a few it never should.
seed_cdp=$work/seed_cdp
mkdir -p "$seed_cdp"
printf '\x00%s\n%s\n%s\n%s' '{"id":1,"result":{}}' \
  '{"id":2,"result":{"result":{"type":"string","value":"rugs.fun"}},"sessionId":"8C5F1E2A"}' \
  '{"id":3,"error":{"code":-32601,"message":"Nope.nope was not found"}}' \
  '{"method":"Network.webSocketFrameReceived","params":{"requestId":"1.2","timestamp":12.5,"response":{"opcode":1,"mask":false,"payloadData":"42[\"playerUpdate\",{\"cash\":1.5}]"}},"sessionId":"8C5F1E2A"}' \
  >"$seed_cdp/chrome"
printf '\x0c%s\n%s\n%s\n%s\n%s' '{"id":1,"result":{}}' '{"id":1,"result":{}}' '{"id":99,"result":{}}' \
  '{"id":-1}' '{"method":"Target.attachedToTarget","params":{"sessionId":"A","targetInfo":{"targetId":"T","type":"page","url":"https://rugs.fun/"}}}' \
  >"$seed_cdp/stray"
printf '\x13%s\n%s\n%s' '[1,2]' '{"id":1.5,"result":{}}' '{"method":"A.b","params":{"a":{"b":{"c":[[[1]]]}}}}' >"$seed_cdp/refused"

# backtest_fuzz: a setup byte (latency, balance), then the first lines of a recording, and the
# recordings the issue found overflowing (a tiny price; a 1e17x jump after a buy).
seed_backtest=$work/seed_backtest
mkdir -p "$seed_backtest"
i=0
for f in tests/data/*.jsonl; do
  i=$((i + 1))
  { printf '\x0%d' $((i % 8)); head -c 3500 "$f" | head -n -1; } >"$seed_backtest/head_$i"
done
if [ -d "$shared/recordings" ]; then
  find "$shared/recordings" -name '*.jsonl' | sort | awk 'NR % 40 == 7' | while read -r f; do
    { printf '\x01'; head -c 3500 "$f" | head -n -1; } >"$seed_backtest/shared_$(basename "$f" .jsonl)"
  done
fi
jump_tick() { printf '{"type": "tick", "timestamp": "2025-10-29T17:46:4%d.752769", "game_id": "g", "tick": %d, "price": %s, "phase": "ACTIVE_GAMEPLAY", "active": true, "rugged": false, "cooldown_timer": 0, "trade_count": 0}\n' "$1" "$1" "$2"; }
{ printf '\x00'; jump_tick 0 1.0; jump_tick 1 0.00000001; jump_tick 2 0.00000001; jump_tick 3 1000000000; } >"$seed_backtest/jump"
{ printf '\x05'; jump_tick 0 1e-14; jump_tick 1 1e-14; jump_tick 2 100000; } >"$seed_backtest/tiny"

# rule_table_fuzz: the built-in tables. revealed_fuzz: revealed games as simulate writes them,
# and a feed capture's lines.
seed_rules=$work/seed_rules
seed_revealed=$work/seed_revealed
mkdir -p "$seed_rules" "$seed_revealed"
cp strategies/*.json "$seed_rules/"
if [ -d "$shared/feed" ]; then
  find "$shared/feed" -name '*.jsonl' | sort | head -n 3 | while read -r f; do
    grep -m 2 'gameHistory' "$f" | head -c 4000 >"$seed_revealed/feed_$(basename "$f")" || true
  done
fi
printf '%s' '{"id": "20251029-abc", "serverSeed": "0169a2a1090cb0daca81", "serverSeedHash": "x", "version": "v3", "prices": [1.0, 1.02, 0.98]}' \
  >"$seed_revealed/game"
printf '%s' '[{"id": "a", "serverSeed": "s", "version": "v1", "prices": [1.0]}, {"id": "b", "serverSeed": "t", "version": "v2"}]' \
  >"$seed_revealed/array"

# config_fuzz: config files as a user writes them, one of each kind of value.
seed_config=$work/seed_config
mkdir -p "$seed_config"
printf '%s' '{"log-level": "debug", "replay": {"speed": "2", "quiet": true, "jobs": 2, "fee": 0.01}}' >"$seed_config/nested"
printf '%s\n' '{' '  "replay": {' '    "paths": ["tests/data", "more"],' '    "set": ["fee_rate=0.01", "latency_ticks=2"],' \
  '    "speed": "max"' '  }' '}' >"$seed_config/pretty"
printf '%s' '{"replay": {"speed": 1e-300, "jobs": 0, "nope": null}}' >"$seed_config/refused"

# game_state_fuzz: the feed's gameStateUpdate payloads, two after one another (a game moving on).
# socketio_codec_fuzz: the same as Socket.IO event frames to a client through the handshake,
# with Engine.IO pings between them.
seed_state=$work/seed_state
seed_socketio=$work/seed_socketio
mkdir -p "$seed_state" "$seed_socketio"
printf '\x04%s\n%s\n%s' '2' '42["gameStateUpdate",{"gameId":"g","tickCount":1,"price":1.0,"active":true}]' '41' \
  >"$seed_socketio/handshaken"
printf '\x00%s\n%s' '0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}' '40{"sid":"x"}' \
  >"$seed_socketio/open"
if [ -d "$shared/feed" ]; then
  find "$shared/feed" -name '*.jsonl' | sort | head -n 3 | while read -r f; do
    sed -n 's/^.*"event_type": "gameStateUpdate", "data": \(.*\)}$/\1/p' "$f" | awk 'NR % 8 == 1' | head -n 32 >"$work/payloads"
    i=0
    while IFS= read -r payload && IFS= read -r next; do
      i=$((i + 1))
      printf '%s\n%s' "$payload" "$next" >"$seed_state/feed_$i"
      printf '\x04%s\n2\n%s' "42[\"gameStateUpdate\",$payload]" "42[\"gameStateUpdate\",$next]" >"$seed_socketio/feed_$i"
    done <"$work/payloads"
  done
fi

# A dictionary of the format's words helps the record fuzzer past the field checks.
cat >"$work/record.dict" <<'DICT'
"\"type\": "
"\"tick\""
"\"game_start\""
"\"game_end\""
"\"game_complete\""
"\"session_start\""
"\"timestamp\": "
"\"2025-10-29T18:57:06.222832\""
"\"game_id\": "
"\"tick\": "
"\"price\": "
"\"phase\": "
"\"ACTIVE_GAMEPLAY\""
"\"PRESALE\""
"\"RUG_EVENT_1\""
"\"active\": "
"\"rugged\": "
"\"cooldown_timer\": "
"\"trade_count\": "
", \"origin\": \"backfilled\""
"\"status\": "
"true"
"false"
"null"
", "
"\\u00e9"
"\\ud83d\\ude00"
"1e-05"
"-0"
DICT

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}

logs=$build/logs
mkdir -p "$logs"
rm -f "$logs"/*.result
nice_level=${FUZZ_NICE:-0}
jobs=${FUZZ_JOBS:-$(nproc)}
[[ "$jobs" =~ ^[0-9]+$ ]] && [ "$jobs" -gt 0 ] || { echo "fuzz: FUZZ_JOBS '$jobs' is not a number of jobs" >&2; exit 2; }
# One target: its summary goes to $logs/NAME.result, its exit code to the last line of it.
fuzz_one() {
  local name=$1 seeds=$2
  shift 2
  local regressions=tests/fuzz/regressions/$name
  local dirs=("$build/corpus/$name" "$seeds")
  [ -d "$regressions" ] && dirs+=("$regressions")
  echo "fuzz: $name for ${seconds}s (corpus $build/corpus/$name, seeds $(ls "$seeds" | wc -l)$([ -d "$regressions" ] &&
    echo ", regressions $(ls "$regressions" | wc -l)"))"
  local code=0
  nice -n "$nice_level" "$build/tests/$name" "${dirs[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=4096 -print_final_stats=1 -artifact_prefix="$build/artifacts/$name-" "$@" >"$logs/$name.log" 2>&1 ||
    code=$?
  grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$logs/$name.log" || true
  if [ "$code" -ne 0 ]; then
    echo "fuzz: $name FAILED (exit $code); the log's end ($logs/$name.log):"
    tail -n 40 "$logs/$name.log"
    ls "$build/artifacts/$name-"* 2>/dev/null | sed 's/^/fuzz: reproducer: /' || true
  else
    echo "fuzz: $name ok: no crash in ${seconds}s"
  fi
  echo "$code"
}
# Starts a target once fewer than $jobs are running.
run() {
  [[ " ${targets[*]} " == *" $1 "* ]] || return 0
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  fuzz_one "$@" >"$logs/$1.result" 2>&1 &
}
run record_fuzz "$seed_record" -dict="$work/record.dict"
run record_diff_fuzz "$seed_record" -dict="$work/record.dict"
run decimal_fuzz "$seed_decimal"
run backtest_fuzz "$seed_backtest" -dict="$work/record.dict"
run rule_table_fuzz "$seed_rules"
run revealed_fuzz "$seed_revealed"
run config_fuzz "$seed_config"
run game_state_fuzz "$seed_state" -max_len=32768
run socketio_codec_fuzz "$seed_socketio" -max_len=32768
run cdp_message_fuzz "$seed_cdp"
wait
status=0
for t in "${targets[@]}"; do
  [ -f "$logs/$t.result" ] || { echo "fuzz: $t did not run" >&2; status=1; continue; }
  sed '$d' "$logs/$t.result"
  [ "$(tail -n 1 "$logs/$t.result")" = 0 ] || status=1
done
exit "$status"
