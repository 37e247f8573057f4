import type { Tx } from "@/lib/db";
import type { InboundOutcome } from "@/lib/ledger/inbound-outcome";

/** The fields we read from a Zendesk event-based webhook (`detail`) or a trigger (`ticket`). */
export type ZendeskPayload = {
  subject?: unknown;
  detail?: { id?: unknown; requester_id?: unknown; email?: unknown };
  ticket?: { id?: unknown; requester_id?: unknown; requester_email?: unknown };
};

export type ZendeskEventHandler = (
  tx: Tx,
  payload: ZendeskPayload,
  ctx: { ledgerEventId: string; type: string },
) => Promise<InboundOutcome>;

/** A non-empty string or a number as a string; anything else is null. */
export const str = (v: unknown) =>
  typeof v === "string" && v ? v : typeof v === "number" ? String(v) : null;
