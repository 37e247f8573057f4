import { randomUUID } from "node:crypto";
import type { AlertChannels } from "@/lib/alerts/channels";
import { ensureDefaultRules, type RuleKey } from "@/lib/alerts/default-rules";
import { deliverAlert, type AlertMessage } from "@/lib/alerts/deliver-alert";
import { observeRule } from "@/lib/alerts/observe-rule";
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";

export type EvaluationSummary = { fired: string[]; resolved: string[]; firing: number };

async function deliverAndRecord(
  db: Db,
  alertId: string,
  message: AlertMessage,
  channels: AlertChannels,
): Promise<void> {
  const deliveries = (await deliverAlert(message, channels)).map((d) => ({
    ...d,
    kind: message.kind,
  }));
  if (!deliveries.length) return;
  await db.$executeRaw`
    UPDATE "Alert" SET "deliveries" = "deliveries" || ${JSON.stringify(deliveries)}::jsonb
     WHERE "id" = ${alertId}`;
  for (const d of deliveries.filter((x) => !x.ok))
    log.warn({ alertId, channel: d.channel, err: d.error }, "alert delivery failed");
}

/**
 * Evaluates every enabled rule (or only `opts.only`) now: a scope over its threshold fires
 * one alert (the unique open key makes a concurrent evaluation a no-op) and is delivered;
 * while it stays over, the open alert is only refreshed; an open alert whose condition
 * cleared (or whose rule was disabled) resolves, and that is delivered too.
 * Idempotent: safe to run any number of times and concurrently — an alert is created,
 * delivered and resolved once per episode.
 */
export async function evaluateAlerts(
  db: Db,
  opts: { channels: AlertChannels; now?: Date; only?: RuleKey[] },
): Promise<EvaluationSummary> {
  const now = opts.now ?? new Date();
  await ensureDefaultRules(db);
  const rules = await db.alertRule.findMany({
    where: opts.only ? { key: { in: opts.only } } : {},
  });
  const summary: EvaluationSummary = { fired: [], resolved: [], firing: 0 };
  for (const rule of rules) {
    const observations = rule.enabled ? await observeRule(db, rule, now) : [];
    const firing = observations.filter((o) => o.firing);
    summary.firing += firing.length;
    for (const o of firing) {
      const openKey = `${rule.id}:${o.scope}`;
      const id = randomUUID();
      const inserted = await db.$queryRaw<{ id: string }[]>`
        INSERT INTO "Alert" ("id", "ruleId", "scope", "state", "openKey", "title", "detail", "value", "threshold", "firedAt", "lastSeenAt")
        VALUES (${id}, ${rule.id}, ${o.scope}, 'firing', ${openKey}, ${rule.name}, ${o.detail}, ${o.value}, ${rule.threshold}, ${now}, ${now})
        ON CONFLICT ("openKey") DO NOTHING
        RETURNING "id"`;
      if (inserted.length) {
        summary.fired.push(openKey);
        log.warn({ alertId: id, rule: rule.key, scope: o.scope, value: o.value }, "alert fired");
        await deliverAndRecord(
          db,
          id,
          { kind: "fired", title: rule.name, detail: o.detail, scope: o.scope },
          opts.channels,
        );
      } else {
        await db.alert.updateMany({
          where: { openKey },
          data: { lastSeenAt: now, value: o.value, detail: o.detail },
        });
      }
    }
    const stillFiring = firing.map((o) => o.scope);
    const cleared = await db.alert.findMany({
      where: { ruleId: rule.id, openKey: { not: null }, scope: { notIn: stillFiring } },
    });
    for (const a of cleared) {
      // Conditional on the alert still being open: two evaluators resolve (and notify) once.
      const { count } = await db.alert.updateMany({
        where: { id: a.id, openKey: { not: null } },
        data: { state: "resolved", openKey: null, resolvedAt: now },
      });
      if (!count) continue;
      summary.resolved.push(`${rule.id}:${a.scope}`);
      log.info({ alertId: a.id, rule: rule.key, scope: a.scope }, "alert resolved");
      await deliverAndRecord(
        db,
        a.id,
        {
          kind: "resolved",
          title: a.title,
          detail: `Condition cleared (${a.detail})`,
          scope: a.scope,
        },
        opts.channels,
      );
    }
  }
  return summary;
}
