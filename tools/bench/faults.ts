// Bench part "faults" (issue 7): connector faults, kill -9 of the server, Postgres restart —
// each on a fresh database through the production server, with provider-style retries.
import { runConnectorFaults } from "@/tools/bench/faults/connector-faults";
import { runKillServer } from "@/tools/bench/faults/kill-server";
import { runPostgresRestart } from "@/tools/bench/faults/postgres-restart";
import { FAULT_RUN_ENV } from "@/tools/bench/faults/scenario";
import { machine, today, type BenchOptions, type PartResult } from "@/tools/bench/harness";

/** Run sizes: `--short` fits CI's budget; the long version is what BENCHMARKS.md reports. */
export function faultSizes(short: boolean) {
  return short
    ? {
        connectors: { rate: 8, seconds: 8 },
        kill: { rate: 8, seconds: 10 },
        killDownMs: 1_500,
        postgres: { rate: 8, seconds: 12 },
        postgresDownMs: 4_000,
      }
    : {
        connectors: { rate: 20, seconds: 30 },
        kill: { rate: 20, seconds: 30 },
        killDownMs: 3_000,
        postgres: { rate: 20, seconds: 30 },
        postgresDownMs: 10_000,
      };
}

export async function runFaults(o: BenchOptions): Promise<PartResult> {
  const size = faultSizes(o.short);
  const parts = [
    await runConnectorFaults(o, size.connectors),
    await runKillServer(o, size.kill, size.killDownMs),
    await runPostgresRestart(o, size.postgres, size.postgresDownMs),
  ];
  return {
    lines: [
      `## Faults — ${today()}${o.short ? " (short run)" : ""}`,
      "",
      `Machine: ${machine()}; \`next start\` (production build), in-process executor, connectors against the local fakes, welcome emails to a local SMTP capture; one fresh database per scenario. Load: signed Stripe \`invoice.paid\` events (one new customer each), open-loop, from the same machine. Sync settings of these runs: \`SYNC_CALL_TIMEOUT_MS=${FAULT_RUN_ENV.SYNC_CALL_TIMEOUT_MS}\`, \`SYNC_BACKOFF_BASE_MS=${FAULT_RUN_ENV.SYNC_BACKOFF_BASE_MS}\`.`,
      `Command: \`${o.command}\``,
      "",
      ...parts.flatMap((p) => p.lines),
    ],
    checks: parts.flatMap((p) => p.checks),
  };
}
