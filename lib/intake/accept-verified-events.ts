import { db } from "@/lib/db";
import { dispatch } from "@/lib/jobs/dispatch";
import { ledgerEvent } from "@/lib/workflow-events";
import { recordLedgerEvent, type LedgerInput, type RecordResult } from "@/lib/ledger/record-event";
import { log } from "@/lib/log";

type RecordedEvent = RecordResult & { externalId: string };

/**
 * How a source's deliveries are answered: `event` — one event per request, answered
 * `{ received, duplicate, id }`; `batch` — several per request (HubSpot), recorded all or
 * nothing in one transaction and answered `{ received, duplicate, events: [...] }`.
 */
export type DeliveryShape = "event" | "batch";

/**
 * The common tail of every webhook route, after verification: record the events once,
 * answer only after the rows are committed (503 if they could not be, so the provider
 * retries), then hand each to the executor — every new row, and every repeat whose row is
 * still `received` (its hand-off was lost) or `failed` (the provider's redelivery is a
 * reason to try again now), under a fresh dispatch id since Inngest drops a repeated one.
 * A failed hand-off only logs: the row stays for the resume sweep / reconciler and the
 * provider still gets its 2xx. A single event is the one-element case: one atomic
 * statement, no transaction needed. `duplicate: true` means every event had been recorded
 * before.
 * Idempotent: safe to run any number of times for the same events (a repeat only counts a
 * duplicate, and processing applies each row once however often it is handed off).
 */
export async function acceptVerifiedEvents(
  inputs: LedgerInput[],
  shape: DeliveryShape,
): Promise<Response> {
  const first = inputs[0];
  if (shape === "event" && inputs.length !== 1) {
    throw new Error(`one event per delivery expected, got ${inputs.length}`);
  }
  const logger = log.child({
    correlationId: first.correlationId,
    source: first.source,
    ...(shape === "event" ? { type: first.type } : {}),
  });
  const recordAll = async (tx: Parameters<typeof recordLedgerEvent>[0]) => {
    const out: RecordedEvent[] = [];
    for (const input of inputs) {
      out.push({ ...(await recordLedgerEvent(tx, input)), externalId: input.externalId });
    }
    return out;
  };
  const recorded = await recordAndHandOff(
    // All or nothing for a batch; one event is one atomic statement already.
    () => (shape === "batch" ? db.$transaction(recordAll) : recordAll(db)),
    logger,
  );
  if (!recorded) {
    return Response.json(
      {
        error: `Could not record the ${shape === "batch" ? "events" : "event"}; please retry`,
        correlationId: first.correlationId,
      },
      { status: 503, headers: { "Retry-After": "10" } },
    );
  }
  if (shape === "event") {
    const [r] = recorded;
    logger.info({ ledgerEventId: r.id }, r.duplicate ? "duplicate delivery" : "webhook recorded");
    return Response.json({ received: true, duplicate: r.duplicate, id: r.id });
  }
  const duplicates = recorded.filter((r) => r.duplicate).length;
  logger.info({ count: recorded.length, duplicates }, "webhook batch recorded");
  return Response.json({
    received: true,
    duplicate: duplicates === recorded.length,
    events: recorded.map((r) => ({ id: r.id, externalId: r.externalId, duplicate: r.duplicate })),
  });
}

/** Records with `record`, then hands off what needs it; null when nothing was committed. */
async function recordAndHandOff(
  record: () => Promise<RecordedEvent[]>,
  logger: typeof log,
): Promise<RecordedEvent[] | null> {
  let recorded: RecordedEvent[];
  try {
    recorded = await record();
  } catch (e) {
    logger.error({ err: String(e) }, "ledger insert failed; asking the provider to retry");
    return null;
  }
  for (const r of recorded) {
    const again = r.duplicate && (r.status === "received" || r.status === "failed");
    if (r.duplicate && !again) continue;
    try {
      await dispatch(ledgerEvent(r, again ? `redelivery-${r.duplicateCount}` : undefined));
      if (again)
        logger.info({ ledgerEventId: r.id, status: r.status }, "redelivery handed off again");
    } catch (e) {
      logger.warn(
        { err: String(e), ledgerEventId: r.id },
        "hand-off failed; the event stays received and is resumed later",
      );
    }
  }
  return recorded;
}
