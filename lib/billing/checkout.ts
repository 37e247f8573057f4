import type { Provenance } from "@/lib/billing/converge";
import type {
  CheckoutSessionState,
  InvoiceState,
  SubscriptionState,
} from "@/lib/integrations/stripe/objects";

/**
 * What a completed Checkout Session means for billing, by its `mode` and `payment_status`
 * (https://docs.stripe.com/api/checkout/sessions/object):
 * - `setup`: a payment method was saved; nothing was paid and nothing was subscribed to.
 *   The Stripe customer is linked to the person, access is unchanged.
 * - `subscription`: the subscription is what counts. With a key it is read from Stripe;
 *   without one, and only while we know nothing else of it, it is guessed from the
 *   session: `paid` → active, `no_payment_required` → trialing (a $0 start is a trial,
 *   never paid access), `unpaid` → nothing until its payment events arrive.
 * - `payment`: a one-off purchase. Only `paid` counts, as a paid invoice (the session's
 *   own invoice when it has one — read from Stripe with a key — else `checkout:<session>`).
 *   `unpaid` (a delayed method such as a bank debit) waits for
 *   checkout.session.async_payment_succeeded; `no_payment_required` paid nothing.
 */
export function checkoutBilling(
  s: CheckoutSessionState,
  from: Provenance,
): { subscriptionGuess?: SubscriptionState; paidInvoice?: InvoiceState } {
  const at = from.eventAt;
  if (s.mode === "subscription" && s.subscriptionId && from.kind === "event") {
    const status = { paid: "active", no_payment_required: "trialing" }[s.paymentStatus];
    if (!status) return {};
    return {
      subscriptionGuess: {
        stripeSubscriptionId: s.subscriptionId,
        stripeCustomerId: s.stripeCustomerId,
        status,
        priceId: null,
        planName: null,
        currentPeriodEnd: null,
        trialStart: status === "trialing" ? at : null,
        trialEnd: null,
        cancelAtPeriodEnd: false,
        canceledAt: null,
        endedAt: null,
      },
    };
  }
  if (s.mode !== "payment" || s.paymentStatus !== "paid") return {};
  // With a key the session's real invoice is read from Stripe instead.
  if (s.invoiceId && from.kind === "read") return {};
  return {
    paidInvoice: {
      stripeInvoiceId: s.invoiceId ?? `checkout:${s.id}`,
      stripeCustomerId: s.stripeCustomerId,
      stripeSubscriptionId: null,
      email: s.email,
      name: s.name,
      status: "paid",
      amountDue: s.amountTotal,
      amountPaid: s.amountTotal,
      currency: s.currency,
      stripeCreatedAt: at,
      nextPaymentAttempt: null,
      paidAt: at,
    },
  };
}
