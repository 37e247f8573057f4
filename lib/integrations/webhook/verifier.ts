import type { Env } from "@/lib/env";

/** One verified provider event, as the ledger records it (the wrapper adds source and correlation id). */
export type VerifiedEvent = {
  /** The provider's event id: the ledger stores it once per source. */
  externalId: string;
  type: string;
  /** The provider's own time of the event (its clock; never compared with ours). */
  occurredAt: Date;
  payload: unknown;
};

/**
 * Checks a delivery's signature over the exact raw body and parses it. Returns the events it
 * carries; throws WebhookRejected for anything it refuses. No side effects.
 */
export type VerifyWebhook = (
  rawBody: string,
  req: Request,
  config: { secret: string; env: Env },
) => VerifiedEvent[] | Promise<VerifiedEvent[]>;
