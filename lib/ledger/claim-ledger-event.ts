import type { Db } from "@/lib/db";
import { Prisma, type LedgerEvent } from "@/lib/generated/prisma/client";

/** A claim older than this is considered abandoned (crashed worker) and may be taken over. */
export const CLAIM_LEASE_SECONDS = 120;

/** Every scalar column of LedgerEvent, as the model has them. */
const COLUMNS = Prisma.raw(
  Object.values(Prisma.LedgerEventScalarFieldEnum)
    .map((f) => `"${f}"`)
    .join(", "),
);

/**
 * Claims a ledger row for processing: only a row in `received` or `failed`, or one whose
 * `processing` claim is older than the lease, is taken (and its attempt counted). Returns
 * the claimed row as it is after the claim (one statement), or null when another worker
 * holds it or it is already settled.
 */
export async function claimLedgerEvent(db: Db, ledgerEventId: string): Promise<LedgerEvent | null> {
  const claimed = await db.$queryRaw<LedgerEvent[]>`
    UPDATE "LedgerEvent"
       SET "status" = 'processing', "attempts" = "attempts" + 1, "claimedAt" = now()
     WHERE "id" = ${ledgerEventId}
       AND ("status" IN ('received', 'failed')
            OR ("status" = 'processing' AND "claimedAt" < now() - make_interval(secs => ${CLAIM_LEASE_SECONDS})))
    RETURNING ${COLUMNS}`;
  return claimed[0] ?? null;
}
