import { db } from "@/lib/db";

/**
 * Empties every domain and auth table (the schema stays). The audit log refuses TRUNCATE
 * (append-only trigger), so the reset runs with triggers off for its own transaction:
 * `session_replication_role = replica` needs a superuser, which the local test database's
 * `postgres` is and the application's role must never be (README, "Security notes").
 */
export async function resetDatabase(): Promise<void> {
  await db.$transaction([
    db.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`),
    db.$executeRawUnsafe(
      `TRUNCATE "LedgerEvent", "Customer", "Alert", "AlertRule", "AuditLog", "StripeSyncJob", "ApprovalRequest", "ApiToken", "LaunchSettings", "LaunchCheck", "LaunchCheckRun", "SecretRotation", "UptimeTarget", "Session", "Account", "VerificationToken", "User" RESTART IDENTITY CASCADE`,
    ),
  ]);
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
