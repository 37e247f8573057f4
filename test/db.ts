import { db } from "@/lib/db";

/** Empties every domain and auth table (the schema stays). */
export async function resetDatabase(): Promise<void> {
  await db.$executeRawUnsafe(
    `TRUNCATE "LedgerEvent", "Customer", "Alert", "AlertRule", "AuditLog", "StripeSyncJob", "ApprovalRequest", "ApiToken", "LaunchSettings", "LaunchCheck", "LaunchCheckRun", "SecretRotation", "UptimeTarget", "Session", "Account", "VerificationToken", "User" RESTART IDENTITY CASCADE`,
  );
}

/** Row counts of every table, to prove that a rejected request wrote nothing anywhere. */
export async function countAllRows(): Promise<Record<string, number>> {
  const tables = await db.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`;
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [{ n }] = await db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${table_name}"`,
    );
    counts[table_name] = Number(n);
  }
  return counts;
}
