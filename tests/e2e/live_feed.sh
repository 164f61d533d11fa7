#!/usr/bin/env bash
# The live path end to end, as a user runs it, on loopback:
#   - fake-server serves the bundled recordings; record (with --raw) records them: the same games, tick for
#     tick (every built-in strategy's backtest digest is the same on the recorded files as on
#     the source files), nothing dropped, every file a valid recording; SIGINT ends both with 0;
#     record --from-raw rebuilds the same games from the raw events;
#   - live --strategy NAME against the fake server: the same digest as backtest on the source
#     files, for every built-in strategy;
#   - with the server dropping the connection every 150 events at 50x speed: the client
#     reconnects every time, ticks the server's partialPrices window covers are recovered
#     (backfilled), the rest reported as gaps, and the recorded files are still valid.
# Usage: bash tests/e2e/live_feed.sh PATH/TO/replayer SOURCE_DIR
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 REPLAYER_BINARY SOURCE_DIR" >&2; exit 2; }
bin=$1
data=$(cd "$2/tests/data" && pwd)
[ -x "$bin" ] || { echo "live_feed: $bin is not an executable; build first" >&2; exit 1; }

source "$(dirname "$0")/lib/harness.sh"
server_pid=
client_pid=
harness_begin live_feed server_pid client_pid

# start_server ARGS...: starts fake-server on a free port; sets server_pid and port.
start_server() {
  "$bin" fake-server --port 0 "$@" 2>"$tmp/server.err" &
  server_pid=$!
  port=
  for _ in $(seq 100); do
    port=$(sed -n 's/^fake-server: listening on ws:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$tmp/server.err")
    [ -n "$port" ] && return 0
    sleep 0.05
  done
  fail "fake-server did not start: $(cat "$tmp/server.err")"
  exit 1
}

# settle: waits until nothing under $tmp has grown for 1.5 s (at most 60 s): the client has
# read what the server sent. "script done" means only that the frames are in the socket's
# buffers, which a slow client (a sanitizer build on a loaded machine) reads for seconds more.
settle() {
  local last= now quiet=0
  for _ in $(seq 120); do
    now=$(find "$tmp" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    if [ "$now" = "$last" ]; then
      quiet=$((quiet + 1))
      [ "$quiet" -ge 3 ] && return 0
    else
      quiet=0
    fi
    last=$now
    sleep 0.5
  done
}

# run_client ARGS...: runs replayer ARGS against the server until the whole script has been
# sent and the client has settled, then SIGINT; sets client_code.
run_client() {
  "$bin" "$@" --url "ws://127.0.0.1:$port" >"$tmp/client.out" 2>"$tmp/client.err" &
  client_pid=$!
  for _ in $(seq 1200); do
    grep -q "^fake-server: script done" "$tmp/server.err" && break
    sleep 0.05
  done
  grep -q "^fake-server: script done" "$tmp/server.err" || fail "$1: the script was not sent within 60 s"
  settle
  kill -INT "$client_pid"
  client_code=0
  wait "$client_pid" || client_code=$?
  client_pid=
  kill -INT "$server_pid"
  server_code=0
  wait "$server_pid" || server_code=$?
  server_pid=
  [ "$client_code" -eq 0 ] || fail "$1 exited $client_code after SIGINT, expected 0: $(tail -3 "$tmp/client.err")"
  [ "$server_code" -eq 0 ] || fail "fake-server exited $server_code after SIGINT, expected 0"
}

digest() { "$bin" backtest --strategy "$1" --wallet "$2" "$3" 2>/dev/null | sed -n 's/^  digest *//p'; }

# --- record, as fast as the client reads, keeping the raw events too
start_server --speed 0 "$data"
run_client record --raw --out "$tmp/recorded"
files=$(find "$tmp/recorded" -name '*.jsonl' ! -name '*.raw.jsonl' | wc -l)
[ "$files" -eq 12 ] || fail "record: $files files, expected 12 (one per game)"
[ -z "$(find "$tmp/recorded" -name '*.part')" ] || fail "record: .part files left"
grep -q " 0 ticks dropped, 0 write errors" "$tmp/client.err" || fail "record: $(grep recorder: "$tmp/client.err")"
# The source repeats one line exactly (the live feed drops it as a duplicate): 2333 of 2334.
want="replayed 12 files, 12 games, 2333 tick lines; 0 bad lines, 0 phase anomalies, 2 incomplete games"
got=$("$bin" replay --quiet "$tmp/recorded" 2>&1)
[ "$got" == "$want" ] || fail "record: replay of the recordings says: $got"
for strategy in conservative aggressive sidebet foundational; do
  for wallet in session per-game; do
    a=$(digest "$strategy" "$wallet" "$tmp/recorded")
    b=$(digest "$strategy" "$wallet" "$data")
    [ -n "$a" ] && [ "$a" == "$b" ] || fail "record: $strategy, $wallet: digest $a on the recordings, $b on the source"
  done
done

# --- the raw events rebuild the same recordings (record --from-raw)
raw=$(find "$tmp/recorded" -name '*.raw.jsonl')
[ "$(echo "$raw" | grep -c .)" -eq 1 ] || fail "record --raw: expected one *.raw.jsonl file, found: $raw"
[ "$(wc -l <"$raw")" -eq 2334 ] || fail "record --raw: $(wc -l <"$raw") events kept, expected 2334"
code=0
"$bin" record --from-raw "$raw" --out "$tmp/rebuilt" 2>"$tmp/rebuilt.err" || code=$?
[ "$code" -eq 0 ] || fail "record --from-raw: exit $code: $(cat "$tmp/rebuilt.err")"
for strategy in conservative sidebet; do
  a=$(digest "$strategy" session "$tmp/rebuilt")
  b=$(digest "$strategy" session "$data")
  [ -n "$a" ] && [ "$a" == "$b" ] || fail "record --from-raw: $strategy: digest $a on the rebuilt files, $b on the source"
done

# --- live paper trading: the backtest's digest
for strategy in conservative aggressive sidebet foundational; do
  start_server --speed 0 "$data"
  run_client live --strategy "$strategy"
  a=$(sed -n 's/^  digest *//p' "$tmp/client.out")
  b=$(digest "$strategy" session "$data")
  [ -n "$a" ] && [ "$a" == "$b" ] || fail "live --strategy $strategy: digest $a, backtest $b"
done

# --- faults: the connection dropped every 150 events, at 50x
start_server --speed 50 --drop-every 150 "$data"
run_client record --out "$tmp/faulty"
report=$(grep "^feed: " "$tmp/client.err")
connections=$(echo "$report" | sed -n 's/^feed: \([0-9]*\) connections.*/\1/p')
backfilled=$(echo "$report" | sed -n 's/.* (\([0-9]*\) backfilled).*/\1/p')
[ "${connections:-0}" -ge 3 ] || fail "drop-every: $connections connections: $report"
[ "${backfilled:-0}" -gt 0 ] || fail "drop-every: nothing recovered from partialPrices: $report"
"$bin" check "$tmp/faulty" >"$tmp/check.out" || fail "drop-every: check of the recordings: $(tail -1 "$tmp/check.out")"
echo "live_feed: with drops: $report"

harness_end
