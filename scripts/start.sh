#!/usr/bin/env bash
# Quick start: set up (idempotent), start the bundled DNS lab on loopback, and run the platform
# watching it. With a config argument, watch that config instead of the lab.
#   scripts/start.sh                 # lab + platform, data under ./data
#   scripts/start.sh my-config.yaml  # your own systems
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
if [ "$#" -ge 1 ]; then
  exec node bin/dnswarden.mjs serve --config "$1" --data "${DNSWARDEN_DATA:-./data}"
fi
node bin/dnswarden.mjs lab up --dir ./lab-run
trap 'node bin/dnswarden.mjs lab down --dir ./lab-run' EXIT
node bin/dnswarden.mjs serve --config ./lab-run/dnswarden.yaml --data "${DNSWARDEN_DATA:-./data}"
