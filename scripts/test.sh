#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine: installs what it needs (idempotent), then runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
npm test -- "$@"
