import { db, type Db } from "@/lib/db";
import { recordLedgerEvent } from "@/lib/ledger/record-event";
import type { StripeEventPayload } from "@/fakes/stripe/events";
import { processLedgerEvent, type ProcessResult } from "@/lib/workflows/process-ledger-event";

/** Records a Stripe event in the ledger as the webhook route would, returning the row id. */
export async function recordStripe(
  event: StripeEventPayload,
  correlationPrefix = "test",
  client: Db = db,
): Promise<string> {
  const recorded = await recordLedgerEvent(client, {
    source: "stripe",
    externalId: event.id,
    type: event.type,
    occurredAt: new Date(event.created * 1000),
    payload: event,
    correlationId: `${correlationPrefix}-${event.id}`,
  });
  return recorded.id;
}

/** Delivers a Stripe event the way the webhook route does (record once in the ledger) and processes it. */
export async function deliver(
  event: StripeEventPayload,
  correlationPrefix = "test",
): Promise<ProcessResult> {
  return processLedgerEvent(db, await recordStripe(event, correlationPrefix));
}
