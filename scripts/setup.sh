#!/usr/bin/env bash
# Installs what replayer needs from Debian 12 packages. Idempotent; silent when all is present.
# Chromium is for the browser-execution tests (a real peer for the CDP client), GNU parallel for
# the sharded-sweep test, curl and python3-prometheus-client (a real parser of the /metrics text) for
# the dashboard test.
# Usage: scripts/setup.sh [--fuzz]   (--fuzz adds clang's libFuzzer runtime)
set -euo pipefail

packages=(g++ cmake ninja-build ccache libssl-dev libcli11-dev
          libboost1.81-dev libboost-json1.81-dev libboost-log1.81-dev libboost-test1.81-dev
          chromium parallel curl python3-prometheus-client)
[[ "${1:-}" == "--fuzz" ]] && packages+=(clang libclang-rt-14-dev)
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
echo "setup: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
