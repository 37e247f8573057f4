import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import type { LedgerSource, LedgerStatus } from "@/lib/generated/prisma/enums";

export type LedgerInput = {
  source: LedgerSource;
  externalId: string;
  type: string;
  occurredAt: Date;
  payload: unknown;
  correlationId: string;
};

export type RecordResult = { id: string; duplicate: boolean; status: LedgerStatus };

/**
 * Inserts a verified provider event into the ledger exactly once. A repeated
 * (source, externalId) only increments the duplicate counter of the existing row.
 * Idempotent: safe to run any number of times for the same event. One atomic statement,
 * so concurrent deliveries of the same event cannot both insert. Takes the client or a
 * transaction (a batch of events is recorded all or nothing).
 */
export async function recordLedgerEvent(
  db: Pick<Db, "$queryRaw">,
  input: LedgerInput,
): Promise<RecordResult> {
  const rows = await db.$queryRaw<{ id: string; inserted: boolean; status: LedgerStatus }[]>`
    INSERT INTO "LedgerEvent" ("id", "source", "externalId", "type", "occurredAt", "payload", "correlationId")
    VALUES (${randomUUID()}, ${input.source}::"LedgerSource", ${input.externalId}, ${input.type},
            ${input.occurredAt}, ${JSON.stringify(input.payload)}::jsonb, ${input.correlationId})
    ON CONFLICT ("source", "externalId")
    DO UPDATE SET "duplicateCount" = "LedgerEvent"."duplicateCount" + 1
    RETURNING "id", (xmax = 0) AS "inserted", "status"`;
  const row = rows[0];
  return { id: row.id, duplicate: !row.inserted, status: row.status };
}
