import type { Tx } from "@/lib/db";
import type { LedgerSource } from "@/lib/generated/prisma/enums";

/**
 * Serializes the processing of events about one subject (a HubSpot contact, an app user)
 * until the transaction ends, so the newer-event check below cannot race another worker.
 */
export async function lockSubject(tx: Tx, subject: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${subject}))`;
}

/**
 * The fields (of `fields`) that a processed ledger event of `source` about `subject`,
 * which happened after `occurredAt`, already wrote. An older event must not overwrite them.
 */
export async function fieldsWrittenByNewerEvents(
  tx: Tx,
  q: { source: LedgerSource; subject: string; occurredAt: Date; excludeId: string },
  fields: string[],
): Promise<Set<string>> {
  if (fields.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ field: string }[]>`
    SELECT DISTINCT f AS "field"
      FROM "LedgerEvent", jsonb_array_elements_text(COALESCE("result"->'fields', '[]'::jsonb)) AS f
     WHERE "source" = ${q.source}::"LedgerSource"
       AND "status" = 'processed'
       AND "id" <> ${q.excludeId}
       AND "result"->>'subject' = ${q.subject}
       AND "occurredAt" > ${q.occurredAt}`;
  const written = new Set(rows.map((r) => r.field));
  return new Set(fields.filter((f) => written.has(f)));
}
