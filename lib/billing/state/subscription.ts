import {
  converge,
  fingerprintOf,
  subscriptionRank,
  type ConvergeResult,
} from "@/lib/billing/converge";
import { fetchSubscription } from "@/lib/billing/fetch-stripe-object";
import type { SubscriptionState } from "@/lib/billing/stripe-objects";
import type { Tx } from "@/lib/customers/tx";
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
 * Applies a subscription's state from an event (or a fetch) unless we hold a newer one.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applySubscription(
  tx: Tx,
  customerId: string,
  incoming: SubscriptionState,
  eventAt: Date,
): Promise<ConvergeResult> {
  const row = await tx.subscription.findUnique({
    where: { stripeSubscriptionId: incoming.stripeSubscriptionId },
  });
  return converge<Stored>({
    stored: row && { state: stored(row), at: row.stripeEventAt },
    incoming: stored(incoming),
    eventAt,
    fingerprint: fingerprintOf,
    rank: (s) => subscriptionRank(s.status),
    fetch: async () => {
      const fetched = await fetchSubscription(incoming.stripeSubscriptionId);
      return fetched && stored(fetched);
    },
    write: async (s, at) => {
      const data = { ...s, customerId, stripeEventAt: at };
      await tx.subscription.upsert({
        where: { stripeSubscriptionId: s.stripeSubscriptionId },
        create: data,
        update: data,
      });
    },
  });
}

const OVERDUE = ["past_due", "unpaid", "incomplete"];

/**
 * A subscription an event names without describing it (checkout, invoices): when we do not
 * know it yet, fetch it from Stripe; without a client, apply the caller's best guess (which
 * any real subscription event of the same time or later overrides). A paid invoice for a
 * subscription we hold as overdue from before the payment also re-fetches it: the payment
 * has probably changed it, and its own update event may arrive late or not at all.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function ensureSubscription(
  tx: Tx,
  customerId: string,
  ref: { id: string; fallback: SubscriptionState | null; paid?: boolean },
  eventAt: Date,
): Promise<ConvergeResult> {
  const row = await tx.subscription.findUnique({ where: { stripeSubscriptionId: ref.id } });
  const stale = row && ref.paid && OVERDUE.includes(row.status) && row.stripeEventAt < eventAt;
  if (row && !stale) return "unchanged";
  const fetched = await fetchSubscription(ref.id);
  if (fetched) {
    const now = new Date();
    return applySubscription(tx, customerId, fetched, now > eventAt ? now : eventAt);
  }
  if (!ref.fallback || row) return "unchanged";
  // A guess is older than any real report from the same second, so a real one always wins.
  return applySubscription(tx, customerId, ref.fallback, new Date(eventAt.getTime() - 1));
}
