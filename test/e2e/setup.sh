#!/usr/bin/env bash
# Installs what the end-to-end tests need: Debian's chromium (driven by playwright-core; only the
# tests need a browser) and the Kerberos headers with apt-get when missing (root or sudo), then
# code-server and its Node 24 (scripts/install-code-server.sh, cached in .e2e-cache/).
set -euo pipefail
cd "$(dirname "$0")/../.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "e2e setup: apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

bash scripts/install-code-server.sh
echo "e2e setup: $(chromium --version 2>/dev/null | head -1)"
