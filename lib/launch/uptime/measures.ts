import type { Db } from "@/lib/db";

/** Per watched URL: how many of its latest probes in a row were down (0 when the last was up). */
export async function consecutiveDown(
  db: Db,
): Promise<{ targetId: string; url: string; down: number; lastError: string | null }[]> {
  const rows = await db.$queryRaw<
    { targetId: string; url: string; down: bigint; lastError: string | null }[]
  >`
    SELECT t."id" AS "targetId", t."url",
           (SELECT count(*) FROM "UptimeProbe" p
             WHERE p."targetId" = t."id" AND NOT p."up"
               AND p."at" > COALESCE((SELECT max(u."at") FROM "UptimeProbe" u
                                       WHERE u."targetId" = t."id" AND u."up"), '-infinity')) AS down,
           (SELECT p."error" FROM "UptimeProbe" p WHERE p."targetId" = t."id"
             ORDER BY p."at" DESC LIMIT 1) AS "lastError"
      FROM "UptimeTarget" t`;
  return rows.map((r) => ({ ...r, down: Number(r.down) }));
}

/**
 * Days until each known certificate expires: from HTTPS uptime probes and from the TLS
 * checks (keys "tls.expiry:<host>", whose value is the days left).
 */
export async function certificateExpiries(
  db: Db,
  now: Date,
): Promise<{ scope: string; host: string; days: number }[]> {
  const out = new Map<string, { scope: string; host: string; days: number }>();
  const targets = await db.uptimeTarget.findMany({ where: { certExpiresAt: { not: null } } });
  for (const t of targets) {
    const host = new URL(t.url).hostname;
    const days = Math.floor((t.certExpiresAt!.getTime() - now.getTime()) / 86_400_000);
    const prev = out.get(host);
    if (!prev || days < prev.days) out.set(host, { scope: `host:${host}`, host, days });
  }
  const checks = await db.launchCheck.findMany({
    where: { key: { startsWith: "tls.expiry" }, value: { not: null } },
  });
  for (const c of checks) {
    const host = c.key.split(":").slice(1).join(":") || c.key;
    const days = Math.floor(c.value!);
    const prev = out.get(host);
    if (!prev || days < prev.days) out.set(host, { scope: `host:${host}`, host, days });
  }
  return [...out.values()];
}
