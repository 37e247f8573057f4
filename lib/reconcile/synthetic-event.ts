import { createHash } from "node:crypto";
import { SYNTHETIC_READ_SEQ } from "@/lib/billing/read-stripe-truth";
import type { Db } from "@/lib/db";
import { recordLedgerEvent } from "@/lib/ledger/record-event";
import { processLedgerEvent, type ProcessResult } from "@/lib/workflows/process-ledger-event";

/**
 * Feeds an object just read from Stripe's API (import, drift repair) through the same path
 * as a webhook: a ledger row (source stripe) with a deterministic external id
 * `<origin>:<object id>:<state hash>`, processed at once. The payload carries the number
 * the read was taken under, so it converges like any other read (a later read wins, an
 * earlier one never) and is not read again. `created` is a Stripe time the state reflects
 * (the object's own), never this host's clock.
 * Idempotent: safe to run any number of times for the same object state.
 */
export async function applySyntheticEvent(
  db: Db,
  input: {
    origin: "import" | "drift";
    type: string;
    object: { id: string };
    created: number;
    readSeq: bigint;
    correlationId: string;
  },
): Promise<{ ledgerEventId: string; externalId: string; result: ProcessResult }> {
  const hash = createHash("sha256").update(JSON.stringify(input.object)).digest("hex").slice(0, 16);
  const externalId = `${input.origin}:${input.object.id}:${hash}`;
  const payload = {
    id: externalId,
    object: "event",
    type: input.type,
    created: input.created,
    livemode: false,
    api_version: null,
    pending_webhooks: 0,
    request: { id: null, idempotency_key: null },
    data: { object: input.object },
    [SYNTHETIC_READ_SEQ]: String(input.readSeq),
  };
  const recorded = await recordLedgerEvent(db, {
    source: "stripe",
    externalId,
    type: input.type,
    occurredAt: new Date(input.created * 1000),
    payload,
    correlationId: input.correlationId,
  });
  const result = await processLedgerEvent(db, recorded.id);
  return { ledgerEventId: recorded.id, externalId, result };
}

/** The Stripe time an object's state reflects, for a synthetic event about it. */
export function stripeTimeOf(object: Record<string, unknown>): number {
  const transitions = (object.status_transitions ?? {}) as Record<string, unknown>;
  const candidates = [
    transitions.finalized_at,
    object.canceled_at,
    object.ended_at,
    object.created,
  ].filter((v): v is number => typeof v === "number");
  return candidates[0] ?? 0;
}

/**
 * The event a synthetic invoice is fed as: a payment_failed one when Stripe counts failed
 * attempts on an invoice it has not been paid (the failure dates from its finalization, a
 * Stripe time), so the grace period and the reasons come out as they would from webhooks.
 */
export function invoiceEventType(invoice: { status?: unknown; attempt_count?: unknown }): string {
  const failed = Number(invoice.attempt_count ?? 0) > 0;
  if ((invoice.status === "open" || invoice.status === "uncollectible") && failed)
    return "invoice.payment_failed";
  return invoice.status === "paid" ? "invoice.paid" : "invoice.updated";
}
