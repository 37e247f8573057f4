import type { Db } from "@/lib/db";

/** A claim older than this is considered abandoned (crashed worker) and may be taken over. */
export const CLAIM_LEASE_SECONDS = 120;

/**
 * Claims a ledger row for processing: only a row in `received` or `failed`, or one whose
 * `processing` claim is older than the lease, is taken (and its attempt counted). Returns
 * false when another worker holds it or it is already settled.
 */
export async function claimLedgerEvent(db: Db, ledgerEventId: string): Promise<boolean> {
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "LedgerEvent"
       SET "status" = 'processing', "attempts" = "attempts" + 1, "claimedAt" = now()
     WHERE "id" = ${ledgerEventId}
       AND ("status" IN ('received', 'failed')
            OR ("status" = 'processing' AND "claimedAt" < now() - make_interval(secs => ${CLAIM_LEASE_SECONDS})))
    RETURNING "id"`;
  return claimed.length > 0;
}
