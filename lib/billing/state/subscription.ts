import type { Tx } from "@/lib/db";
import {
  converge,
  fingerprintOf,
  subscriptionRank,
  type ConvergeResult,
  type Provenance,
} from "@/lib/billing/converge";
import type { SubscriptionState } from "@/lib/integrations/stripe/objects";
import type { Subscription } from "@/lib/generated/prisma/client";

type Stored = Omit<SubscriptionState, "stripeCustomerId">;

function stored(s: SubscriptionState | Subscription): Stored {
  return {
    stripeSubscriptionId: s.stripeSubscriptionId,
    status: s.status,
    priceId: s.priceId,
    planName: s.planName,
    currentPeriodEnd: s.currentPeriodEnd,
    trialStart: s.trialStart,
    trialEnd: s.trialEnd,
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    canceledAt: s.canceledAt,
    endedAt: s.endedAt,
  };
}

/**
 * Applies a subscription's state (read from Stripe, or from an event payload) unless we
 * hold a newer one (see converge.ts).
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applySubscription(
  tx: Tx,
  customerId: string,
  incoming: SubscriptionState,
  from: Provenance,
  /** The stored row when the caller read it already in this transaction (undefined: read it here). */
  known?: Subscription | null,
): Promise<ConvergeResult> {
  const row =
    known !== undefined
      ? known
      : await tx.subscription.findUnique({
          where: { stripeSubscriptionId: incoming.stripeSubscriptionId },
        });
  return converge<Stored>({
    stored: row && { state: stored(row), at: row.stripeEventAt, readSeq: row.readSeq },
    incoming: stored(incoming),
    from,
    fingerprint: fingerprintOf,
    rank: (s) => subscriptionRank(s.status),
    write: async (s, at, readSeq) => {
      const data = { ...s, customerId, stripeEventAt: at, readSeq };
      await tx.subscription.upsert({
        where: { stripeSubscriptionId: s.stripeSubscriptionId },
        create: data,
        update: data,
      });
    },
  });
}

/**
 * A subscription a payload names without describing it (a checkout without a Stripe key):
 * recorded as the caller's best guess only while we know nothing of it, stamped just
 * before the event so that any real report of the same second wins.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function guessSubscription(
  tx: Tx,
  customerId: string,
  guess: SubscriptionState,
  eventAt: Date,
): Promise<ConvergeResult> {
  const row = await tx.subscription.findUnique({
    where: { stripeSubscriptionId: guess.stripeSubscriptionId },
    select: { id: true },
  });
  if (row) return "unchanged";
  return applySubscription(tx, customerId, guess, {
    kind: "event",
    eventAt: new Date(eventAt.getTime() - 1),
  });
}
