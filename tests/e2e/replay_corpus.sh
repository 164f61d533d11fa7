#!/usr/bin/env bash
# `replayer replay` over the whole shared corpus (../shared/data/recordings, 310 recordings):
# every file is read, the 67 corrupt lines are reported as FILE:LINE on stderr and counted,
# the totals are right, and `--json` output is byte-identical from one run to the next.
# `replayer check` must list every one of the 67 lines, and say of every game what replay says
# of it (no rug, started mid-game, gaps, phase anomalies) unless --quiet, which counts them.
# Exit code 77 (CTest: skipped) when the shared corpus is missing.
# Usage: bash tests/e2e/replay_corpus.sh PATH/TO/replayer SOURCE_DIR [SHARED_DIR]
#        (SHARED_DIR defaults to SOURCE_DIR/../shared)
set -euo pipefail

[ $# -eq 2 ] || [ $# -eq 3 ] || { echo "usage: $0 REPLAYER_BINARY SOURCE_DIR [SHARED_DIR]" >&2; exit 2; }
bin=$1
src=$2
corpus=${3:-$src/../shared}/data/recordings
[ -x "$bin" ] || { echo "replay_corpus: $bin is not an executable; build first" >&2; exit 1; }
if [ ! -d "$corpus" ]; then
  echo "replay_corpus: SKIP: $corpus is missing (the shared corpus is not beside the source tree)"
  exit 77
fi
corpus=$(cd "$corpus" && pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# The corrupt lines, found independently (Python's json module over the corpus).
expected_bad=$tmp/expected_bad
{
  for n in 4 6 8 9 11 12 14 15 16 17 18 19 20 21 23 25 27 28 31 32 34 35 36 37 38 39 40 41 42 44 45 46 47 48 \
           49 50 51 53 54 55 58 59 61 63 64 65 68 72 73 74 75 77; do
    echo "$corpus/game_20251031_150556.jsonl:$n"
  done
  for n in 152 157 159 164 170 174 176 177 178 179 180 183 187; do echo "$corpus/game_20251031_152108.jsonl:$n"; done
  echo "$corpus/game_20251102_184909.jsonl:2"
  echo "$corpus/game_20251102_202224.jsonl:4"
} >"$expected_bad"
[ "$(wc -l <"$expected_bad")" -eq 67 ] || { echo "replay_corpus: the expected list is broken" >&2; exit 1; }

files=$(find "$corpus" -name '*.jsonl' -type f | wc -l)
[ "$files" -eq 310 ] || fail "the corpus has $files recordings, expected 310"

# --- two --json runs: same bytes, exit 0
for run in 1 2; do
  code=0
  "$bin" replay "$corpus" --json >"$tmp/json$run.out" 2>"$tmp/json$run.err" </dev/null || code=$?
  [ "$code" -eq 0 ] || fail "replay --json run $run exited $code"
done
if ! cmp -s "$tmp/json1.out" "$tmp/json2.out"; then
  fail "--json output differs between two runs:"
  diff "$tmp/json1.out" "$tmp/json2.out" | head -10 >&2 || true
fi
cmp -s "$tmp/json1.err" "$tmp/json2.err" || fail "stderr differs between two runs"

summary='{"type": "summary", "files": 310, "games": 311, "tick_lines": 107955, "bad_lines": 67, "phase_anomalies": 0, "incomplete_games": 17, "interrupted": false}'
last=$(tail -n 1 "$tmp/json1.out")
[ "$last" == "$summary" ] || fail "summary line differs:
  expected: $summary
  got:      $last"
games=$(grep -c '^{"type": "game", ' "$tmp/json1.out" || true)
[ "$games" -eq 311 ] || fail "$games game lines, expected 311"
[ "$(wc -l <"$tmp/json1.out")" -eq 312 ] || fail "$(wc -l <"$tmp/json1.out") lines on stdout, expected 311 games + 1 summary"

# One game, worked out by hand from its 8 lines (a recording that starts mid-game).
small=$corpus/game_20251030_172148_95c3468b.jsonl
want_game='{"type": "game", "file": "'$small'", "game_id": "20251030-686e859695c3468b", "tick_lines": 6, "first_tick": 174, "last_tick": 180, "peak": "1.7363163050173014", "rug_tick": 178, "rug_price": "0.013359399798670755", "duration_ms": 1414, "bad_lines": 0, "phase_anomalies": 0, "gaps": 0, "missing_price_ticks": 0, "complete": true, "started_mid_game": true, "phases": {"UNKNOWN": 0, "PRESALE": 0, "GAME_ACTIVATION": 0, "ACTIVE_GAMEPLAY": 5, "RUG_EVENT_1": 1, "RUG_EVENT_2": 0, "COOLDOWN": 0}}'
got_game=$(grep -F '"game_id": "20251030-686e859695c3468b"' "$tmp/json1.out" || true)
[ "$got_game" == "$want_game" ] || fail "game 20251030-686e859695c3468b differs:
  expected: $want_game
  got:      $got_game"

# --- stderr: bad lines as `replayer: warning: FILE:LINE: reason`, at most 20 per file, then
# `replayer: warning: FILE: N more bad lines skipped, not shown (...)`. Shown + not shown = 67, and every
# one shown is one of the 67.
err=$tmp/json1.err
grep -Ev '^replayer: warning: .+:[0-9]+: .+$|^replayer: warning: .+: [0-9]+ more bad lines skipped, not shown \(replayer check .+ lists them all\)$' \
  "$err" >"$tmp/other_err" || true
[ ! -s "$tmp/other_err" ] || fail "unexpected lines on stderr:
$(head -5 "$tmp/other_err")"
sed -nE 's/^replayer: warning: (.+:[0-9]+): .+$/\1/p' "$err" | grep -v ' more bad lines skipped, not shown' >"$tmp/shown" || true
shown=$(wc -l <"$tmp/shown")
not_shown=$(sed -nE 's/^replayer: warning: .+: ([0-9]+) more bad lines skipped, not shown .*/\1/p' "$err" | awk '{s += $1} END {print s + 0}')
[ $((shown + not_shown)) -eq 67 ] || fail "stderr reports $shown bad lines and $not_shown more, expected 67 in all"
unknown=$(grep -vxF -f "$expected_bad" "$tmp/shown" || true)
[ -z "$unknown" ] || fail "stderr reports lines that are not corrupt: $unknown"
[ "$(sort -u "$tmp/shown" | wc -l)" -eq "$shown" ] || fail "stderr reports a line twice"

# --- text mode: the same totals
code=0
text=$("$bin" replay "$corpus" --quiet 2>/dev/null </dev/null) || code=$?
want_text="replayed 310 files, 311 games, 107955 tick lines; 67 bad lines, 0 phase anomalies, 17 incomplete games"
[ "$code" -eq 0 ] && [ "$text" == "$want_text" ] || fail "replay --quiet: exit $code
  expected: $want_text
  got:      $text"

# --- check lists all 67 as FILE:LINE: reason on stdout, exit 1
code=0
"$bin" check "$corpus" >"$tmp/check.out" 2>"$tmp/check.err" </dev/null || code=$?
[ "$code" -eq 1 ] || fail "check exited $code, expected 1 (bad lines found)"
sed -nE 's/^(.+\.jsonl:[0-9]+): .+$/\1/p' "$tmp/check.out" >"$tmp/check_lines"
if ! diff "$expected_bad" "$tmp/check_lines" >"$tmp/check.diff"; then
  fail "check does not list exactly the 67 corrupt lines (< expected, > listed):"
  head -10 "$tmp/check.diff" >&2
fi
want_games="311 games (17 without a rug, 15 started mid-game, 5 with gaps: 75 price ticks missing)"
want_check="checked 310 files, 108646 lines (107955 tick lines), $want_games, 50 warnings: 67 bad lines in 4 files, 0 phase anomalies"
[ "$(tail -n 1 "$tmp/check.out")" == "$want_check" ] || fail "check summary differs:
  expected: $want_check
  got:      $(tail -n 1 "$tmp/check.out")"

# --- check says of each game what replay says: the same problems, in the same words
"$bin" replay "$corpus" 2>/dev/null </dev/null | awk -F'  ' 'NF > 6 && $NF != "ok" {print $1 "|" $2 "|" $NF}' |
  sort >"$tmp/replay_problems"
sed -nE 's|^(.+): game ([^:]+): (.+)$|\1\|\2\|\3|p' "$tmp/check.out" | grep -vE '\|(gap after tick|phase anomaly at) ' |
  while IFS='|' read -r file id problems; do echo "${file##*/}|$id|$problems"; done | sort >"$tmp/check_problems"
[ -s "$tmp/replay_problems" ] || fail "replay reports no game with a problem"
diff "$tmp/replay_problems" "$tmp/check_problems" >"$tmp/problems.diff" ||
  fail "check and replay say different things of the games (< replay, > check): $(head -5 "$tmp/problems.diff")"
warnings=$(grep -cE '^.+: game [^:]+: ' "$tmp/check.out" || true)
[ "$warnings" -eq 50 ] || fail "check printed $warnings warnings, its summary counts 50"

# --- check --quiet: the same problems and exit code, no warnings, the summary counts them
code=0
"$bin" check --quiet "$corpus" >"$tmp/quiet.out" 2>"$tmp/quiet.err" </dev/null || code=$?
[ "$code" -eq 1 ] || fail "check --quiet exited $code, expected 1"
! grep -qE '^.+: game [^:]+: ' "$tmp/quiet.out" || fail "check --quiet printed warnings: $(grep -m1 ': game ' "$tmp/quiet.out")"
sed -nE 's/^(.+\.jsonl:[0-9]+): .+$/\1/p' "$tmp/quiet.out" | diff -q "$expected_bad" - >/dev/null ||
  fail "check --quiet does not list the 67 corrupt lines"
want_quiet="checked 310 files, 108646 lines (107955 tick lines), $want_games, 50 warnings not shown (--quiet): 67 bad lines in 4 files, 0 phase anomalies"
[ "$(tail -n 1 "$tmp/quiet.out")" == "$want_quiet" ] || fail "check --quiet summary differs:
  expected: $want_quiet
  got:      $(tail -n 1 "$tmp/quiet.out")"

if [ "$failures" -ne 0 ]; then
  echo "replay_corpus: $failures checks failed" >&2
  exit 1
fi
echo "replay_corpus: ok: 310 files, 311 games, 67 bad lines ($shown shown as FILE:LINE, $not_shown summarised), --json identical across runs"
