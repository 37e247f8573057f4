import type { Db, Tx } from "@/lib/db";
import type { LedgerEvent } from "@/lib/generated/prisma/client";

/**
 * How the events of one ledger source are applied. `read` makes every network call an
 * event needs before the processing transaction opens (none runs inside it); `apply`
 * changes state inside that transaction and returns what is stored as the row's result.
 * Each integration exposes one; the workflow picks it by the row's source.
 */
export type LedgerHandler<Read, Outcome extends { outcome: string }> = {
  read(db: Db, row: LedgerEvent): Promise<Read>;
  apply(tx: Tx, row: LedgerEvent, read: Read): Promise<Outcome>;
};
