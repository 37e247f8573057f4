/**
 * Order-independent application of one Stripe object's state. Each stored object keeps
 * the provider time it was last updated from: an older event never overwrites it, a newer
 * one always does, and when the times are equal but the states differ the payload cannot
 * decide, so the object is re-fetched from Stripe and we converge to that. Without a
 * Stripe API key, equal times fall back to a deterministic tie-break (status rank, then a
 * fingerprint), so every delivery order still ends in the same state.
 */
export type ConvergeSpec<S> = {
  /** The stored state and the provider time it reflects, or null if we have none. */
  stored: { state: S; at: Date } | null;
  incoming: S;
  eventAt: Date;
  /** Comparable identity of a state: equal fingerprints mean nothing to change. */
  fingerprint: (s: S) => string;
  /** Tie-break rank: the higher status wins a tie (statuses that only move forward). */
  rank: (s: S) => number;
  /** Re-fetch the current state from Stripe; null when no client is configured. */
  fetch: () => Promise<S | null>;
  write: (s: S, at: Date) => Promise<void>;
  now?: Date;
};

export type ConvergeResult = "applied" | "stale" | "unchanged" | "refetched";

/**
 * Applies `incoming` to one stored object if it is newer (see above).
 * Idempotent: safe to run any number of times for the same event.
 */
export async function converge<S>(spec: ConvergeSpec<S>): Promise<ConvergeResult> {
  const { stored, incoming, eventAt, fingerprint } = spec;
  if (!stored || eventAt > stored.at) {
    await spec.write(incoming, eventAt);
    return "applied";
  }
  if (eventAt < stored.at) return "stale";
  if (fingerprint(stored.state) === fingerprint(incoming)) return "unchanged";

  const fetched = await spec.fetch();
  if (fetched) {
    // The fetched state is the truth as of now: later deliveries of older events are stale.
    const now = spec.now ?? new Date();
    await spec.write(fetched, now > eventAt ? now : eventAt);
    return "refetched";
  }
  const a = spec.rank(incoming);
  const b = spec.rank(stored.state);
  const incomingWins = a !== b ? a > b : fingerprint(incoming) > fingerprint(stored.state);
  if (!incomingWins) return "stale";
  await spec.write(incoming, eventAt);
  return "applied";
}

export function rankOf(order: readonly string[]) {
  return (status: string) => order.indexOf(status);
}

/** Subscription statuses in the order Stripe moves through them. */
export const subscriptionRank = rankOf([
  "incomplete",
  "trialing",
  "active",
  "past_due",
  "unpaid",
  "paused",
  "incomplete_expired",
  "canceled",
]);

export const invoiceRank = rankOf(["draft", "open", "uncollectible", "void", "paid"]);

export const disputeRank = rankOf([
  "warning_needs_response",
  "needs_response",
  "warning_under_review",
  "under_review",
  "warning_closed",
  "won",
  "lost",
]);

export function fingerprintOf(value: object): string {
  return JSON.stringify(value, (_k, v) => (v instanceof Date ? v.toISOString() : v));
}
