import {
  chargeState,
  customerProfile,
  invoiceState,
  subscriptionState,
  type ChargeState,
  type CustomerProfile,
  type InvoiceState,
  type SubscriptionState,
} from "@/lib/billing/stripe-objects";
import { callStripe, isMissing, stripeClient } from "@/lib/billing/stripe-client";

async function retrieve<T>(get: () => Promise<unknown>, map: (raw: unknown) => T | null) {
  try {
    return map(await callStripe(get));
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
}

/** The subscription as Stripe has it now; null without a client or when Stripe has none. */
export async function fetchSubscription(id: string): Promise<SubscriptionState | null> {
  const stripe = stripeClient();
  return stripe ? retrieve(() => stripe.subscriptions.retrieve(id), subscriptionState) : null;
}

export async function fetchInvoice(id: string): Promise<InvoiceState | null> {
  const stripe = stripeClient();
  return stripe ? retrieve(() => stripe.invoices.retrieve(id), invoiceState) : null;
}

export async function fetchCharge(id: string): Promise<ChargeState | null> {
  const stripe = stripeClient();
  return stripe ? retrieve(() => stripe.charges.retrieve(id), chargeState) : null;
}

export async function fetchCustomerProfile(id: string): Promise<CustomerProfile | null> {
  const stripe = stripeClient();
  return stripe ? retrieve(() => stripe.customers.retrieve(id), customerProfile) : null;
}
