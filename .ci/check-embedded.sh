#!/usr/bin/env bash
# Starts the README's run command exactly as a newcomer would (no DATABASE_URL, no SMTP,
# no Inngest), in a scratch data folder, waits for /api/health, checks the demo sign-in
# page, then stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${EMBEDDED_CHECK_PORT:-3200}
data=$(mktemp -d)
log=$(mktemp)
env -u DATABASE_URL -u SMTP_URL -u INNGEST_EVENT_KEY -u INNGEST_DEV \
  PORT=$port EMBEDDED_PG_PORT=54339 DEMO_SMTP_PORT=1125 EMBEDDED_DATA_DIR="$data" DEMO_FAKE_PORTS_RANDOM=1 \
  setsid npm run dev >"$log" 2>&1 &
pid=$!
cleanup() {
  kill -TERM -- "-$pid" 2>/dev/null || true
  sleep 2
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

ok=""
for _ in $(seq 1 180); do
  if curl -fsS "http://localhost:$port/api/health" >/tmp/embedded-health.json 2>/dev/null; then ok=1; break; fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 1
done
if [ -z "$ok" ]; then
  echo "embedded default did not become healthy; its log:"
  tail -50 "$log"
  exit 1
fi
cat /tmp/embedded-health.json; echo
grep -q '"database":{"status":"ok"' /tmp/embedded-health.json
curl -fsS "http://localhost:$port/signin" | grep -q "Demo mode: sign in with one click" || { echo "demo sign-in missing"; exit 1; }
curl -fsS -o /dev/null -w "%{http_code}\n" "http://localhost:$port/customers" | grep -q 307
echo "embedded default: healthy, seeded, demo sign-in offered"
