#!/usr/bin/env bash
# The Debian packages the lab and the tests use (called by scripts/setup.sh). Idempotent: does nothing
# when all are installed. A package that cannot be installed fails setup loudly: exit 1 naming it.
# DNS servers are installed but never started as system services: the lab and the tests start their
# own instances on loopback addresses.
# For the tests of this script only: DW_SETUP_PACKAGES (the list), DW_APT_GET (the apt-get command),
# DW_POLICY_RC_D (where the no-service-start policy goes).
set -euo pipefail

default_pkgs="nsd knot unbound bind9 bind9-dnsutils ldnsutils dnsperf postgresql chromium firefox-esr fonts-noto-cjk poppler-utils libxml2-utils"
read -r -a pkgs <<< "${DW_SETUP_PACKAGES:-$default_pkgs}"
apt_get="${DW_APT_GET:-apt-get}"
policy="${DW_POLICY_RC_D:-/usr/sbin/policy-rc.d}"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing_now() { local p out=(); for p in "${pkgs[@]}"; do installed "$p" || out+=("$p"); done; echo "${out[*]}"; }

read -r -a missing <<< "$(missing_now)"
[ "${#missing[@]}" -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ] && [ -z "${DW_APT_GET:-}" ]; then
  if ! command -v sudo >/dev/null; then
    echo "setup: FAILED: required Debian packages missing: ${missing[*]} — not root and no sudo: install them as root, then run again" >&2
    exit 1
  fi
  SUDO=sudo
fi

echo "setup: installing Debian packages: ${missing[*]}" >&2
# Keep the packages' init scripts from starting system-wide servers on port 53.
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod +x "$policy"
  trap '$SUDO rm -f "$policy"' EXIT
fi
update_log="$(mktemp)"
if ! $SUDO "$apt_get" update -qq >"$update_log" 2>&1; then
  # Not fatal by itself (the cached lists may still hold the packages), but never silent.
  echo "setup: warning: apt-get update failed; trying the install with the cached package lists:" >&2
  sed 's/^/  apt-get update: /' "$update_log" >&2
fi
rm -f "$update_log"
install_status=0
DEBIAN_FRONTEND=noninteractive $SUDO "$apt_get" install -y -qq --no-install-recommends "${missing[@]}" >&2 || install_status=$?

read -r -a still <<< "$(missing_now)"
if [ "${#still[@]}" -gt 0 ]; then
  echo "setup: FAILED: required Debian packages not installed: ${still[*]} (apt-get install exit ${install_status})" >&2
  exit 1
fi
echo "setup: Debian packages installed: ${missing[*]}" >&2
