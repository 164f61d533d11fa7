#!/usr/bin/env bash
# `replayer backtest` and `replayer strategies` as a user runs them, on tests/data:
#   - the summary table; --json with the same digest on every run and for every --jobs (per-game
#     wallets in parallel; sweep points in parallel);
#   - --trades (CSV and JSON lines), --equity and --report write their files, the report being a
#     self-contained HTML page with canvas charts (its script inline);
#   - a user strategy file from a temporary folder;
#   - a bad --strategy, --set, --sweep, --sort or --jobs: one `replayer: ...` line, exit 2;
#   - `replayer strategies` lists the four built-in strategies.
# Usage: bash tests/e2e/backtest_cli.sh PATH/TO/replayer SOURCE_DIR
set -euo pipefail

fail() { echo "backtest_cli: $*" >&2; exit 1; }

[ $# -eq 2 ] || { echo "usage: $0 REPLAYER_BINARY SOURCE_DIR" >&2; exit 2; }
[ -x "$1" ] || fail "$1 is not an executable; build first (cmake --build --preset release)"
[ -d "$2/tests/data" ] || fail "$2/tests/data is missing"
# Absolute paths: one check runs from a temporary folder.
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
data=$src/tests/data

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

digest_of() { sed -nE 's/.*"digest": "([0-9a-f]{64})".*/\1/p' "$1"; }
checks=0
ok() { checks=$((checks + 1)); }

# 1. The readable table.
"$bin" backtest --strategy conservative "$data" >"$tmp/table.txt" 2>"$tmp/table.err" ||
  { cat "$tmp/table.err" >&2; fail "backtest --strategy conservative failed"; }
for label in "backtest: strategy conservative, session wallet, start 0.1 SOL" "games" "tick lines" "orders filled" \
  "orders rejected" "closed trades" "how they closed" "win rate" "average win / loss" "largest win / loss" \
  "expectancy" "P&L" "final balance" "peak equity" "ROI" "max drawdown" "Sharpe (per game)" \
  "Sortino (per game)" "profit factor" "sidebets" "exposure" "digest" "replayer" "parameters" "--set" "settings" \
  "corpus"; do
  grep -qF -- "$label" "$tmp/table.txt" || { cat "$tmp/table.txt" >&2; fail "the table has no '$label' line"; }
done
grep -qE '^  games +12 \([0-9]+ incomplete' "$tmp/table.txt" || { cat "$tmp/table.txt" >&2; fail "not 12 games"; }
grep -qE '^  digest +[0-9a-f]{64}$' "$tmp/table.txt" || fail "no digest in the table"
# Money to 6 decimals in the table; the inputs of the run on top.
grep -qE '^  P&L +-?[0-9]+\.[0-9]{6} SOL \(positions -?[0-9]+\.[0-9]{6}, sidebets -?[0-9]+\.[0-9]{6}\)$' "$tmp/table.txt" ||
  { cat "$tmp/table.txt" >&2; fail "the P&L is not to 6 decimals with its split"; }
grep -qE '^  corpus +12 files, 12 games, [0-9]+ tick lines$' "$tmp/table.txt" || fail "the corpus is not in the table"
grep -qE '^  parameters +buy_amount=0.005 buy_below=1.5 ' "$tmp/table.txt" || fail "the parameters are not in the table"
grep -qE '^  settings +starting_balance=0.1 .*latency_ticks=0 wallet=session ' "$tmp/table.txt" ||
  fail "the settings are not in the table"
ok

# 2. Digests: the same on every run, for every --jobs.
"$bin" backtest --strategy conservative --json "$data" >"$tmp/s1.json" 2>/dev/null
"$bin" backtest --strategy conservative --json --jobs 2 "$data" >"$tmp/s2.json" 2>/dev/null
[ "$(wc -l <"$tmp/s1.json")" -eq 1 ] || fail "--json printed more than one line"
d1=$(digest_of "$tmp/s1.json")
[ -n "$d1" ] || fail "no digest in the --json output"
cmp -s "$tmp/s1.json" "$tmp/s2.json" || fail "session wallet: --jobs 1 and --jobs 2 differ"
grep -qF "$d1" "$tmp/table.txt" || fail "the table and --json disagree on the digest"
ok
for strategy in conservative aggressive sidebet foundational; do
  "$bin" backtest --strategy $strategy --json --jobs 1 --wallet per-game "$data" >"$tmp/p1.json" 2>/dev/null
  "$bin" backtest --strategy $strategy --json --jobs 2 --wallet per-game "$data" >"$tmp/p2.json" 2>/dev/null
  "$bin" backtest --strategy $strategy --json --jobs 2 --wallet per-game "$data" >"$tmp/p3.json" 2>/dev/null
  p1=$(digest_of "$tmp/p1.json")
  [ -n "$p1" ] || fail "$strategy: no digest"
  [ "$p1" = "$(digest_of "$tmp/p2.json")" ] || fail "$strategy per-game: --jobs 1 and --jobs 2 give different digests"
  cmp -s "$tmp/p1.json" "$tmp/p2.json" || fail "$strategy per-game: --jobs 1 and --jobs 2 give different summaries"
  cmp -s "$tmp/p2.json" "$tmp/p3.json" || fail "$strategy per-game: two runs with --jobs 2 differ"
  grep -qF '"wallet": "per-game"' "$tmp/p1.json" || fail "--wallet per-game is not reported"
  ok
done
# With risk rails, per-game wallets stay independent of --jobs too.
rails=(--set max_consecutive_losses=1 --set session_loss_limit=0.004 --set latency_ticks=1)
"$bin" backtest --strategy aggressive --json --wallet per-game --jobs 1 "${rails[@]}" "$data" >"$tmp/r1.json" 2>/dev/null
"$bin" backtest --strategy aggressive --json --wallet per-game --jobs 2 "${rails[@]}" "$data" >"$tmp/r2.json" 2>/dev/null
cmp -s "$tmp/r1.json" "$tmp/r2.json" || fail "per-game with risk rails: --jobs 1 and --jobs 2 differ"
ok
# Sweep points in parallel: the same lines in the same order.
sweep=(--sweep buy_below=1.2:2:0.4 --sweep take_profit_pct=10:30:10)
"$bin" backtest --strategy conservative "${sweep[@]}" --jobs 1 --json "$data" >"$tmp/w1.jsonl" 2>/dev/null
"$bin" backtest --strategy conservative "${sweep[@]}" --jobs 2 --json "$data" >"$tmp/w2.jsonl" 2>/dev/null
[ "$(wc -l <"$tmp/w1.jsonl")" -eq 9 ] || { cat "$tmp/w1.jsonl" >&2; fail "a 3 x 3 sweep did not print 9 points"; }
cmp -s "$tmp/w1.jsonl" "$tmp/w2.jsonl" || fail "sweep: --jobs 1 and --jobs 2 differ"
"$bin" backtest --strategy conservative "${sweep[@]}" --jobs 2 --sort max_drawdown "$data" >"$tmp/w3.txt" 2>/dev/null
[ "$(wc -l <"$tmp/w3.txt")" -eq 9 ] || fail "the sweep table has not 9 lines"
grep -q '^buy_below=1.2 take_profit_pct=10  pnl ' "$tmp/w3.txt" || fail "the sweep table does not label its points"
ok

# 3. Output files.
"$bin" backtest --strategy conservative --trades "$tmp/out.csv" --equity "$tmp/equity.csv" \
  --report "$tmp/out.html" --json "$data" >"$tmp/files.json" 2>/dev/null || fail "backtest with output files failed"
"$bin" backtest --strategy conservative --trades "$tmp/out.trades.jsonl" "$data" >/dev/null 2>&1 || fail "--trades .jsonl failed"
[ "$(digest_of "$tmp/files.json")" = "$d1" ] || fail "writing files changed the digest"
[ "$(head -1 "$tmp/out.csv")" = "game,tick,event,action,reason,price,amount,qty,pnl,balance" ] ||
  fail "out.csv has not the CSV header"
[ "$(wc -l <"$tmp/out.csv")" -gt 10 ] || fail "out.csv has almost no trades"
[ "$(($(wc -l <"$tmp/out.csv") - 1))" -eq "$(wc -l <"$tmp/out.trades.jsonl")" ] ||
  fail "out.csv and out.jsonl have different numbers of events"
head -1 "$tmp/out.trades.jsonl" | grep -qE '^\{"game": "[^"]+", "tick": [0-9]+, "event": "' || fail "out.jsonl is not the trade log"
# The digest is the SHA-256 of the JSON-lines trade log.
if command -v sha256sum >/dev/null; then
  [ "$(sha256sum <"$tmp/out.trades.jsonl" | cut -d' ' -f1)" = "$d1" ] || fail "the digest is not the SHA-256 of --trades out.jsonl"
fi
[ "$(head -1 "$tmp/equity.csv")" = "game,tick,price,equity" ] || fail "equity.csv has not its header"
ticks=$(sed -nE 's/.*"tick_lines": ([0-9]+).*/\1/p' "$tmp/files.json")
[ "$(($(wc -l <"$tmp/equity.csv") - 1))" -eq "$ticks" ] || fail "equity.csv has not one row per tick line ($ticks)"
grep -q '<canvas id="equity"' "$tmp/out.html" || fail "the report has no equity chart"
grep -q 'window.ReplayerCharts' "$tmp/out.html" || fail "the report does not carry its chart script"
grep -qi '<!DOCTYPE html>' "$tmp/out.html" || fail "the report is not an HTML page"
grep -qF "$d1" "$tmp/out.html" || fail "the report does not show the digest"
if grep -oE 'https?://[^"'"'"' )<>]*' "$tmp/out.html" | grep -q .; then
  grep -oE 'https?://[^"'"'"' )<>]*' "$tmp/out.html" | sort -u >&2
  fail "the report refers to something outside itself"
fi
if grep -qiE '<(script|link|img|iframe)[^>]+(src|href)=' "$tmp/out.html"; then fail "the report loads external resources"; fi
ok

# 4. A user strategy file in a temporary folder.
mkdir -p "$tmp/mine"
cat >"$tmp/mine/dip.json" <<'JSON'
{
  "name": "dip",
  "description": "Buys under 1x, takes 10 % profit, cuts at -20 %.",
  "parameters": {"buy_amount": "0.004", "buy_below": "1"},
  "rules": [
    {"action": "buy", "amount": "$buy_amount",
     "when": [["has_position", "==", "false"], ["price", "<", "$buy_below"], ["phase", "==", "ACTIVE_GAMEPLAY"]]},
    {"action": "sell", "amount": "0.5", "when": [["pnl_pct", ">=", 10], ["ticks_held", "<", 20]]},
    {"action": "sell", "amount": "1", "when": [["pnl_pct", ">=", 10]]},
    {"action": "sell", "amount": "1", "when": [["pnl_pct", "<=", -20]]}
  ]
}
JSON
(cd "$tmp" && "$bin" backtest --strategy mine/dip.json --set buy_below=1.1 --json "$data" >"$tmp/dip.json" 2>/dev/null) ||
  fail "a strategy file from a temporary folder did not run"
grep -qF '"strategy": "dip"' "$tmp/dip.json" || fail "the user strategy's name is not reported"
[ "$(sed -nE 's/.*"orders": ([0-9]+).*/\1/p' "$tmp/dip.json")" -gt 0 ] || fail "the user strategy never traded"
ok

# 4b. The inputs in --json, with every --set; the P&L split adds up with full precision.
"$bin" backtest --strategy conservative --set buy_below=1.3 --set latency_ticks=1 --json "$data" >"$tmp/in.json" 2>/dev/null
python3 - "$tmp/in.json" <<'PY' || fail "--json does not carry the run's inputs"
import json, sys
from decimal import Decimal
s = json.load(open(sys.argv[1]))
i = s["inputs"]
assert i["strategy"] == "conservative" and i["parameters"]["buy_below"] == "1.3", i
assert i["sets"] == ["buy_below=1.3", "latency_ticks=1"], i["sets"]
assert i["settings"]["latency_ticks"] == "1" and i["settings"]["sidebet_window"] == "40", i["settings"]
assert i["corpus"] == {"files": 12, "games": 12, "tick_lines": s["tick_lines"]}, i["corpus"]
assert i["replayer"], i
assert Decimal(s["position_pnl"]) + Decimal(s["sidebet_pnl"]) == Decimal(s["pnl"]), s
assert sum(s["closed_by"].values()) == s["trades"], s
PY
ok

# 4c. The issue's first rail example: one entry per game, and every sell goes through.
"$bin" backtest --strategy conservative --set max_orders_per_game=1 --trades "$tmp/rail.trades.jsonl" "$data" >/dev/null 2>&1 ||
  fail "the max_orders_per_game run failed"
! grep -q '"action": "sell", "reason": "risk_orders_per_game"' "$tmp/rail.trades.jsonl" || fail "a sell was refused by max_orders_per_game"
# The second: the loss limit sells the position and says where it halted.
"$bin" backtest --strategy aggressive --set session_loss_limit=0.01 --trades "$tmp/halt.trades.jsonl" "$data" >"$tmp/halt.txt" 2>/dev/null
grep -qE '^  stopped by +risk_loss_limit at 20251030-5485fda864af49d3 tick 318, balance [0-9.]+ SOL, open position sold by the rail$' \
  "$tmp/halt.txt" || { cat "$tmp/halt.txt" >&2; fail "the halt is not in the table"; }
grep -q '"tick": 318, "event": "sell", "rail": "risk_loss_limit"' "$tmp/halt.trades.jsonl" || fail "the rail's sell is not in the trade log"
"$bin" backtest --strategy aggressive --set session_loss_limit=0.01 --report "$tmp/halt.html" "$data" >/dev/null 2>&1
grep -q '<p id="halt"' "$tmp/halt.html" || fail "the report does not show the halt"
ok

# 4d. A folder with no usable game: exit 1, one line.
mkdir -p "$tmp/empty"
echo 'not json' >"$tmp/empty/game_1.jsonl"
status=0
"$bin" backtest --strategy conservative "$tmp/empty" >"$tmp/e.out" 2>"$tmp/e.err" || status=$?
[ "$status" -eq 1 ] || fail "a folder with no usable game exits $status, not 1"
[ ! -s "$tmp/e.out" ] || fail "a folder with no usable game printed a table"
grep -q '^replayer: no usable game in 1 file' "$tmp/e.err" || { cat "$tmp/e.err" >&2; fail "no 'no usable game' line"; }
[ "$(grep -c '^replayer: no usable game' "$tmp/e.err")" -eq 1 ] || fail "the no-usable-game line is not one line"
ok

# 5. Usage errors: one line, `replayer: ...`, exit 2, before any recording is read.
expect_usage() {
  local what=$1
  shift
  local status=0
  "$bin" "$@" >"$tmp/u.out" 2>"$tmp/u.err" || status=$?
  [ "$status" -eq 2 ] || { cat "$tmp/u.err" >&2; fail "$what: exit $status, expected 2"; }
  [ "$(wc -l <"$tmp/u.err")" -eq 1 ] || { cat "$tmp/u.err" >&2; fail "$what: not exactly one line on stderr"; }
  grep -q '^replayer: ' "$tmp/u.err" || { cat "$tmp/u.err" >&2; fail "$what: the message does not start with 'replayer: '"; }
  [ ! -s "$tmp/u.out" ] || fail "$what: printed something on stdout"
  ok
}
echo '{"name": "broken", "rules": [{"action": "hold", "amount": "1"}]}' >"$tmp/broken.json"
expect_usage "unknown strategy" backtest --strategy nosuch "$data"
expect_usage "broken strategy file" backtest --strategy "$tmp/broken.json" "$data"
expect_usage "--set without =" backtest --strategy conservative --set buy_amount "$data"
expect_usage "--set unknown key" backtest --strategy conservative --set nosuch=1 "$data"
expect_usage "--set bad parameter value" backtest --strategy conservative --set buy_amount=lots "$data"
expect_usage "--set bad setting value" backtest --strategy conservative --set latency_ticks=-1 "$data"
expect_usage "--wallet bad" backtest --strategy conservative --wallet shared "$data"
expect_usage "--sweep syntax" backtest --strategy conservative --sweep buy_below=1:2 "$data"
expect_usage "--sweep range" backtest --strategy conservative --sweep buy_below=2:1:0.1 "$data"
expect_usage "--sweep unknown key" backtest --strategy conservative --sweep nosuch=1:2:1 "$data"
expect_usage "--sweep bad value" backtest --strategy conservative --sweep buy_amount=-1:1:1 "$data"
expect_usage "--sort bad" backtest --strategy conservative --sort luck --sweep buy_below=1:2:1 "$data"
expect_usage "--sweep grid too large" backtest --strategy conservative --sweep buy_below=1:1000:1 \
  --sweep take_profit_pct=1:1000:1 --sweep stop_loss_pct=-1000:-1:1 "$data"
grep -qF "replayer: --sweep: 1000 x 1000 x 1000 = 1000000000 points, more than --max-points 10000" "$tmp/u.err" ||
  { cat "$tmp/u.err" >&2; fail "the grid bound is not named"; }
for flag in --report --trades --equity; do
  expect_usage "$flag with --sweep" backtest --strategy conservative --sweep buy_below=1:2:1 $flag "$tmp/x.out" "$data"
  grep -qF "replayer: $flag: not with --sweep" "$tmp/u.err" || { cat "$tmp/u.err" >&2; fail "$flag with --sweep: no reason"; }
  [ ! -e "$tmp/x.out" ] || fail "$flag with --sweep wrote a file"
done
expect_usage "--sweep unknown key names the sweep" backtest --strategy conservative --sweep nosuch=1:2:1 "$data"
grep -qF "replayer: --sweep 'nosuch=1:2:1': at nosuch=1: unknown setting 'nosuch'" "$tmp/u.err" ||
  { cat "$tmp/u.err" >&2; fail "a bad --sweep key is not a sweep error"; }
expect_usage "--set starting_balance too large" backtest --strategy conservative --set starting_balance=1e12 "$data"
grep -qF "out of range" "$tmp/u.err" || fail "a too-large starting_balance is not named out of range"
expect_usage "--set sidebet_window INT64_MAX" backtest --strategy conservative --set sidebet_window=9223372036854775807 "$data"
expect_usage "--set sidebet_cooldown INT64_MAX" backtest --strategy conservative --set sidebet_cooldown=9223372036854775807 "$data"
echo '{"name": "typo", "rules": [{"action": "buy", "amount": "0.01", "whne": [["price", "<", 2]]}]}' >"$tmp/typo.json"
expect_usage "a typo'd key in a strategy" backtest --strategy "$tmp/typo.json" "$data"
grep -qF "typo.json: \$.rules[0].whne: unknown key (allowed: action, amount, when, at_tick)" "$tmp/u.err" ||
  { cat "$tmp/u.err" >&2; fail "the typo'd key is not named with its JSON path"; }
echo '{"name": "third", "rules": [{"action": "sell", "amount": 0.3}]}' >"$tmp/third.json"
expect_usage "a sell fraction not offered" backtest --strategy "$tmp/third.json" "$data"
grep -qF '0.1, 0.25, 0.5 or 1, not 0.3' "$tmp/u.err" || { cat "$tmp/u.err" >&2; fail "the sell fraction is not explained"; }
expect_usage "--jobs 0" backtest --strategy conservative --jobs 0 "$data"
expect_usage "--jobs -1" backtest --strategy conservative --jobs -1 --wallet per-game "$data"
expect_usage "missing path" backtest --strategy conservative "$tmp/nowhere"
grep -qF "replayer: --strategy: 'nosuch' is neither a built-in strategy" <("$bin" backtest --strategy nosuch "$data" 2>&1 || true) ||
  fail "the unknown-strategy message does not name the problem"

# 6. The list of strategies.
"$bin" strategies >"$tmp/strategies.txt" || fail "replayer strategies failed"
for name in aggressive conservative foundational sidebet; do
  grep -qE "^$name: " "$tmp/strategies.txt" || fail "replayer strategies does not list $name"
done
for key in starting_balance min_amount max_amount sidebet_window sidebet_payout sidebet_cooldown latency_ticks wallet \
  max_stake_per_order max_exposure session_loss_limit max_orders_per_game max_consecutive_losses; do
  grep -qE "^    $key = " "$tmp/strategies.txt" || fail "replayer strategies does not list the setting $key"
done
ok

echo "backtest_cli: $checks checks passed"
