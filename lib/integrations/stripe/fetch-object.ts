import type { ObjectKind } from "@/lib/integrations/stripe/event-rules";
import { callStripe, isMissing, stripeClient } from "@/lib/integrations/stripe/client";
import {
  chargeState,
  checkoutSessionState,
  customerProfile,
  disputeState,
  invoiceState,
  subscriptionState,
} from "@/lib/integrations/stripe/objects";
import type { ObjectState } from "@/lib/integrations/stripe/objects";

/**
 * Reads one object as Stripe has it now, mapped to the state we store: null when Stripe
 * has no such object (404). Throws on other API errors, so the ledger event fails and is
 * retried later. Only call with a configured client.
 */
export async function readStripeObject(kind: ObjectKind, id: string): Promise<ObjectState | null> {
  const stripe = stripeClient();
  if (!stripe) throw new Error("STRIPE_SECRET_KEY is not configured");
  const get = {
    customer: () => stripe.customers.retrieve(id),
    subscription: () => stripe.subscriptions.retrieve(id),
    invoice: () => stripe.invoices.retrieve(id),
    charge: () => stripe.charges.retrieve(id),
    dispute: () => stripe.disputes.retrieve(id),
    checkout_session: () => stripe.checkout.sessions.retrieve(id),
  }[kind] as () => Promise<unknown>;
  let raw: unknown;
  try {
    raw = await callStripe(get);
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
  return mapObject(kind, raw);
}

/** Maps a raw Stripe object of `kind` to the state we store; null if it has no id. */
export function mapObject(kind: ObjectKind, raw: unknown): ObjectState | null {
  switch (kind) {
    case "customer": {
      const state = customerProfile(raw);
      return state && { kind, state };
    }
    case "subscription": {
      const state = subscriptionState(raw);
      return state && { kind, state };
    }
    case "invoice": {
      const state = invoiceState(raw);
      return state && { kind, state };
    }
    case "charge": {
      const state = chargeState(raw);
      return state && { kind, state };
    }
    case "dispute": {
      const state = disputeState(raw);
      return state && { kind, state };
    }
    case "checkout_session": {
      const state = checkoutSessionState(raw);
      return state && { kind, state };
    }
  }
}
