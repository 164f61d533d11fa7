# Sourced by the e2e scripts that run replayer (or a peer) in the background.
#   harness_begin NAME [PID_VARIABLE...]: makes $tmp; on exit, kills the process whose pid each
#     named variable then holds, runs harness_more_cleanup if the script defines it, and removes
#     $tmp; defines fail MESSAGE, which counts a failure.
#   harness_end [TEXT]: exits 1 when a check failed, else prints "NAME: TEXT" (default "ok").
harness_begin() {
  harness_name=$1
  shift
  harness_pid_variables=("$@")
  tmp=$(mktemp -d)
  failures=0
  trap harness_cleanup EXIT
}

harness_cleanup() {
  local variable
  for variable in "${harness_pid_variables[@]}"; do
    [ -z "${!variable:-}" ] || kill -KILL "${!variable}" 2>/dev/null || true
  done
  ! declare -F harness_more_cleanup >/dev/null || harness_more_cleanup
  rm -rf "$tmp"
}

fail() {
  echo "$harness_name: FAIL: $*" >&2
  failures=$((failures + 1))
}

harness_end() {
  [ "$failures" -eq 0 ] || { echo "$harness_name: $failures checks failed" >&2; exit 1; }
  echo "$harness_name: ${1:-ok}"
}
