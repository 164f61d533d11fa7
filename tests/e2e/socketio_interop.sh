#!/usr/bin/env bash
# Our Socket.IO client against the real thing: the npm `socket.io` v4 server (pinned in
# tests/reference/socketio_server/package.json, installed with `npm ci` into a temporary copy)
# plays the shared feed capture (gamestate_samples.jsonl: 129 gameStateUpdate events of one game
# and 21 other events) as real events, WebSocket transport only, with a short heartbeat
# (pingInterval 200 ms) so the client has to answer pings. `replayer record` connects straight
# with a WebSocket upgrade to /socket.io/?EIO=4&transport=websocket&frontend-version=1.0. Twice:
# all events in one burst, then paced 5 ms apart. Each time:
#   - the server saw one connection, over websocket, EIO=4, frontend-version=1.0; the client
#     answered at least 3 pings and emitted nothing;
#   - record exits 0 on SIGINT; its feed: and recorder: reports say 1 connection, 129 updates,
#     128 ticks, 1 dropped (the out-of-order connect snapshot), nothing refused, lost or dropped;
#   - the recording, read with numbers as texts (check.js), holds the ticks sent, in order: the
#     same game id, tick index, price text and trade count, and the texts that went on the wire
#     are the capture's own (JSON.parse and JSON.stringify did not change a number);
#   - `replayer check` accepts it and `replayer replay --json` sees ticks 129..256, no gap.
# How the client left is printed, not checked: the Engine.IO packets it sent after connecting and
# the WebSocket close code the server got (1006 so far: on SIGINT record closes the TCP
# connection without the Engine.IO close `1` or a WebSocket close frame; socket.io calls it
# "transport close", as for a dropped link).
# Skipped (exit 77) when the shared capture is missing, when node or npm is missing, or when npm
# cannot reach its registry to install socket.io.
# Usage: bash tests/e2e/socketio_interop.sh PATH/TO/replayer SOURCE_DIR [SHARED_DIR]
#        (SHARED_DIR defaults to SOURCE_DIR/../shared)
set -euo pipefail

