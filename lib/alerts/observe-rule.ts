import type { RuleKey } from "@/lib/alerts/default-rules";
import type { Db } from "@/lib/db";
import { certificateExpiries, consecutiveDown } from "@/lib/launch/uptime/measures";
import { syncBacklog } from "@/lib/metrics/backlog";
import { duplicateSideEffects } from "@/lib/metrics/duplicates";
import { paymentToAccess } from "@/lib/metrics/payment-to-access";
import { sourceSilence } from "@/lib/metrics/source-silence";
import { ticketsCreated } from "@/lib/metrics/support-tickets";
import { webhookFailureRate } from "@/lib/metrics/webhook-failure-rate";
import { lastMinutes, round } from "@/lib/metrics/window";

/** What one rule sees for one scope ("global", "source:stripe", "target:crm", "action:…"). */
export type Observation = { scope: string; value: number; firing: boolean; detail: string };

export type RuleInput = {
  key: string;
  threshold: number;
  windowMinutes: number;
  /** Volume rules: fewer requests than this in the window never fire (null: no minimum). */
  minRequests?: number | null;
};

const SILENT_SOURCE = {
  silent_stripe: "stripe",
  silent_hubspot: "hubspot",
  silent_zendesk: "zendesk",
  silent_app: "app",
} as const;

const pct = (n: number) => `${Math.round(n * 1000) / 10} %`;

/**
 * Measures a rule's condition now, per scope. Only scopes with data are returned; an open
 * alert whose scope is missing or not firing resolves.
 */
export async function observeRule(db: Db, rule: RuleInput, now: Date): Promise<Observation[]> {
  const w = lastMinutes(rule.windowMinutes, now);
  switch (rule.key as RuleKey) {
    case "webhook_failure_rate": {
      // One forged request with no other traffic is "100 %": a rate means something only
      // over enough requests.
      const min = rule.minRequests ?? 0;
      return (await webhookFailureRate(db, w)).map((r) => ({
        scope: `source:${r.source}`,
        value: r.rate ?? 0,
        firing: r.received >= min && (r.rate ?? 0) > rule.threshold,
        detail: `${r.source}: ${r.rejected} rejected and ${r.failed} failed of ${r.received} received in ${rule.windowMinutes} min (${pct(r.rate ?? 0)}, threshold ${pct(rule.threshold)} with at least ${min} requests)`,
      }));
    }
    case "sync_latency_p95": {
      // Tasks still waiting count with their age so far, however old: a hanging connector
      // alerts before its first success, and stays alerting until its backlog drains.
      const rows = await db.$queryRaw<{ target: string; p95: number | null; n: bigint }[]>`
        SELECT "target"::text AS target, count(*) AS n,
               percentile_cont(0.95) WITHIN GROUP (ORDER BY secs)::float8 AS p95
          FROM (
            SELECT "target", EXTRACT(EPOCH FROM ("lastSuccessAt" - "createdAt"))::float8 AS secs
              FROM "SyncTask"
             WHERE "status" = 'succeeded' AND "lastSuccessAt" >= ${w.since} AND "lastSuccessAt" < ${w.until}
            UNION ALL
            SELECT "target", (${now.getTime() / 1000}::float8 - EXTRACT(EPOCH FROM "createdAt")::float8) AS secs
              FROM "SyncTask"
             WHERE "status" IN ('pending', 'failed', 'running')
          ) AS d
         GROUP BY 1`;
      return rows.map((r) => {
        const p95 = round(r.p95) ?? 0;
        return {
          scope: `target:${r.target}`,
          value: p95,
          firing: p95 > rule.threshold,
          detail: `${r.target}: sync latency p95 ${p95} s over ${Number(r.n)} task(s) in ${rule.windowMinutes} min (threshold ${rule.threshold} s)`,
        };
      });
    }
    case "duplicate_side_effect":
      return (await duplicateSideEffects(db, w)).map((d) => ({
        scope: `action:${d.action}`,
        value: d.extra,
        firing: d.extra > rule.threshold,
        detail: `${d.action}: ${d.extra} side effect(s) performed more than once for one cause in ${rule.windowMinutes} min`,
      }));
    case "ticket_spike": {
      const recent = await ticketsCreated(db, w);
      const trailing = await ticketsCreated(db, {
        since: new Date(w.since.getTime() - 7 * 24 * 3_600_000),
        until: w.since,
      });
      // Hourly average over the trailing 7 days, floored at one ticket an hour so a quiet
      // week does not turn the first few tickets into a page.
      const baseline = Math.max(trailing / (7 * 24), 1) * (rule.windowMinutes / 60);
      const ratio = round(recent / baseline) ?? 0;
      if (!recent) return [];
      return [
        {
          scope: "global",
          value: ratio,
          firing: ratio > rule.threshold,
          detail: `${recent} ticket(s) opened in ${rule.windowMinutes} min: ${ratio}× the trailing 7-day average (threshold ${rule.threshold}×)`,
        },
      ];
    }
    case "payment_to_access_p95": {
      const r = await paymentToAccess(db, w);
      if (r.p95 === null) return [];
      return [
        {
          scope: "global",
          value: r.p95,
          firing: r.p95 > rule.threshold,
          detail: `payment → access active p95 ${r.p95} s over ${r.count} payment(s) in ${rule.windowMinutes} min (threshold ${rule.threshold} s)`,
        },
      ];
    }
    case "silent_stripe":
    case "silent_hubspot":
    case "silent_zendesk":
    case "silent_app": {
      const source = SILENT_SOURCE[rule.key as keyof typeof SILENT_SOURCE];
      const scope = `source:${source}`;
      const s = await sourceSilence(db, source, rule.windowMinutes, now);
      if (s.silentMs === null || !s.lastAt) return [];
      const silent = s.silentMs >= rule.windowMinutes * 60_000;
      // Once raised, a silence stays raised until the source delivers again, even when the
      // day before the window has become empty too (that is more silence, not less).
      const open = silent
        ? await db.alert.count({
            where: { rule: { key: rule.key }, scope, openKey: { not: null } },
          })
        : 0;
      const hours = Math.round(s.silentMs / 360_000) / 10;
      return [
        {
          scope,
          value: hours,
          firing: silent && (s.previousDay > rule.threshold || open > 0),
          detail: `${source}: nothing received for ${hours} h (last at ${s.lastAt.toISOString()}); ${s.previousDay} event(s) in the day before the last ${rule.windowMinutes} min`,
        },
      ];
    }
    case "dead_task":
      return (await syncBacklog(db, now))
        .filter((b) => b.dead > 0)
        .map((b) => ({
          scope: `target:${b.target}`,
          value: b.dead,
          firing: b.dead > rule.threshold,
          detail: `${b.target}: ${b.dead} dead sync task(s) waiting in the exceptions queue`,
        }));
    case "uptime_down":
      // Fires at `threshold` consecutive down probes ("count (fires above)" would be one late).
      return (await consecutiveDown(db)).map((t) => ({
        scope: `url:${t.url}`,
        value: t.down,
        firing: t.down >= Math.max(rule.threshold, 1),
        detail: `${t.url}: down for ${t.down} consecutive check(s)${t.lastError ? ` (${t.lastError})` : ""}`,
      }));
    case "cert_expiry":
      return (await certificateExpiries(db, now)).map((c) => ({
        scope: c.scope,
        value: c.days,
        firing: c.days < rule.threshold,
        detail: `${c.host}: TLS certificate expires in ${c.days} day(s) (threshold ${rule.threshold})`,
      }));
    default:
      return [];
  }
}
