import type Stripe from "stripe";
import {
  applyBillingChange,
  type ApplyOutcome,
  type LedgerCause,
} from "@/lib/billing/apply-billing-change";
import { checkoutSessionCompleted } from "@/lib/billing/events/checkout-session-completed";
import { customerSubscriptionDeleted } from "@/lib/billing/events/customer-subscription-deleted";
import { invoicePaid } from "@/lib/billing/events/invoice-paid";
import { invoicePaymentFailed } from "@/lib/billing/events/invoice-payment-failed";
import { eventTime, type StripeEventHandler } from "@/lib/billing/types";
import type { Tx } from "@/lib/customers/tx";

const handlers: Record<string, StripeEventHandler> = {
  "checkout.session.completed": checkoutSessionCompleted,
  "invoice.paid": invoicePaid,
  "invoice.payment_failed": invoicePaymentFailed,
  "customer.subscription.deleted": customerSubscriptionDeleted,
};

export function isHandledStripeEvent(type: string): boolean {
  return type in handlers;
}

/**
 * Applies one verified Stripe event to customer state inside the caller's transaction.
 * Idempotent: safe to run any number of times for the same event (an event older than
 * the customer's newest applied billing event changes nothing).
 */
export async function applyStripeEvent(
  tx: Tx,
  event: Stripe.Event,
  cause: LedgerCause,
): Promise<ApplyOutcome> {
  const handler = handlers[event.type];
  if (!handler) return { outcome: "ignored", detail: `event type ${event.type} is not handled` };
  const change = handler(event);
  if ("skip" in change) return { outcome: "ignored", detail: change.skip };
  return applyBillingChange(tx, change, eventTime(event), cause);
}
