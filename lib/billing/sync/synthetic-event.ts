import { createHash } from "node:crypto";
import type { Db } from "@/lib/db";
import { recordLedgerEvent } from "@/lib/ledger/record-event";
import { processLedgerEvent, type ProcessResult } from "@/lib/workflows/process-ledger-event";

/**
 * Feeds Stripe's current state of one object through the same path as a webhook: a ledger
 * row (source stripe) with a deterministic external id `<origin>:<object id>:<state hash>`,
 * processed at once. The same state twice is one ledger row; the event time is `now`, so it
 * wins over anything older and loses to anything Stripe sends later.
 * Idempotent: safe to run any number of times for the same object state.
 */
export async function applySyntheticEvent(
  db: Db,
  input: {
    origin: "import" | "drift";
    type: string;
    object: { id: string };
    now: Date;
    correlationId: string;
  },
): Promise<{ ledgerEventId: string; externalId: string; result: ProcessResult }> {
  const hash = createHash("sha256").update(JSON.stringify(input.object)).digest("hex").slice(0, 16);
  const externalId = `${input.origin}:${input.object.id}:${hash}`;
  const created = Math.floor(input.now.getTime() / 1000);
  const payload = {
    id: externalId,
    object: "event",
    type: input.type,
    created,
    livemode: false,
    api_version: null,
    pending_webhooks: 0,
    request: { id: null, idempotency_key: null },
    data: { object: input.object },
  };
  const recorded = await recordLedgerEvent(db, {
    source: "stripe",
    externalId,
    type: input.type,
    occurredAt: new Date(created * 1000),
    payload,
    correlationId: input.correlationId,
  });
  const result = await processLedgerEvent(db, recorded.id);
  return { ledgerEventId: recorded.id, externalId, result };
}
