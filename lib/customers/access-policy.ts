import type { AccessStatus } from "@/lib/generated/prisma/enums";

export type AccessReason = {
  /** Machine code, stable for filters and alerts. */
  code: string;
  /** A sentence a support agent can read aloud. */
  message: string;
  /** ISO time since when this reason holds. */
  since: string;
  nextAction: string;
};

export type BillingStatus =
  | "none"
  | "trialing"
  | "active"
  | "past_due"
  | "canceled"
  | "unpaid"
  | "incomplete"
  | "incomplete_expired"
  | "paused";

/** What billing knows, as far as access is concerned. */
export type BillingFacts = {
  billingStatus: BillingStatus;
  /** When the billing status last changed (provider time). */
  since: Date;
  failedInvoice?: {
    id: string;
    amountDue: number | null;
    currency: string | null;
    nextAttemptAt: Date | null;
  };
};

export type AccessDecision = { status: AccessStatus; reasons: AccessReason[] };

const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

function money(amount: number | null, currency: string | null) {
  if (amount == null) return "";
  return ` (${(amount / 100).toFixed(2)} ${(currency ?? "").toUpperCase()})`.replace(" )", ")");
}

/**
 * The access policy: a pure function of billing facts. Access is ours; billing mirrors
 * Stripe. Every status other than active carries at least one reason with a next action.
 */
export function computeAccess(facts: BillingFacts): AccessDecision {
  const since = facts.since.toISOString();
  switch (facts.billingStatus) {
    case "active":
      return { status: "active", reasons: [] };
    case "trialing":
      return {
        status: "trial",
        reasons: [
          {
            code: "trialing",
            message: `On a free trial since ${day.format(facts.since)}.`,
            since,
            nextAction: "None: Stripe charges the card when the trial ends.",
          },
        ],
      };
    case "past_due":
    case "unpaid": {
      const inv = facts.failedInvoice;
      const retry = inv?.nextAttemptAt
        ? `; Stripe retries on ${day.format(inv.nextAttemptAt)}`
        : "; Stripe will not retry automatically";
      const message = inv
        ? `Payment failed on invoice ${inv.id}${money(inv.amountDue, inv.currency)} on ${day.format(facts.since)}${retry}.`
        : `Payment is overdue since ${day.format(facts.since)}.`;
      return {
        status: "past_due",
        reasons: [
          {
            code: "payment_failed",
            message,
            since,
            nextAction: "Wait for the retry, or send the customer a payment link.",
          },
        ],
      };
    }
    case "canceled":
    case "incomplete_expired":
      return {
        status: "canceled",
        reasons: [
          {
            code: "subscription_canceled",
            message: `Subscription ended on ${day.format(facts.since)}.`,
            since,
            nextAction: "Offer a new subscription if the customer wants to come back.",
          },
        ],
      };
    case "incomplete":
    case "paused":
    case "none":
      return {
        status: "lead",
        reasons: [
          {
            code: "no_paid_subscription",
            message: "No paid subscription yet.",
            since,
            nextAction: "Follow up with the lead or send a checkout link.",
          },
        ],
      };
  }
}
