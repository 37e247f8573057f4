import type { Db } from "@/lib/db";

/** The newest import and drift jobs, for the billing-sync page. */
export async function latestSyncJobs(db: Db) {
  const [lastImport, lastDrift] = await Promise.all([
    db.stripeSyncJob.findFirst({ where: { kind: "import" }, orderBy: { startedAt: "desc" } }),
    db.stripeSyncJob.findFirst({ where: { kind: "drift" }, orderBy: { startedAt: "desc" } }),
  ]);
  return { lastImport, lastDrift };
}
