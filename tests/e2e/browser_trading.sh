#!/usr/bin/env bash
# Browser execution end to end, as a trader uses it: real headless Chromium (Debian's), the test
# trading page (tests/reference/trading_panel: amounts in the button texts, nested spans,
# generated classes, decoys, a sidebet panel to open, a socket.io server answering orders with
# playerUpdate), and the binary:
#   - `browser probe` finds every control and the server's account; exit 0, "ready";
#   - `browser click buy --amount 0.03`, `sell --percent 50`, `sidebet --amount 0.003`: each
#     filled as the server's account shows it, and the page's server received exactly that
#     order (GET /log), nothing else; an amount the buttons cannot build is refused unclicked;
#   - `live --execute browser` on the fake feed trades through the page: orders clicked and
#     confirmed, the page's server saw them; Chrome killed with SIGKILL mid-run: orders go to paper,
#     Chrome is launched again and trading resumes; SIGINT ends the run with its summary;
#   - process hygiene after every command: no Chrome left, the temporary profile folders gone.
# Skipped (exit 77) without /usr/bin/chromium, node or npm's registry.
# Usage: bash tests/e2e/browser_trading.sh PATH/TO/replayer SOURCE_DIR
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 REPLAYER_BINARY SOURCE_DIR" >&2; exit 2; }
bin=$1
src=$2
skip() { echo "browser_trading: SKIP: $*"; exit 77; }
[ -x "$bin" ] || { echo "browser_trading: $bin is not an executable; build first" >&2; exit 1; }
[ -x /usr/bin/chromium ] || skip "/usr/bin/chromium is missing (scripts/setup.sh installs Debian's chromium)"

source "$(dirname "$0")/lib/harness.sh"
panel_pid=
feed_pid=
live_pid=
harness_more_cleanup() { pkill -KILL -f "$tmp/chrome-tmp" 2>/dev/null || true; }
harness_begin browser_trading panel_pid feed_pid live_pid

source "$(dirname "$0")/lib/npm_socketio.sh"
install_socketio "$src" "$tmp/sio"

# Chrome's temporary profiles go under $tmp/chrome-tmp, so that what is left is easy to see.
mkdir "$tmp/chrome-tmp"
export TMPDIR=$tmp/chrome-tmp
hygiene() {
  local left
  left=$(pgrep -f "$tmp/chrome-tmp" || true)
  [ -z "$left" ] || fail "$1: Chrome processes left: $left"
  left=$(ls -A "$tmp/chrome-tmp")
  [ -z "$left" ] || fail "$1: temporary folders left: $left"
}

NODE_PATH=$tmp/sio/node_modules node "$src/tests/reference/trading_panel/server.js" --port 0 --price 1.5 --tick-ms 100 \
  >"$tmp/panel.out" 2>"$tmp/panel.err" &
panel_pid=$!
wait_for "$tmp/panel.out" '^listening [0-9]+' 10 || { cat "$tmp/panel.err" >&2; fail "the test page's server did not start"; exit 1; }
page=http://127.0.0.1:$(sed -n 's/^listening //p' "$tmp/panel.out")/
browser=(--headless --open "$page" --timeout 15000)
# The orders the page's server received so far, one line each: "buyOrder {"amount":0.03}".
orders() {
  node -e 'fetch(process.argv[1] + "log").then(r => r.json()).then(l => {
    for (const e of l.received) console.log(e.event + " " + JSON.stringify(e.data)); })' "$page"
}

# 1. The self-test.
code=0
"$bin" browser probe "${browser[@]}" >"$tmp/probe.out" 2>"$tmp/probe.err" || code=$?
[ "$code" -eq 0 ] || fail "probe exited $code: $(cat "$tmp/probe.out" "$tmp/probe.err")"
grep -q '^ready: every trading control was found' "$tmp/probe.out" || fail "probe: not ready: $(cat "$tmp/probe.out")"
grep -q '^  buy: by text BUY (prefix), "BUY' "$tmp/probe.out" || fail "probe: BUY not found by its text: $(grep buy "$tmp/probe.out")"
grep -q '^server: cash 1 SOL' "$tmp/probe.out" || fail "probe: the server's account was not read: $(grep server "$tmp/probe.out")"
hygiene probe
[ -z "$(orders)" ] || fail "probe sent orders: $(orders)"

