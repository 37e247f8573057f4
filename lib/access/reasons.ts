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

export function overrideReason(o: OverrideFacts): AccessReason {
  const until = o.expiresAt ? ` until ${day(o.expiresAt)}` : " with no end date";
  const verb = o.kind === "grant" ? "granted" : "blocked";
  return {
    code: `override_${o.kind}`,
    message: `Access was ${verb} by hand by ${o.actor}${until}: ${o.reason}`,
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
    since: iso(graceEnd),
    nextAction: "Send the customer a payment link; access returns as soon as the invoice is paid.",
  };
}

export function trialReason(s: SubscriptionFacts, fallback: Date): AccessReason {
  const start = s.trialStart ?? fallback;
  return {
    code: "trialing",
    message: `On a free trial since ${day(start)}${s.trialEnd ? ` until ${day(s.trialEnd)}` : ""}.`,
    since: iso(start),
    nextAction: "None: Stripe charges the card when the trial ends.",
  };
}

export function canceledReason(code: string, what: string, since: Date): AccessReason {
  return {
    code,
    message: `${what} on ${day(since)}.`,
    since: iso(since),
    nextAction: "Offer a new subscription if the customer wants to come back.",
  };
}

export function leadReason(code: string, message: string, since: Date): AccessReason {
  return {
    code,
    message,
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
    since: iso(since),
    nextAction: "Ask the customer to finish identity verification from the link in their account.",
  };
}
