// Fault scenario: HubSpot, Zendesk and the product app's webhook fail 30 % of calls (500,
// 429, hang, lost response) during a load run. Nothing may be lost or duplicated,
// and the sync-latency alert must fire.
import { PrismaPg } from "@prisma/adapter-pg";
import { ensureDefaultRules } from "@/lib/alerts/default-rules";
import { updateAlertRule } from "@/lib/alerts/update-alert-rule";
import {
  check,
  databaseNamed,
  sleep,
  type BenchOptions,
  type PartResult,
} from "@/tools/bench/harness";
import { runScenario, FAULT_RUN_ENV, type ScenarioSize } from "@/tools/bench/faults/scenario";
import type { Db } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { FaultKind } from "@/fakes/faults";
import { freshDatabase } from "@/tools/bench/stack";

const KINDS: FaultKind[] = ["500", "429", "hang", "lost-response"];

/**
 * The sync-latency rule's threshold for this run. The default (p95 > 60 s) needs minutes of
 * backlog; a short run under these faults reaches ~10–30 s, a fault-free one a few seconds.
 */
export const LATENCY_THRESHOLD_S = 8;

export async function runConnectorFaults(o: BenchOptions, size: ScenarioSize): Promise<PartResult> {
  const databaseUrl = databaseNamed(o.database, "connectors");
  return runScenario(o, {
    title: "Connector faults (30 % of calls fail)",
    databaseUrl,
    createDatabase: () => freshDatabase(databaseUrl, o.database),
    size,
    drainTimeoutMs: 400_000,
    async prepare(stack) {
      // Through the same functions the /alerts settings use, before the server starts.
      const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
      try {
        await ensureDefaultRules(prisma as unknown as Db);
        const rule = await prisma.alertRule.findUniqueOrThrow({
          where: { key: "sync_latency_p95" },
        });
        await updateAlertRule(
          prisma as unknown as Db,
          { ruleId: rule.id, enabled: true, threshold: LATENCY_THRESHOLD_S, windowMinutes: 60 },
          "bench",
        );
      } finally {
        await prisma.$disconnect();
      }
      for (const [i, fake] of [stack.fakes.hubspot, stack.fakes.zendesk, stack.fakes.app].entries())
        fake.faults.random({ rate: 0.3, seed: 700 + i, kinds: KINDS });
    },
    async during({ stack, db }) {
      const started = performance.now();
      // Faults last through the load run and until every side effect has been tried at
      // least once under them; then the connectors answer again, so the drain measures the
      // backlog's recovery rather than the far tail of exponential backoff.
      await sleep(size.seconds * 1000);
      for (let i = 0; i < 240; i++) {
        const untried = await db.count(`
          SELECT (SELECT count(*) FROM "SyncTask" WHERE attempts = 0)
               + (SELECT count(*) FROM "LedgerEvent" WHERE status IN ('received','processing')) AS n`);
        if (untried === 0) break;
        await sleep(500);
      }
      const offAfter = Math.round(performance.now() - started) / 1000;
      for (const f of [stack.fakes.hubspot, stack.fakes.zendesk, stack.fakes.app])
        f.faults.random(null);
      return {
        lines: [
          `- Faults on from the start until every side effect had been attempted at least once (${offAfter.toFixed(0)} s).`,
        ],
        checks: [],
      };
    },
    async after({ stack, db }) {
      const fakes = [stack.fakes.hubspot, stack.fakes.zendesk, stack.fakes.app];
      const counts = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
      for (const f of fakes) for (const k of KINDS) counts[k] += f.faults.counts[k];
      const calls = fakes.reduce((n, f) => n + f.requests.length, 0);
      const injected = KINDS.reduce((n, k) => n + counts[k], 0);
      const alerts = (
        await db.query<{
          key: string;
          scope: string;
          state: string;
          detail: string;
          firedAt: Date;
        }>(`
          SELECT r.key, a.scope, a.state::text, a.detail, a."firedAt"
            FROM "Alert" a JOIN "AlertRule" r ON r.id = a."ruleId" ORDER BY a."firedAt"`)
      ).rows;
      const latency = alerts.filter((a) => a.key === "sync_latency_p95");
      return {
        lines: [
          `- Faults: ${injected} of ${calls} connector calls failed (${KINDS.map((k) => `${k} ${counts[k]}`).join(", ")}); a hang is abandoned after the sync call timeout (${Number(FAULT_RUN_ENV.SYNC_CALL_TIMEOUT_MS) / 1000} s in this run, 10 s by default) and retried with backoff (base ${Number(FAULT_RUN_ENV.SYNC_BACKOFF_BASE_MS) / 1000} s here, 2 s by default).`,
          `- Alerts: the sync-latency rule's threshold was set to p95 > ${LATENCY_THRESHOLD_S} s before the run (\`updateAlertRule\`, as on /alerts; default 60 s, which a short run cannot reach). Raised: ${alerts.map((a) => `${a.key} ${a.scope} (${a.state}: ${a.detail})`).join("; ") || "none"}.`,
        ],
        checks: [
          check(
            "faults were injected (errors and hangs)",
            injected >= calls * 0.15 && counts.hang > 0 && counts["500"] > 0,
            `${injected} of ${calls} calls, ${counts.hang} hangs`,
          ),
          check(
            "sync-latency alert raised",
            latency.length > 0,
            latency.map((a) => `${a.scope} fired at ${a.firedAt.toISOString()}`).join(", ") ||
              "none",
          ),
        ],
      };
    },
  });
}
