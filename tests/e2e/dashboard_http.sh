#!/usr/bin/env bash
# The dashboard's HTTP side as a user and Prometheus meet it, against `replayer live --http` on
# the fake server:
#   - /healthz: 200 while frames come (fresh), 503 "stale" once the server goes silent, 503
#     "reconnecting" once it is gone;
#   - /metrics: parsed by the Prometheus project's own Python parser (Debian's
#     python3-prometheus-client): every family well formed, ticks counted, the feed-to-decision
#     histogram filled;
#   - the page's WebSocket and commands: refused (403) without the token, with a wrong one, or
#     from another Origin; upgraded (101) with the token from the dashboard's own origin;
#   - --http on a non-loopback address is refused without --http-allow-remote.
# Skipped (77) without curl or the parser.
# Usage: bash tests/e2e/dashboard_http.sh PATH/TO/replayer SOURCE_DIR
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 REPLAYER_BINARY SOURCE_DIR" >&2; exit 2; }
bin=$1
data=$(cd "$2/tests/data" && pwd)
python=/usr/bin/python3
command -v curl >/dev/null || { echo "dashboard_http: SKIPPED: no curl (scripts/setup.sh installs it)"; exit 77; }
"$python" -c "import prometheus_client.parser" 2>/dev/null ||
  { echo "dashboard_http: SKIPPED: no python3-prometheus-client (scripts/setup.sh installs it)"; exit 77; }

source "$(dirname "$0")/lib/harness.sh"
server_pid=
live_pid=
harness_begin dashboard_http server_pid live_pid

# wait_line FILE REGEX: the first match of REGEX's \1 in FILE, waited for up to 20 s.
wait_line() {
  for _ in $(seq 200); do
    local v
    v=$(sed -n "s/$2/\\1/p" "$1" | head -1)
    [ -n "$v" ] && { echo "$v"; return 0; }
    sleep 0.1
  done
  echo "dashboard_http: no line matching $2 in $1: $(cat "$1")" >&2
  return 1
}

# healthz_until TEXT: waits (up to 40 s) for /healthz to start with TEXT; prints "CODE BODY".
healthz_until() {
  local out
  for _ in $(seq 400); do
    out=$(curl -s -o "$tmp/health" -w '%{http_code}' "$base/healthz" || true)
    grep -q "^$1" "$tmp/health" 2>/dev/null && { echo "$out $(cat "$tmp/health")"; return 0; }
    sleep 0.1
  done
  echo "timeout $(cat "$tmp/health" 2>/dev/null)"
}

# ws_status ORIGIN TARGET: the HTTP status of a WebSocket handshake.
ws_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H "Connection: Upgrade" -H "Upgrade: websocket" \
    -H "Sec-WebSocket-Version: 13" -H "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==" -H "Origin: $1" "$base$2" || true
}

"$bin" fake-server --port 0 --speed 4 --silent-after 120 "$data" 2>"$tmp/server.err" &
server_pid=$!
port=$(wait_line "$tmp/server.err" '.*listening on ws:\/\/127.0.0.1:\([0-9]*\).*')
"$bin" live --strategy conservative --url "ws://127.0.0.1:$port" --http 127.0.0.1:0 >"$tmp/live.out" 2>"$tmp/live.err" &
live_pid=$!
url=$(wait_line "$tmp/live.err" '^dashboard: \(http:\/\/127.0.0.1:[0-9]*\/?token=[0-9a-f]*\)$')
base=${url%%/\?*}
token=${url##*token=}

got=$(healthz_until "ok")
[[ "$got" == "200 ok: last frame"* ]] || fail "fresh: /healthz answered '$got'"

curl -s "$base/metrics" >"$tmp/metrics"
"$python" - "$tmp/metrics" <<'PY' || fail "/metrics: $(head -c 300 "$tmp/metrics")"
import sys
from prometheus_client.parser import text_string_to_metric_families
families = {f.name: f for f in text_string_to_metric_families(open(sys.argv[1]).read())}
def value(name, **labels):
    for s in families[name].samples:
        if s.name.endswith(("_total", "_count")) or s.name == name:
            if all(s.labels.get(k) == v for k, v in labels.items()):
                return s.value
    raise SystemExit(f"{name}{labels}: no sample")
assert value("replayer_feed_ticks") > 0, "no ticks counted"
assert families["replayer_feed_to_decision_seconds"].type == "histogram"
assert value("replayer_feed_to_decision_seconds") > 0, "feed-to-decision histogram empty"
assert families["replayer_feed_reconnects"].type == "counter"
assert value("replayer_resident_bytes") > 0
print(f"dashboard_http: /metrics: {len(families)} families parsed")
PY

self="http://127.0.0.1:${base##*:}"
[ "$(ws_status "$self" "/ws")" == 403 ] || fail "WebSocket without the token was not refused"
[ "$(ws_status "$self" "/ws?token=ffffffffffffffffffffffffffffffff")" == 403 ] || fail "WebSocket with a wrong token was not refused"
[ "$(ws_status "https://evil.example" "/ws?token=$token")" == 403 ] || fail "WebSocket from another origin was not refused"
[ "$(ws_status "$self" "/ws?token=$token")" == 101 ] || fail "WebSocket with the token from the dashboard's origin was not upgraded"
code=$(curl -s -o "$tmp/cmd" -w '%{http_code}' -X POST -H "Origin: https://evil.example" -d '{"cmd":"buy"}' "$base/api/command?token=$token")
[ "$code" == 403 ] && grep -q "Origin https://evil.example is not this dashboard" "$tmp/cmd" || fail "a command from another origin: $code $(cat "$tmp/cmd")"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -d '{"cmd":"buy"}' "$base/api/command")
[ "$code" == 403 ] || fail "a command without the token: $code"

got=$(healthz_until "stale")
[[ "$got" == "503 stale: last frame"* ]] || fail "silent server: /healthz answered '$got'"
kill -INT "$server_pid"
wait "$server_pid" || true
got=$(healthz_until "reconnecting")
[[ "$got" == "503 reconnecting: disconnected"* ]] || fail "server gone: /healthz answered '$got'"

kill -INT "$live_pid"
live_code=0
wait "$live_pid" || live_code=$?
[ "$live_code" -eq 0 ] || fail "live exited $live_code after SIGINT: $(tail -3 "$tmp/live.err")"

code=0
"$bin" live --strategy conservative --url "ws://127.0.0.1:1" --http 0.0.0.0:0 2>"$tmp/remote.err" || code=$?
[ "$code" -eq 2 ] && grep -q "needs --http-allow-remote" "$tmp/remote.err" || fail "--http 0.0.0.0: exit $code: $(cat "$tmp/remote.err")"

harness_end "all checks passed"
