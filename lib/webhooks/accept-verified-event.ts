import { db } from "@/lib/db";
import { dispatch } from "@/lib/executor/dispatch";
import { recordLedgerEvent, type LedgerInput } from "@/lib/ledger/record-event";
import { log } from "@/lib/log";

/**
 * The common tail of every webhook route, after verification: record the event once,
 * answer only after the row is committed (503 if it could not be, so the provider retries),
 * then hand it to the executor. A failed hand-off leaves the row `received` for the
 * resume sweep / reconciler; the provider still gets its 2xx.
 */
export async function acceptVerifiedEvent(input: LedgerInput): Promise<Response> {
  const logger = log.child({
    correlationId: input.correlationId,
    source: input.source,
    type: input.type,
  });
  let recorded;
  try {
    recorded = await recordLedgerEvent(db, input);
  } catch (e) {
    logger.error({ err: String(e) }, "ledger insert failed; asking the provider to retry");
    return Response.json(
      { error: "Could not record the event; please retry", correlationId: input.correlationId },
      { status: 503, headers: { "Retry-After": "10" } },
    );
  }
  if (recorded.duplicate) {
    logger.info({ ledgerEventId: recorded.id }, "duplicate delivery");
    return Response.json({ received: true, duplicate: true, id: recorded.id });
  }
  try {
    await dispatch({
      name: "ledger/event.received",
      id: recorded.id,
      data: { ledgerEventId: recorded.id },
    });
  } catch (e) {
    logger.warn(
      { err: String(e), ledgerEventId: recorded.id },
      "hand-off failed; the event stays received and is resumed later",
    );
  }
  logger.info({ ledgerEventId: recorded.id }, "webhook recorded");
  return Response.json({ received: true, duplicate: false, id: recorded.id });
}
