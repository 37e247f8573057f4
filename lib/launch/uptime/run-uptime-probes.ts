import type { Db } from "@/lib/db";
import { probeUrl, type ProbeOptions } from "@/lib/launch/uptime/probe";

/** A target is probed at most once in this many seconds, however many sweeps run. */
export const PROBE_INTERVAL_SECONDS = 55;
/** Probes older than this are deleted (the page shows at most 30 days). */
export const PROBE_RETENTION_DAYS = 31;

export type ProbeRunSummary = { probed: number; down: number };

/**
 * Probes every watched URL that is due (claimed atomically, so concurrent sweeps and the
 * Inngest cron probe each URL at most once a minute) and stores one row per probe.
 * Idempotent per minute: a second run in the same minute claims nothing.
 */
export async function runUptimeProbes(
  db: Db,
  opts: Omit<ProbeOptions, "keyword">,
  now = new Date(),
): Promise<ProbeRunSummary> {
  const due = new Date(now.getTime() - PROBE_INTERVAL_SECONDS * 1000);
  const claimed = await db.$queryRaw<{ id: string; url: string; keyword: string | null }[]>`
    UPDATE "UptimeTarget" SET "lastProbeAt" = ${now}
     WHERE "lastProbeAt" IS NULL OR "lastProbeAt" <= ${due}
     RETURNING "id", "url", "keyword"`;
  const results = await Promise.all(
    claimed.map(async (t) => ({ t, r: await probeUrl(t.url, { ...opts, keyword: t.keyword }) })),
  );
  for (const { t, r } of results) {
    await db.uptimeProbe.create({
      data: {
        targetId: t.id,
        at: now,
        up: r.up,
        status: r.status,
        latencyMs: r.latencyMs,
        error: r.error,
      },
    });
    if (r.certExpiresAt)
      await db.uptimeTarget.update({
        where: { id: t.id },
        data: { certExpiresAt: r.certExpiresAt },
      });
  }
  if (claimed.length)
    await db.uptimeProbe.deleteMany({
      where: { at: { lt: new Date(now.getTime() - PROBE_RETENTION_DAYS * 86_400_000) } },
    });
  return { probed: claimed.length, down: results.filter((x) => !x.r.up).length };
}
