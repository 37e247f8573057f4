import { db } from "@/lib/db";
import { recordLedgerEvent } from "@/lib/ledger/record-event";
import type { StripeEventPayload } from "@/lib/testing/stripe-events";

/** Records a Stripe event in the ledger as the webhook route would, returning the row id. */
export async function recordStripe(event: StripeEventPayload): Promise<string> {
  const rec = await recordLedgerEvent(db, {
    source: "stripe",
    externalId: event.id,
    type: event.type,
    occurredAt: new Date(event.created * 1000),
    payload: event,
    correlationId: `test-${event.id}`,
  });
  return rec.id;
}
