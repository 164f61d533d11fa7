# Sourced by the end-to-end tests that need the npm socket.io server: installs the version pinned
# in tests/reference/socketio_server/package.json into a copy with `npm ci`, and gives a helper to
# wait for a line in a file. The caller defines skip() (exit 77) and has $tmp.
#   install_socketio SOURCE_DIR DEST   ->  DEST/node_modules/socket.io, or skip / exit 1
#   wait_for FILE PATTERN SECONDS      ->  0 once a line of FILE matches the extended regex PATTERN

install_socketio() {
  local pkg=$1/tests/reference/socketio_server dest=$2
  command -v node >/dev/null || skip "node is not installed (scripts/setup.sh installs nodejs and npm)"
  command -v npm >/dev/null || skip "npm is not installed (scripts/setup.sh installs nodejs and npm)"
  mkdir -p "$dest"
  cp "$pkg/package.json" "$pkg/package-lock.json" "$dest/"
  local flags=(--no-audit --no-fund --prefer-offline --fetch-retries=1 --fetch-timeout=15000)
  if ! (cd "$dest" && timeout 90 npm ci "${flags[@]}") >"$dest/npm.log" 2>&1; then
    if ! (cd "$dest" && timeout 20 npm ping --fetch-retries=0 --fetch-timeout=10000) >>"$dest/npm.log" 2>&1; then
      tail -5 "$dest/npm.log" >&2
      skip "npm cannot reach its registry ($(npm config get registry)) to install socket.io"
    fi
    cat "$dest/npm.log" >&2
    echo "npm ci failed although the registry answers" >&2
    exit 1
  fi
}

wait_for() {
  local i
  for ((i = 0; i < $3 * 20; i++)); do
    grep -Eq "$2" "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  return 1
}
