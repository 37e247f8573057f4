#!/usr/bin/env bash
# `npm start` with a missing and a malformed variable must refuse to start and name both.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
set +e
timeout 60 env -i PATH="$PATH" HOME="$HOME" NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 \
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres STRIPE_WEBHOOK_SECRET=sk_not_a_webhook_secret \
  npx next start -p "${STARTUP_CHECK_PORT:-3298}" >"$out" 2>&1
code=$?
set -e
cat "$out"
[ "$code" -ne 0 ] && [ "$code" -ne 124 ] || { echo "server started without its configuration (exit $code)"; exit 1; }
grep -q "NEXTAUTH_SECRET" "$out" || { echo "missing variable not named"; exit 1; }
grep -q "STRIPE_WEBHOOK_SECRET: must start with whsec_" "$out" || { echo "malformed variable not named"; exit 1; }
if grep -q "sk_not_a_webhook_secret" "$out"; then echo "the bad value was echoed"; exit 1; fi
echo "start-up refuses bad configuration and names it"
