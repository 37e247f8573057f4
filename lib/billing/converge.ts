/**
 * How one stored Stripe object is updated, whatever the order, timing or duplication of
 * the events about it. Two cases, and `converge` always knows which one it is in:
 *
 * - **Read from Stripe** (a Stripe key is configured): the event only triggers a read of
 *   the object from Stripe's API. Reads are numbered from our own arrival sequence (the
 *   ledger's `seq`), taken just before the read, so a read with a higher number started
 *   later and reflects at least as much as any lower one. The stored row keeps the number
 *   of the read it came from; a higher number replaces it, an equal or lower one never.
 * - **From the event payload** (no key): events about one object are ordered by their own
 *   `created` (Stripe's clock against Stripe's clock); on a tie the status that comes later
 *   in Stripe's lifecycle wins, then a fingerprint, so every delivery order ends the same.
 *
 * Never does either case compare a provider timestamp with this host's clock.
 */
export type Provenance =
  { kind: "read"; seq: bigint; eventAt: Date } | { kind: "event"; eventAt: Date };

export type ConvergeSpec<S> = {
  /** The stored state, the provider time it reflects and the read it came from, if any. */
  stored: { state: S; at: Date; readSeq: bigint | null } | null;
  incoming: S;
  from: Provenance;
  /** Comparable identity of a state: equal fingerprints mean nothing to change. */
  fingerprint: (s: S) => string;
  /** Tie-break rank for payloads of the same second: the higher status wins. */
  rank: (s: S) => number;
  write: (s: S, at: Date, readSeq: bigint | null) => Promise<void>;
};

export type ConvergeResult = "applied" | "stale" | "unchanged";

const later = (a: Date, b: Date) => (a > b ? a : b);

/**
 * Applies `incoming` to one stored object when it is newer by the rules above.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function converge<S>(spec: ConvergeSpec<S>): Promise<ConvergeResult> {
  const { stored, incoming, from, fingerprint } = spec;
  if (!stored) {
    await spec.write(incoming, from.eventAt, from.kind === "read" ? from.seq : null);
    return "applied";
  }
  const same = fingerprint(stored.state) === fingerprint(incoming);
  if (from.kind === "read") {
    if (stored.readSeq !== null && from.seq <= stored.readSeq) return "stale";
    // Even an unchanged read is recorded: its number lets later events skip their read.
    await spec.write(incoming, later(stored.at, from.eventAt), from.seq);
    return same ? "unchanged" : "applied";
  }
  if (from.eventAt < stored.at) return "stale";
  if (from.eventAt > stored.at) {
    await spec.write(incoming, from.eventAt, null);
    return same ? "unchanged" : "applied";
  }
  if (same) return "unchanged";
  const a = spec.rank(incoming);
  const b = spec.rank(stored.state);
  const incomingWins = a !== b ? a > b : fingerprint(incoming) > fingerprint(stored.state);
  if (!incomingWins) return "stale";
  await spec.write(incoming, from.eventAt, null);
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
