import type { Db } from "@/lib/db";
import type { CheckResult } from "@/lib/launch/types";

/** How many past results of one check are kept (about two weeks of 15-minute runs). */
export const HISTORY_KEPT = 1500;

/**
 * Stores one group's results: each key's latest result (its `changedAt` moves only when
 * the state changes), one history row per key, and drops the group's keys it no longer
 * produces (a domain the founder removed). Idempotent per run: a repeated store of the
 * same results only adds history rows, never changes `changedAt`.
 */
export async function storeCheckResults(
  db: Db,
  group: string,
  results: CheckResult[],
  now: Date,
): Promise<void> {
  const keys = results.map((r) => r.key);
  await db.$transaction(async (tx) => {
    const previous = new Map(
      (await tx.launchCheck.findMany({ where: { key: { in: keys } } })).map((c) => [c.key, c]),
    );
    for (const r of results) {
      const before = previous.get(r.key);
      const changedAt = before && before.state === r.state ? before.changedAt : now;
      const data = {
        group,
        area: r.area,
        title: r.title,
        state: r.state,
        observed: r.observed,
        why: r.why,
        fix: r.fix,
        value: r.value ?? null,
        checkedAt: now,
        changedAt,
      };
      await tx.launchCheck.upsert({
        where: { key: r.key },
        create: { key: r.key, ...data },
        update: data,
      });
    }
    if (results.length) {
      await tx.launchCheckRun.createMany({
        data: results.map((r) => ({
          key: r.key,
          state: r.state,
          value: r.value ?? null,
          observed: r.observed,
          at: now,
        })),
      });
    }
    await tx.launchCheck.deleteMany({ where: { group, key: { notIn: keys } } });
  });
  // Trim old history outside the transaction: losing a trim only keeps a few rows longer.
  await db.$executeRaw`
    DELETE FROM "LaunchCheckRun" r USING (
      SELECT "id" FROM (
        SELECT "id", row_number() OVER (PARTITION BY "key" ORDER BY "at" DESC) AS n
          FROM "LaunchCheckRun" WHERE "key" = ANY(${keys})
      ) ranked WHERE n > ${HISTORY_KEPT}
    ) old WHERE r."id" = old."id"`;
}
