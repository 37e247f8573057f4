import type { Db } from "@/lib/db";
import type { LedgerSource } from "@/lib/generated/prisma/enums";

export type SourceSilence = {
  source: LedgerSource;
  /** The source's latest ledger receipt (this host's clock on both sides), null if never. */
  lastAt: Date | null;
  /** Time since `lastAt`, in ms (null if the source never delivered). */
  silentMs: number | null;
  /** Events received in the day before the silence window: [now − window − 24 h, now − window). */
  previousDay: number;
};

const DAY_MS = 24 * 3_600_000;

/**
 * How long a source has sent nothing we recorded, and whether it was delivering the day
 * before. Receipt times only (`LedgerEvent.receivedAt`, set by our database), never the
 * provider's clock. Rejected requests are not deliveries: a broken signature also falls silent.
 */
export async function sourceSilence(
  db: Db,
  source: LedgerSource,
  windowMinutes: number,
  now: Date,
): Promise<SourceSilence> {
  const windowStart = new Date(now.getTime() - windowMinutes * 60_000);
  const [row] = await db.$queryRaw<{ last: Date | null; previous: bigint }[]>`
    SELECT (SELECT max("receivedAt") FROM "LedgerEvent"
             WHERE "source" = ${source}::"LedgerSource" AND "receivedAt" <= ${now}) AS last,
           (SELECT count(*) FROM "LedgerEvent"
             WHERE "source" = ${source}::"LedgerSource"
               AND "receivedAt" >= ${new Date(windowStart.getTime() - DAY_MS)}
               AND "receivedAt" < ${windowStart}) AS previous`;
  const lastAt = row?.last ?? null;
  return {
    source,
    lastAt,
    silentMs: lastAt ? now.getTime() - lastAt.getTime() : null,
    previousDay: Number(row?.previous ?? 0),
  };
}
