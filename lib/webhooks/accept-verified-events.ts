import { db } from "@/lib/db";
import { dispatch } from "@/lib/executor/dispatch";
import { recordLedgerEvent, type LedgerInput, type RecordResult } from "@/lib/ledger/record-event";
import { log } from "@/lib/log";

/**
 * acceptVerifiedEvent for providers that batch several events in one request (HubSpot):
 * every event becomes its own ledger row, recorded all or nothing in one transaction, so
 * the provider's retry of a failed request never leaves half a batch. Answers 503 if the
 * rows were not committed; otherwise hands each new row to the executor and answers 200
 * (`duplicate: true` when every event had been recorded before).
 */
export async function acceptVerifiedEvents(inputs: LedgerInput[]): Promise<Response> {
  const first = inputs[0];
  const logger = log.child({ correlationId: first.correlationId, source: first.source });
  let recorded: (RecordResult & { externalId: string })[];
  try {
    recorded = await db.$transaction(async (tx) => {
      const out: (RecordResult & { externalId: string })[] = [];
      for (const input of inputs) {
        out.push({ ...(await recordLedgerEvent(tx, input)), externalId: input.externalId });
      }
      return out;
    });
  } catch (e) {
    logger.error({ err: String(e) }, "ledger insert failed; asking the provider to retry");
    return Response.json(
      { error: "Could not record the events; please retry", correlationId: first.correlationId },
      { status: 503, headers: { "Retry-After": "10" } },
    );
  }
  for (const r of recorded.filter((r) => !r.duplicate)) {
    try {
      await dispatch({ name: "ledger/event.received", id: r.id, data: { ledgerEventId: r.id } });
    } catch (e) {
      logger.warn(
        { err: String(e), ledgerEventId: r.id },
        "hand-off failed; the event stays received and is resumed later",
      );
    }
  }
  const duplicates = recorded.filter((r) => r.duplicate).length;
  logger.info({ count: recorded.length, duplicates }, "webhook batch recorded");
  return Response.json({
    received: true,
    duplicate: duplicates === recorded.length,
    events: recorded.map((r) => ({ id: r.id, externalId: r.externalId, duplicate: r.duplicate })),
  });
}
