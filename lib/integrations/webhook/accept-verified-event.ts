import { db } from "@/lib/db";
import { recordLedgerEvent, type LedgerInput } from "@/lib/ledger/record-event";
import { log } from "@/lib/log";
import { recordAndHandOff, recordFailed } from "@/lib/integrations/webhook/accept-verified-events";

/**
 * The common tail of every webhook route, after verification: record the event once,
 * answer only after the row is committed (503 if it could not be, so the provider retries),
 * then hand it to the executor — a new event, or a redelivery of one still `received` or
 * `failed` (answered `duplicate: true` all the same). A failed hand-off leaves the row for
 * the resume sweep / reconciler; the provider still gets its 2xx.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function acceptVerifiedEvent(input: LedgerInput): Promise<Response> {
  const logger = log.child({
    correlationId: input.correlationId,
    source: input.source,
    type: input.type,
  });
  // One atomic statement (recordLedgerEvent), no transaction needed.
  const recorded = await recordAndHandOff(
    async () => [{ ...(await recordLedgerEvent(db, input)), externalId: input.externalId }],
    logger,
  );
  if (!recorded) return recordFailed(input.correlationId, "event");
  const [r] = recorded;
  logger.info({ ledgerEventId: r.id }, r.duplicate ? "duplicate delivery" : "webhook recorded");
  return Response.json({ received: true, duplicate: r.duplicate, id: r.id });
}