# 2. One order at a time, each confirmed by the server and received by it as it was meant.
click() {
  local name=$1 expect=$2
  shift 2
  code=0
  "$bin" browser click "$@" "${browser[@]}" >"$tmp/$name.out" 2>"$tmp/$name.err" || code=$?
  [ "$code" -eq 0 ] || fail "click $name exited $code: $(cat "$tmp/$name.out" "$tmp/$name.err")"
  grep -q "$expect" "$tmp/$name.out" || fail "click $name: expected '$expect': $(cat "$tmp/$name.out")"
  hygiene "click $name"
}
click buy '^buy 0.03: filled: 0.03 SOL, 0.02 tokens at 1.5' buy --amount 0.03
click sell '^sell 0.5: filled: 0.015 SOL, 0.01 tokens at 1.5' sell --percent 50
click sidebet '^sidebet 0.003: filled: 0.003 SOL' sidebet --amount 0.003
expected='buyOrder {"amount":0.03}
sellOrder {"percentage":50}
sidebetOrder {"amount":0.003}'
[ "$(orders)" = "$expected" ] || fail "the page's server received: $(orders)"
code=0
"$bin" browser click buy --amount 0.0015 "${browser[@]}" >"$tmp/odd.out" 2>&1 || code=$?
[ "$code" -eq 1 ] && grep -q "whole thousandths only" "$tmp/odd.out" || fail "an unbuildable amount: exit $code: $(cat "$tmp/odd.out")"
[ "$(orders)" = "$expected" ] || fail "an unbuildable amount reached the page: $(orders)"
hygiene "unbuildable amount"

# 3. The live bot clicking, on the fake feed; Chrome killed mid-run.
cat >"$tmp/flip.json" <<'JSON'
{"name": "flip", "description": "Buys 0.01 SOL when flat, sells it all on the next tick it can.",
 "parameters": {},
 "rules": [{"action": "buy", "amount": "0.01", "when": [["has_position", "==", "false"]]},
           {"action": "sell", "amount": "1", "when": [["has_position", "==", "true"]]}]}
JSON
"$bin" fake-server --port 0 --speed 4 --loop "$src/tests/data/game_20251030_092309.jsonl" 2>"$tmp/feed.err" &
feed_pid=$!
wait_for "$tmp/feed.err" '^fake-server: listening on ws://127.0.0.1:[0-9]+' 10 || { fail "fake-server did not start"; exit 1; }
feed=ws://127.0.0.1:$(sed -n 's/^fake-server: listening on ws:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$tmp/feed.err")
before=$(orders | wc -l)
"$bin" live --strategy "$tmp/flip.json" --url "$feed" --execute browser "${browser[@]}" --confirm-timeout 2000 \
  >"$tmp/live.out" 2>"$tmp/live.err" &
live_pid=$!
count_orders() { echo $(($(orders | wc -l) - before)); }
for _ in $(seq 300); do [ "$(count_orders)" -ge 4 ] && break; sleep 0.1; done
[ "$(count_orders)" -ge 4 ] || fail "live: the page's server received $(count_orders) orders in 30 s: $(tail -5 "$tmp/live.err")"
chrome=$(pgrep -o -f "$tmp/chrome-tmp" || true)
[ -n "$chrome" ] && kill -KILL "$chrome"
wait_for "$tmp/live.err" 'orders are decided on paper; trying again' 10 || fail "live: Chrome's death was not reported"
seen=$(count_orders)
for _ in $(seq 300); do [ "$(count_orders)" -ge $((seen + 2)) ] && break; sleep 0.1; done
[ "$(count_orders)" -ge $((seen + 2)) ] || fail "live: no orders after Chrome was launched again: $(tail -5 "$tmp/live.err")"
[ "$(grep -c 'browser: trading in' "$tmp/live.err")" -ge 2 ] || fail "live: Chrome was not launched again"
kill -INT "$live_pid"
code=0
wait "$live_pid" || code=$?
live_pid=
[ "$code" -eq 0 ] || fail "live exited $code on SIGINT: $(tail -5 "$tmp/live.err")"
grep -q '^browser: [0-9]* orders, [0-9]* clicked, [1-9][0-9]* confirmed' "$tmp/live.err" ||
  fail "live: no confirmed orders in: $(grep '^browser:' "$tmp/live.err" | tail -1)"
grep -q 'orders filled' "$tmp/live.out" || fail "live: no summary: $(cat "$tmp/live.out")"
hygiene live
echo "browser_trading: $(grep '^browser: [0-9]' "$tmp/live.err")"
harness_end
