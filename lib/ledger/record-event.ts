import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { orderingKeyOf } from "@/lib/ledger/ordering-key";
import type { LedgerSource, LedgerStatus } from "@/lib/generated/prisma/enums";

export type LedgerInput = {
  source: LedgerSource;
  externalId: string;
  type: string;
  occurredAt: Date;
  payload: unknown;
  correlationId: string;
};

export type RecordResult = {
  id: string;
  duplicate: boolean;
  /** The row's status now: a repeat of a `received` or `failed` row is worth handing off again. */
  status: LedgerStatus;
  /** Deliveries after the first (a fresh dispatch id per redelivery). */
  duplicateCount: number;
  orderingKey: string | null;
};

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
  const id = randomUUID();
  const rows = await db.$queryRaw<
    {
      id: string;
      inserted: boolean;
      status: LedgerStatus;
      duplicateCount: number;
      orderingKey: string | null;
    }[]
  >`
    INSERT INTO "LedgerEvent" ("id", "source", "externalId", "type", "occurredAt", "payload", "correlationId", "orderingKey")
    VALUES (${id}, ${input.source}::"LedgerSource", ${input.externalId}, ${input.type},
            ${input.occurredAt}, ${JSON.stringify(input.payload)}::jsonb, ${input.correlationId},
            ${orderingKeyOf(input.source, id, input.payload)})
    ON CONFLICT ("source", "externalId")
    DO UPDATE SET "duplicateCount" = "LedgerEvent"."duplicateCount" + 1
    RETURNING "id", (xmax = 0) AS "inserted", "status", "duplicateCount", "orderingKey"`;
  const row = rows[0];
  return {
    id: row.id,
    duplicate: !row.inserted,
    status: row.status,
    duplicateCount: row.duplicateCount,
    orderingKey: row.orderingKey,
  };
}
