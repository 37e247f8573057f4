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
      `TRUNCATE "LedgerEvent", "Customer", "Alert", "AlertRule", "AuditLog", "StripeSyncJob", "ApprovalRequest", "ApiToken", "LaunchSettings", "LaunchCheck", "LaunchCheckRun", "SecretRotation", "UptimeTarget", "Session", "Account", "VerificationToken", "User", "WebhookRejection" RESTART IDENTITY CASCADE`,
    ),
  ]);
}

/** The one table a rejected webhook writes to (its counter row per source and minute). */
export const REJECTION_COUNTER = "WebhookRejection";

/**
 * Row counts of every table, to prove that a request wrote nothing anywhere. A rejected
 * webhook does touch one table, its counter: pass `except: [REJECTION_COUNTER]` and check
 * that counter with `rejectionsCounted()` instead.
 */
export async function countAllRows(
  opts: { except?: string[] } = {},
): Promise<Record<string, number>> {
  const tables = await db.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`;
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    if (opts.except?.includes(table_name)) continue;
    const [{ n }] = await db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${table_name}"`,
    );
    counts[table_name] = Number(n);
  }
  return counts;
}

/** Rejected webhook requests counted in Postgres (all minutes), per source and in total. */
export async function rejectionsCounted(): Promise<
  { total: number; rows: number } & Record<string, number>
> {
  const rows = await db.webhookRejection.findMany();
  const out: Record<string, number> = { total: 0, rows: rows.length };
  for (const r of rows) {
    out[r.source] = (out[r.source] ?? 0) + r.count;
    out.total += r.count;
  }
  return out as { total: number; rows: number } & Record<string, number>;
}
