import { db } from "@/lib/db";
import { recordLedgerEvent } from "@/lib/ledger/record-event";
import type { StripeEventPayload } from "@/lib/testing/stripe-events";
import { processLedgerEvent, type ProcessResult } from "@/lib/workflows/process-ledger-event";

/** Delivers a Stripe event the way the webhook route does (record once in the ledger) and processes it. */
export async function deliver(event: StripeEventPayload): Promise<ProcessResult> {
  const recorded = await recordLedgerEvent(db, {
    source: "stripe",
    externalId: event.id,
    type: event.type,
    occurredAt: new Date(event.created * 1000),
    payload: event,
    correlationId: `test-${event.id}`,
  });
  return processLedgerEvent(db, recorded.id);
}
