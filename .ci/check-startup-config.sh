#!/usr/bin/env bash
# `npm start` with a bad configuration must refuse to start and name what is wrong:
#  1. a missing and a malformed variable;
#  2. an app webhook secret that is not whsec_ + base64 of at least 24 bytes;
#  3. INNGEST_EVENT_KEY without INNGEST_SIGNING_KEY in production (webhooks would answer 200
#     while no job runs).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${STARTUP_CHECK_PORT:-3298}"
out=$(mktemp)

# start_must_fail <what> <VAR=value>... : runs next start with only these variables.
start_must_fail() {
  local what=$1
  shift
  set +e
  timeout 60 env -i PATH="$PATH" HOME="$HOME" NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 "$@" \
    npx next start -p "$port" >"$out" 2>&1
  local code=$?
  set -e
  cat "$out"
  [ "$code" -ne 0 ] && [ "$code" -ne 124 ] || { echo "server started with $what (exit $code)"; exit 1; }
}

start_must_fail "a missing and a malformed variable" \
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres STRIPE_WEBHOOK_SECRET=sk_not_a_webhook_secret
grep -q "NEXTAUTH_SECRET" "$out" || { echo "missing variable not named"; exit 1; }
grep -q "STRIPE_WEBHOOK_SECRET: must start with whsec_" "$out" || { echo "malformed variable not named"; exit 1; }
if grep -q "sk_not_a_webhook_secret" "$out"; then echo "the bad value was echoed"; exit 1; fi

# Otherwise complete and valid configuration.
valid=(
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres
  NEXTAUTH_URL=http://localhost:3000 NEXTAUTH_SECRET=startup-check-secret-0123456789abcdef
  SMTP_URL=smtp://127.0.0.1:2525 STRIPE_WEBHOOK_SECRET=whsec_startup_check
  OPS_API_TOKEN=startup-check-ops-token-0123456789
)

short_secret="whsec_$(head -c 16 /dev/urandom | base64)"
start_must_fail "a short app webhook secret" "${valid[@]}" APP_INBOUND_WEBHOOK_SECRET="$short_secret"
grep -q "APP_INBOUND_WEBHOOK_SECRET: must be whsec_ followed by base64 of at least 24 bytes" "$out" ||
  { echo "short app webhook secret not named"; exit 1; }
if grep -qF "$short_secret" "$out"; then echo "the bad secret was echoed"; exit 1; fi

start_must_fail "an Inngest event key without a signing key" "${valid[@]}" INNGEST_EVENT_KEY=startup-check-event-key
grep -q "INNGEST_SIGNING_KEY: required in production when INNGEST_EVENT_KEY is set" "$out" ||
  { echo "missing Inngest signing key not named"; exit 1; }

echo "start-up refuses bad configuration and names it"
