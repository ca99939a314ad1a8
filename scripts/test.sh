#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine: installs what it needs (idempotent), then runs it:
# type-check, every test, the date-sensitive files again under far time zones (scripts/run-tests.ts).
# The last line is the skip count; with CI=true (as in .ci/run's environment) a skipped test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
# Node directly, not `npm test`: npm would print its own lines after the skip count.
exec node scripts/run-tests.ts "$@"
