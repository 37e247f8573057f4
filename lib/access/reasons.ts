import type {
  AccessReason,
  ChargeFacts,
  DisputeFacts,
  InvoiceFacts,
  OverrideFacts,
  SubscriptionFacts,
} from "@/lib/access/facts";
import { day, money } from "@/lib/format";

const iso = (d: Date) => d.toISOString();

/** What happened to the customer's payment attempt, in their words (no invoice ids). */
function customerPaymentFailure(inv: InvoiceFacts | null, since: Date): string {
  if (!inv) return `Your payment is overdue since ${day(since)}.`;
  const amount = money(inv.amountDue, inv.currency);
  return inv.failureCode === "payment_action_required"
    ? `Your payment${amount} on ${day(since)} needs your confirmation.`
    : `Your payment${amount} was declined on ${day(since)}.`;
}

/**
 * The customer-safe words for a code, with its date when known. Also the fallback for
 * reasons stored before they carried their own (then without a date).
 */
export function customerSafeByCode(
  code: string,
  since: Date | null,
): { customerMessage: string; customerNextAction: string } {
  const on = since ? ` on ${day(since)}` : "";
  const words: Record<string, [string, string]> = {
    override_grant: ["Access was granted by our team.", "Nothing to do."],
    override_block: ["Access is paused by our team.", "Contact support if you have questions."],
    dispute_open: [
      `A payment was disputed${on}, so access is paused while it is reviewed.`,
      "Contact support about the disputed payment.",
    ],
    dispute_lost: [
      `A payment was disputed${on}, so access is paused.`,
      "Contact support about the disputed payment.",
    ],
    payment_refunded: [
      `Your last payment was refunded${on}, so access is paused.`,
      "Contact support if you want to keep your subscription.",
    ],
    payment_failed: [`Your payment was declined${on}.`, "Update your payment method."],
    payment_action_required: [
      `Your payment${on} needs your confirmation.`,
      "Confirm the payment when your bank asks you to.",
    ],
    grace_period_ended: [
      `Your payment did not go through, so access is paused${since ? ` since ${day(since)}` : ""}.`,
      "Pay the open invoice: access returns as soon as the payment goes through.",
    ],
    trialing: [
      "You are on a free trial.",
      "Nothing to do: your card is charged when the trial ends.",
    ],
    subscription_canceled: [
      `Your subscription ended${on}.`,
      "Start a new subscription to come back.",
    ],
    subscription_paused: [
      `Your subscription was paused${on}.`,
      "Resume your subscription to continue.",
    ],
    subscription_expired: [
      `Your first payment did not go through, so the subscription did not start${since ? ` (${day(since)})` : ""}.`,
      "Start a new subscription with another payment method.",
    ],
    customer_deleted: [
      `Your billing account was closed${on}.`,
      "Start a new subscription to come back.",
    ],
    no_paid_subscription: [
      "You do not have a paid subscription yet.",
      "Choose a plan to get started.",
    ],
    identity_unverified: [
      "Identity verification is not finished, so access is paused.",
      "Finish identity verification from the link in your account.",
    ],
  };
  const [customerMessage, customerNextAction] = words[code] ?? [
    "Your access is limited.",
    "Contact support.",
  ];
  return { customerMessage, customerNextAction };
}

export function overrideReason(o: OverrideFacts): AccessReason {
  const until = o.expiresAt ? ` until ${day(o.expiresAt)}` : " with no end date";
  const verb = o.kind === "grant" ? "granted" : "blocked";
  const approval = o.approvalRequestId ? ` (approved request ${o.approvalRequestId})` : "";
  return {
    code: `override_${o.kind}`,
    message: `Access was ${verb} by hand by ${o.actor}${approval}${until}: ${o.reason}`,
    customerMessage:
      o.kind === "grant"
        ? `Access was granted by our team${o.expiresAt ? ` until ${day(o.expiresAt)}` : ""}.`
        : `Access is paused by our team${o.expiresAt ? ` until ${day(o.expiresAt)}` : ""}.`,
    customerNextAction:
      o.kind === "grant" ? "Nothing to do." : "Contact support if you have questions.",
    since: iso(o.createdAt),
    nextAction: o.expiresAt
      ? `None: the override ends by itself on ${day(o.expiresAt)}; revoke it to end it sooner.`
      : "Revoke the override when it is no longer needed.",
  };
}

