#!/usr/bin/env bash
# Builds with canary values in every server secret and fails if any of them reaches the
# client bundle (.next/static): server configuration must never be inlined into browser code.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXTAUTH_SECRET=canary-nextauth-secret-7f3a9c1e5b
export STRIPE_WEBHOOK_SECRET=whsec_canary_webhook_secret_7f3a9c
export STRIPE_SECRET_KEY=sk_test_canary_stripe_key_7f3a9c
export OPS_API_TOKEN=canary-ops-api-token-7f3a9c1e5b2d
export HUBSPOT_ACCESS_TOKEN=canary-hubspot-token-7f3a9c
export HUBSPOT_CLIENT_SECRET=canary-hubspot-client-secret-7f3a9c
export ZENDESK_API_TOKEN=canary-zendesk-token-7f3a9c
export ZENDESK_WEBHOOK_SECRET=canary-zendesk-webhook-secret-7f3a9c
export APP_WEBHOOK_SECRET=whsec_Y2FuYXJ5LWFwcC13ZWJob29rLXNlY3JldA==
export APP_INBOUND_WEBHOOK_SECRET=whsec_Y2FuYXJ5LWFwcC1pbmJvdW5kLXNlY3JldA==
export DATABASE_URL=postgresql://canary_user:canary-db-password-7f3a9c@127.0.0.1:5432/canary
npx next build
leaks=0
for v in "$NEXTAUTH_SECRET" "$STRIPE_WEBHOOK_SECRET" "$STRIPE_SECRET_KEY" "$OPS_API_TOKEN" "$HUBSPOT_ACCESS_TOKEN" \
  "$HUBSPOT_CLIENT_SECRET" "$ZENDESK_API_TOKEN" "$ZENDESK_WEBHOOK_SECRET" "$APP_WEBHOOK_SECRET" \
  "$APP_INBOUND_WEBHOOK_SECRET" "canary-db-password-7f3a9c"; do
  if grep -rqF -- "$v" .next/static; then echo "secret value found in .next/static: ${v:0:12}…"; leaks=1; fi
done
[ "$leaks" -eq 0 ] && echo "no server secret in the client bundle"
exit "$leaks"
