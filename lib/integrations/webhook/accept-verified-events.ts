import { db } from "@/lib/db";
import { dispatch } from "@/lib/jobs/dispatch";
import { ledgerEvent } from "@/lib/jobs/events";
import { recordLedgerEvent, type LedgerInput, type RecordResult } from "@/lib/ledger/record-event";
import { log } from "@/lib/log";

export type RecordedEvent = RecordResult & { externalId: string };

/**
 * Records verified events in the ledger with `record`, then hands each to the executor:
 * every new row, and every repeat whose row is still `received` (its hand-off was lost) or
 * `failed` (the provider's redelivery is a reason to try again now) — under a fresh
 * dispatch id, since Inngest drops a repeated one. A failed hand-off only logs: the row
 * stays for the resume sweep / reconciler. Returns null when the rows could not be
 * committed (the caller answers 503 so the provider retries).
 * Idempotent: safe to run any number of times for the same events (a repeat only counts a
 * duplicate, and processing applies each row once however often it is handed off).
 */
export async function recordAndHandOff(
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

/** The 503 that makes the provider deliver again later (nothing was committed). */
export function recordFailed(correlationId: string, what: "event" | "events"): Response {
  return Response.json(
    { error: `Could not record the ${what}; please retry`, correlationId },
    { status: 503, headers: { "Retry-After": "10" } },
  );
}

/**
 * acceptVerifiedEvent for providers that batch several events in one request (HubSpot):
 * every event becomes its own ledger row, recorded all or nothing in one transaction, so
 * the provider's retry of a failed request never leaves half a batch. Answers 503 if the
 * rows were not committed; otherwise hands each new row (and each redelivered row still
 * waiting or failed) to the executor and answers 200 (`duplicate: true` when every event
 * had been recorded before).
 * Idempotent: safe to run any number of times for the same events.
 */
export async function acceptVerifiedEvents(inputs: LedgerInput[]): Promise<Response> {
  const first = inputs[0];
  const logger = log.child({ correlationId: first.correlationId, source: first.source });
  // All or nothing: one transaction for the batch.
  const recorded = await recordAndHandOff(
    () =>
      db.$transaction(async (tx) => {
        const out: RecordedEvent[] = [];
        for (const input of inputs) {
          out.push({ ...(await recordLedgerEvent(tx, input)), externalId: input.externalId });
        }
        return out;
      }),
    logger,
  );
  if (!recorded) return recordFailed(first.correlationId, "events");
  const duplicates = recorded.filter((r) => r.duplicate).length;
  logger.info({ count: recorded.length, duplicates }, "webhook batch recorded");
  return Response.json({
    received: true,
    duplicate: duplicates === recorded.length,
    events: recorded.map((r) => ({ id: r.id, externalId: r.externalId, duplicate: r.duplicate })),
  });
}