export function disputeReason(d: DisputeFacts, since: Date): AccessReason {
  const lost = d.status === "lost";
  return {
    code: lost ? "dispute_lost" : "dispute_open",
    message: `The customer disputed a payment${money(d.amount, d.currency)} on ${day(since)}${
      d.reason ? ` (reason: ${d.reason.replace(/_/g, " ")})` : ""
    }; dispute ${d.id} is ${lost ? "lost" : "open"}, so access is blocked pending review.`,
    customerMessage: `A payment${money(d.amount, d.currency)} was disputed on ${day(since)}, so access is paused while the dispute is ${lost ? "closed" : "reviewed"}.`,
    customerNextAction: "Contact support about the disputed payment.",
    since: iso(since),
    nextAction: lost
      ? "Review the account; lift the block with an override only if the customer pays again."
      : "Answer the dispute in Stripe with evidence before its deadline.",
  };
}

export function refundReason(c: ChargeFacts): AccessReason {
  return {
    code: "payment_refunded",
    message: `The last payment ${c.id}${money(c.amount, c.currency)} was fully refunded on ${day(
      c.refundedAt,
    )}, so access is blocked pending review.`,
    customerMessage: `Your last payment${money(c.amount, c.currency)} was refunded on ${day(
      c.refundedAt,
    )}, so access is paused.`,
    customerNextAction: "Contact support if you want to keep your subscription.",
    since: iso(c.refundedAt),
    nextAction: "Check why it was refunded; grant access with an override if it should continue.",
  };
}

export function paymentFailedReason(inv: InvoiceFacts | null, since: Date, graceEnd: Date) {
  const what =
    inv?.failureCode === "payment_action_required" ? "needs the customer to confirm" : "failed";
  const retry = inv?.nextPaymentAttempt
    ? `; Stripe retries on ${day(inv.nextPaymentAttempt)}`
    : "; Stripe will not retry automatically";
  const message = inv
    ? `Payment ${what} on invoice ${inv.id}${money(inv.amountDue, inv.currency)} on ${day(since)}${retry}.`
    : `Payment is overdue since ${day(since)}.`;
  return {
    code:
      inv?.failureCode === "payment_action_required" ? "payment_action_required" : "payment_failed",
    message: `${message} Access continues until ${day(graceEnd)}.`,
    customerMessage: `${customerPaymentFailure(inv, since)}${
      inv?.nextPaymentAttempt ? ` We will try again on ${day(inv.nextPaymentAttempt)}.` : ""
    } Your access continues until ${day(graceEnd)}.`,
    customerNextAction:
      inv?.failureCode === "payment_action_required"
        ? "Confirm the payment when your bank asks you to."
        : "Update your payment method.",
    since: iso(since),
    nextAction: "Wait for the retry, or send the customer a payment link.",
  };
}

export function graceExpiredReason(inv: InvoiceFacts | null, since: Date, graceEnd: Date) {
  return {
    code: "grace_period_ended",
    message: `Payment failed${inv ? ` on invoice ${inv.id}${money(inv.amountDue, inv.currency)}` : ""} on ${day(
      since,
    )} and the grace period ended on ${day(graceEnd)}, so access is blocked.`,
    customerMessage: `${customerPaymentFailure(inv, since)} Access is paused since ${day(graceEnd)}.`,
    customerNextAction: "Pay the open invoice: access returns as soon as the payment goes through.",
    since: iso(graceEnd),
    nextAction: "Send the customer a payment link; access returns as soon as the invoice is paid.",
  };
}

export function trialReason(s: SubscriptionFacts, fallback: Date): AccessReason {
  const start = s.trialStart ?? fallback;
  return {
    code: "trialing",
    message: `On a free trial since ${day(start)}${s.trialEnd ? ` until ${day(s.trialEnd)}` : ""}.`,
    customerMessage: `You are on a free trial${s.trialEnd ? ` until ${day(s.trialEnd)}` : ""}.`,
    customerNextAction: "Nothing to do: your card is charged when the trial ends.",
    since: iso(start),
    nextAction: "None: Stripe charges the card when the trial ends.",
  };
}

export function canceledReason(code: string, what: string, since: Date): AccessReason {
  return {
    code,
    message: `${what} on ${day(since)}.`,
    ...customerSafeByCode(code, since),
    since: iso(since),
    nextAction: "Offer a new subscription if the customer wants to come back.",
  };
}

export function leadReason(code: string, message: string, since: Date): AccessReason {
  return {
    code,
    message,
    ...customerSafeByCode(code, since),
    since: iso(since),
    nextAction: "Follow up with the lead or send a checkout link.",
  };
}

export function identityReason(status: string, since: Date): AccessReason {
  const detail =
    status === "requires_input" ? "Stripe Identity needs more input" : "it has not been completed";
  return {
    code: "identity_unverified",
    message: `Payment is in order but identity verification is required and ${detail}, so access is blocked.`,
    customerMessage:
      "Your payment is in order, but identity verification is not finished, so access is paused.",
    customerNextAction: "Finish identity verification from the link in your account.",
    since: iso(since),
    nextAction: "Ask the customer to finish identity verification from the link in their account.",
  };
}
