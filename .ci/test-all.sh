#!/usr/bin/env bash
# `npm test`: the full suite. Static checks, unit + integration tests on a real Postgres
# database the run creates itself, a production build, browser tests against it, short
# load and fault runs against it (tools/bench/cli.ts --short), and a smoke run of the embedded
# default (`npm run dev` with no DATABASE_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n::: %s\n' "$*"; }

step "format, lint, types"
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
npx eslint . --max-warnings 0
npx tsc --noEmit

step "migrations match the schema"
bash .ci/check-migrations.sh

step "unit and integration tests (Vitest, real Postgres, coverage gates)"
npx vitest run --coverage

step "production build (with canary secrets: none may reach the client bundle)"
bash .ci/check-client-bundle.sh

step "start-up refuses a missing or malformed configuration"
bash .ci/check-startup-config.sh

step "end-to-end (Playwright, Debian Chromium, next start, real SMTP)"
npx playwright test

step "load and fault runs, short (the build above, real Postgres, fakes failing 30 % of calls)"
npx tsx tools/bench/cli.ts --short --no-write --only ingest,scale,backlog,faults,reads,cost,import --port 0 \
  --database "${BENCH_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/launchready_ci_bench}"

step "embedded default smoke run"
bash .ci/check-embedded.sh

echo
echo "all checks passed"