[ $# -eq 2 ] || [ $# -eq 3 ] || { echo "usage: $0 REPLAYER_BINARY SOURCE_DIR [SHARED_DIR]" >&2; exit 2; }
bin=$1
pkg=$2/tests/reference/socketio_server
feed=${3:-$2/../shared}/data/feed/gamestate_samples.jsonl
skip() { echo "socketio_interop: SKIP: $*"; exit 77; }

[ -x "$bin" ] || { echo "socketio_interop: $bin is not an executable; build first" >&2; exit 1; }
[ -f "$feed" ] || skip "$feed is missing"

source "$(dirname "$0")/lib/harness.sh"
server_pid=
client_pid=
harness_begin socketio_interop server_pid client_pid

# The pinned socket.io, installed into a copy (the source tree stays as it is).
source "$(dirname "$0")/lib/npm_socketio.sh"
install_socketio "$2" "$tmp/pkg"
cp "$pkg/server.js" "$pkg/check.js" "$tmp/pkg/"
version=$(node -p 'require(process.argv[1] + "/node_modules/socket.io/package.json").version' "$tmp/pkg")

# A sanitizer build reads the burst several times slower than the server's 400 ms ping deadline
# allows (the client then misses its first ping): the sanitizer presets stretch the deadline.
scale=${REPLAYER_TEST_TIME_SCALE:-1}

# run PASS INTERVAL_MS: one server, one recording, every check.
run() {
  local pass=$1 out=$tmp/$1 server_code client_code
  mkdir "$out"
  node "$tmp/pkg/server.js" "$feed" --interval-ms "$2" --ping-interval-ms 200 --ping-timeout-ms $((400 * scale)) \
    >"$out/server.out" 2>"$out/server.err" &
  server_pid=$!
  if ! wait_for "$out/server.out" '^port [0-9]+$' 10; then
    fail "$pass: the socket.io server did not start: $(cat "$out/server.err")"
    return
  fi
  local port
  port=$(sed -n 's/^port //p' "$out/server.out")

  "$bin" record --url "ws://127.0.0.1:$port?frontend-version=1.0" --out "$out/recorded" \
    >"$out/client.out" 2>"$out/client.err" &
  client_pid=$!
  wait_for "$out/server.out" '^done$' 20 || fail "$pass: the server did not send the capture within 20 s"
  sleep 1  # a moment more: the last frames are read, and 5 pings (every 200 ms) come and go
  kill -INT "$client_pid"
  client_code=0
  wait "$client_pid" || client_code=$?
  client_pid=
  wait_for "$out/server.out" '^disconnect ' 5 || fail "$pass: the server did not see the client leave"
  kill -TERM "$server_pid"
  server_code=0
  wait "$server_pid" || server_code=$?
  server_pid=

  [ "$client_code" -eq 0 ] || fail "$pass: record exited $client_code after SIGINT, expected 0"
  [ "$server_code" -eq 0 ] || fail "$pass: the socket.io server exited $server_code: $(tail -3 "$out/server.err")"
  [ ! -s "$out/server.err" ] || fail "$pass: the socket.io server wrote on stderr: $(head -5 "$out/server.err")"

  # The server's side.
  local connects
  connects=$(grep -c '^connect ' "$out/server.out" || true)
  [ "$connects" -eq 1 ] || fail "$pass: the server saw $connects connections, expected 1"
  grep -q '^connect 1 transport=websocket eio=4 frontend-version=1.0$' "$out/server.out" ||
    fail "$pass: the handshake the server saw: $(grep '^connect ' "$out/server.out")"
  grep -q '^sent 150 events (129 gameStateUpdate)$' "$out/server.out" ||
    fail "$pass: the server says: $(grep '^sent ' "$out/server.out")"
  ! grep -q '^client emitted' "$out/server.out" || fail "$pass: $(grep '^client emitted' "$out/server.out" | head -3)"
  local disconnect pongs
  disconnect=$(grep '^disconnect ' "$out/server.out" || true)
  pongs=$(sed -n 's/^disconnect .* pongs=\([0-9]*\).*/\1/p' <<<"$disconnect")
  [ "${pongs:-0}" -ge 3 ] || fail "$pass: the client answered ${pongs:-0} pings, expected at least 3: $disconnect"

  # The client's reports.
  local feed_report recorder_report
  feed_report=$(grep '^feed: ' "$out/client.err" || true)
  recorder_report=$(grep '^recorder: ' "$out/client.err" || true)
  [[ "$feed_report" == "feed: 1 connections, 0 disconnects, 129 updates, 128 ticks (0 backfilled), 0 gaps (0 ticks lost), 1 updates dropped, 0 phase anomalies, 0 refused" ]] ||
    fail "$pass: record's report: ${feed_report:-none}"
  [[ "$recorder_report" == "recorder: 1 files, 128 ticks, "*" bytes, 0 ticks dropped, 0 write errors" ]] ||
    fail "$pass: record's report: ${recorder_report:-none}"
  if grep -Ev '^(feed|recorder): |^replayer: info: feed: connected to ' "$out/client.err" >"$out/other.err"; then
    fail "$pass: record also said: $(head -5 "$out/other.err")"
  fi

  # The recording, tick for tick.
  node "$tmp/pkg/check.js" "$feed" "$out/recorded" >"$out/check.out" || fail "$pass: $(cat "$out/check.out")"
  "$bin" check "$out/recorded" >"$out/replayer_check.out" 2>&1 ||
    fail "$pass: replayer check of the recording: $(tail -3 "$out/replayer_check.out")"
  local game
  game=$("$bin" replay --json "$out/recorded" 2>&1 | grep '"type": "game"' || true)
  [[ "$game" == *'"tick_lines": 128, "first_tick": 129, "last_tick": 256,'* && "$game" == *'"gaps": 0, "missing_price_ticks": 0,'* ]] ||
    fail "$pass: replay --json of the recording: ${game:-no game}"

  echo "socketio_interop: $pass: $(cat "$out/check.out")"
  echo "socketio_interop: $pass: server: $disconnect; $(grep "^websocket-close " "$out/server.out" || echo "no websocket-close line")"
  echo "socketio_interop: $pass: $feed_report"
}

run burst 0
run paced 5

harness_end "ok (socket.io $version, ${SECONDS}s)"
