import { ensureDefaultRules } from "@/lib/alerts/default-rules";
import type { Db } from "@/lib/db";

/** Open alerts first (newest first), then the most recently resolved. */
export async function recentAlerts(db: Db, take = 10) {
  const [open, resolved] = await Promise.all([
    db.alert.findMany({
      where: { state: { in: ["firing", "acknowledged"] } },
      orderBy: { firedAt: "desc" },
      take,
    }),
    db.alert.findMany({ where: { state: "resolved" }, orderBy: { resolvedAt: "desc" }, take }),
  ]);
  return [...open, ...resolved].slice(0, take);
}

export type AlertListItem = Awaited<ReturnType<typeof recentAlerts>>[number];

/** Every rule (seeding the defaults on first use), in a stable order. */
export async function alertRules(db: Db) {
  await ensureDefaultRules(db);
  return db.alertRule.findMany({ orderBy: { createdAt: "asc" } });
}
