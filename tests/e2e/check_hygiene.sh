#!/usr/bin/env bash
# `replayer check` over tests/data says of every game what `replay` says of it (the same words),
# lists each gap, counts the warnings in its summary and leaves them out with --quiet; on a
# terminal its progress bar is cleared before every line, so no warning is glued to it.
# Usage: bash tests/e2e/check_hygiene.sh PATH/TO/replayer SOURCE_DIR
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 REPLAYER_BINARY SOURCE_DIR" >&2; exit 2; }
bin=$1
data=$2/tests/data
[ -x "$bin" ] || { echo "check_hygiene: $bin is not an executable; build first" >&2; exit 1; }
[ -d "$data" ] || { echo "check_hygiene: SKIP: $data is missing"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# --- the games' problems: replay's last column, check's "FILE: game ID: ..." lines
"$bin" replay "$data" 2>/dev/null | awk -F'  ' 'NF > 6 && $NF != "ok" {print $1 "|" $2 "|" $NF}' | sort >"$tmp/replay"
code=0
"$bin" check "$data" >"$tmp/check.out" 2>"$tmp/check.err" || code=$?
[ "$code" -eq 1 ] || fail "check exited $code, expected 1 (tests/data has 14 bad lines)"
grep -E '^[^ ]+: game [^:]+: ' "$tmp/check.out" | grep -vE ': (gap after tick|phase anomaly at) ' |
  sed -E 's|^(.+): game ([^:]+): (.+)$|\1\|\2\|\3|' | while IFS='|' read -r file id problems; do
    echo "${file##*/}|$id|$problems"
  done | sort >"$tmp/check"
[ "$(wc -l <"$tmp/replay")" -eq 8 ] || fail "replay reports $(wc -l <"$tmp/replay") games with problems, expected 8"
diff "$tmp/replay" "$tmp/check" >"$tmp/diff" || fail "check and replay differ (< replay, > check): $(cat "$tmp/diff")"
grep -qxF "$data/game_20251031_152108.jsonl: game 20251031-3e416afec69a49b1: gap after tick 30: 19 price ticks missing" \
  "$tmp/check.out" || fail "check does not list the gap after tick 30"
[ "$(grep -c ': gap after tick ' "$tmp/check.out")" -eq 8 ] || fail "check does not list the 8 gaps one by one"
want="checked 12 files, 2371 lines (2334 tick lines), 12 games (2 without a rug, 4 started mid-game, 2 with gaps: 34 price ticks missing), 16 warnings: 14 bad lines in 2 files, 0 phase anomalies"
[ "$(tail -n 1 "$tmp/check.out")" == "$want" ] || fail "check summary differs:
  expected: $want
  got:      $(tail -n 1 "$tmp/check.out")"
[ "$(grep -cE ': game [^:]+: ' "$tmp/check.out")" -eq 16 ] || fail "the summary's 16 warnings are not the lines printed"

# --- --quiet: the bad lines and the exit code stay, the warnings go and are counted
code=0
"$bin" check --quiet "$data" >"$tmp/quiet.out" 2>"$tmp/quiet.err" || code=$?
[ "$code" -eq 1 ] || fail "check --quiet exited $code, expected 1"
[ "$(grep -c '\.jsonl:[0-9]*: ' "$tmp/quiet.out")" -eq 14 ] || fail "check --quiet does not list the 14 bad lines"
! grep -qE ': game [^:]+: ' "$tmp/quiet.out" || fail "check --quiet printed a warning"
[ "$(tail -n 1 "$tmp/quiet.out")" == "${want/16 warnings/16 warnings not shown (--quiet)}" ] ||
  fail "check --quiet summary: $(tail -n 1 "$tmp/quiet.out")"

# --- on a terminal (stdout and stderr the same pty): every line printed starts on a cleared
# line, and the last bar shows files done of 12.
script -qec "$bin check $data" "$tmp/tty.log" >/dev/null 2>&1 </dev/null || true
tr -d '\r' <"$tmp/tty.log" | sed -E 's/  ETA [0-9hms]+//g' >"$tmp/tty.txt"
glued=$(grep -aE '\] [0-9]+/12 files[^[:cntrl:]]' "$tmp/tty.txt" || true)
[ -z "$glued" ] || fail "a line is glued to the progress bar: $(head -1 <<<"$glued" | cat -v)"
grep -aqE '\[[#.]{30}\] 11/12 files' "$tmp/tty.txt" || fail "no progress bar on a terminal: $(head -c 300 "$tmp/tty.txt" | cat -v)"
[ "$(grep -ac ': game [^:]*: ' "$tmp/tty.txt")" -eq 16 ] || fail "on a terminal the 16 warnings are not all printed"

if [ "$failures" -ne 0 ]; then
  echo "check_hygiene: $failures checks failed" >&2
  exit 1
fi
echo "check_hygiene: ok: 8 games with problems, the same words in replay and check; 16 warnings, --quiet counts them"
