import type Stripe from "stripe";
import {
  applyStripeEffect,
  type ApplyOutcome,
  type LedgerCause,
} from "@/lib/billing/apply-stripe-effect";
import { chargeDisputeClosed } from "@/lib/billing/events/charge-dispute-closed";
import { chargeDisputeCreated } from "@/lib/billing/events/charge-dispute-created";
import { chargeRefunded } from "@/lib/billing/events/charge-refunded";
import { checkoutSessionCompleted } from "@/lib/billing/events/checkout-session-completed";
import { customerCreated } from "@/lib/billing/events/customer-created";
import { customerDeleted } from "@/lib/billing/events/customer-deleted";
import { customerSubscriptionCreated } from "@/lib/billing/events/customer-subscription-created";
import { customerSubscriptionDeleted } from "@/lib/billing/events/customer-subscription-deleted";
import { customerSubscriptionPaused } from "@/lib/billing/events/customer-subscription-paused";
import { customerSubscriptionResumed } from "@/lib/billing/events/customer-subscription-resumed";
import { customerSubscriptionTrialWillEnd } from "@/lib/billing/events/customer-subscription-trial-will-end";
import { customerSubscriptionUpdated } from "@/lib/billing/events/customer-subscription-updated";
import { customerUpdated } from "@/lib/billing/events/customer-updated";
import { identityVerificationSessionRequiresInput } from "@/lib/billing/events/identity-verification-session-requires-input";
import { identityVerificationSessionVerified } from "@/lib/billing/events/identity-verification-session-verified";
import { invoiceMarkedUncollectible } from "@/lib/billing/events/invoice-marked-uncollectible";
import { invoicePaid } from "@/lib/billing/events/invoice-paid";
import { invoicePaymentActionRequired } from "@/lib/billing/events/invoice-payment-action-required";
import { invoicePaymentFailed } from "@/lib/billing/events/invoice-payment-failed";
import { invoicePaymentSucceeded } from "@/lib/billing/events/invoice-payment-succeeded";
import { paymentIntentPaymentFailed } from "@/lib/billing/events/payment-intent-payment-failed";
import { paymentIntentSucceeded } from "@/lib/billing/events/payment-intent-succeeded";
import { eventTime, type StripeEventHandler } from "@/lib/billing/types";
import type { Tx } from "@/lib/customers/tx";

export type { ApplyOutcome } from "@/lib/billing/apply-stripe-effect";

const handlers: Record<string, StripeEventHandler> = {
  "checkout.session.completed": checkoutSessionCompleted,
  "customer.created": customerCreated,
  "customer.updated": customerUpdated,
  "customer.deleted": customerDeleted,
  "customer.subscription.created": customerSubscriptionCreated,
  "customer.subscription.updated": customerSubscriptionUpdated,
  "customer.subscription.deleted": customerSubscriptionDeleted,
  "customer.subscription.paused": customerSubscriptionPaused,
  "customer.subscription.resumed": customerSubscriptionResumed,
  "customer.subscription.trial_will_end": customerSubscriptionTrialWillEnd,
  "invoice.paid": invoicePaid,
  "invoice.payment_succeeded": invoicePaymentSucceeded,
  "invoice.payment_failed": invoicePaymentFailed,
  "invoice.payment_action_required": invoicePaymentActionRequired,
  "invoice.marked_uncollectible": invoiceMarkedUncollectible,
  "payment_intent.succeeded": paymentIntentSucceeded,
  "payment_intent.payment_failed": paymentIntentPaymentFailed,
  "charge.refunded": chargeRefunded,
  "charge.dispute.created": chargeDisputeCreated,
  "charge.dispute.closed": chargeDisputeClosed,
  "identity.verification_session.verified": identityVerificationSessionVerified,
  "identity.verification_session.requires_input": identityVerificationSessionRequiresInput,
};

export function isHandledStripeEvent(type: string): boolean {
  return Object.hasOwn(handlers, type);
}

/**
 * Applies one verified Stripe event to customer state inside the caller's transaction.
 * Unknown event types are ignored, never errors.
 * Idempotent: safe to run any number of times for the same event (each Stripe object keeps
 * the provider time it reflects; an older event changes nothing).
 */
export async function applyStripeEvent(
  tx: Tx,
  event: Stripe.Event,
  cause: LedgerCause,
): Promise<ApplyOutcome> {
  const handler = Object.hasOwn(handlers, event.type) ? handlers[event.type] : undefined;
  if (!handler) return { outcome: "ignored", detail: `event type ${event.type} is not handled` };
  const effect = handler(event);
  if ("skip" in effect) return { outcome: "ignored", detail: effect.skip };
  return applyStripeEffect(tx, effect, eventTime(event), cause);
}
