import type { Env } from "@/lib/env";
import { WebhookRejected } from "@/lib/integrations/webhook/http-error";

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
  config: {
    /** The current secret. */
    secret: string;
    /** Every secret accepted now: the current one first, then the previous one during a rotation. */
    secrets: readonly string[];
    env: Env;
  },
) => VerifiedEvent[] | Promise<VerifiedEvent[]>;

/**
 * Runs a signature check with each accepted secret (current first) and returns the first
 * result that passes. If none passes, throws the current secret's refusal, so the message
 * is the same as without a rotation. Anything but a WebhookRejected is thrown at once.
 */
export function verifyWithAnySecret<T>(
  secrets: readonly string[],
  verify: (secret: string) => T,
): T {
  let first: unknown;
  for (const secret of secrets) {
    try {
      return verify(secret);
    } catch (e) {
      if (!(e instanceof WebhookRejected)) throw e;
      first ??= e;
    }
  }
  throw first ?? new WebhookRejected("No webhook secret configured");
}
