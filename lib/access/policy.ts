import type {
  AccessDecision,
  AccessInput,
  OverrideFacts,
  SubscriptionFacts,
} from "@/lib/access/facts";
import * as R from "@/lib/access/reasons";
import { day } from "@/lib/format";
import { everPaid, failedUnpaid, pastDue, stillCollecting } from "@/lib/access/past-due";

export type { AccessDecision, AccessInput, AccessReason } from "@/lib/access/facts";

const OPEN_DISPUTE = [
  "warning_needs_response",
  "warning_under_review",
  "needs_response",
  "under_review",
];
const RANK = { active: 0, trial: 1, past_due: 2, blocked: 3, canceled: 4, lead: 5 } as const;

const t = (d: Date | null | undefined) => d?.getTime() ?? 0;
const soonest = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);

/** The override in force at `now`: the newest one that is neither revoked nor expired. */
export function activeOverride(overrides: OverrideFacts[], now: Date): OverrideFacts | null {
  const live = overrides.filter((o) => !o.revokedAt && (!o.expiresAt || o.expiresAt > now));
  return live.sort((a, b) => t(b.createdAt) - t(a.createdAt))[0] ?? null;
}

function fromSubscription(s: SubscriptionFacts, input: AccessInput): AccessDecision {
  const statusSince = s.statusSince ?? input.firstSeenAt;
  const endedAt = s.endedAt ?? s.canceledAt ?? statusSince;
  switch (s.status) {
    case "trialing":
      return {
        status: "trial",
        reasons: [R.trialReason(s, statusSince)],
        reevaluateAt: null,
      };
    case "active":
    case "past_due":
    case "unpaid": {
      if (s.status !== "active" || stillCollecting(input.invoices).length > 0) {
        return pastDue(input, statusSince);
      }
      const at = s.cancelAtPeriodEnd ? s.currentPeriodEnd : null;
      // Set to cancel and the paid period is over: ended, even if Stripe's event is late.
      if (at && at <= input.now) {
        return {
          status: "canceled",
          reasons: [R.canceledReason("subscription_canceled", `Subscription ${s.id} ended`, at)],
          reevaluateAt: null,
        };
      }
      return { status: "active", reasons: [], reevaluateAt: at };
    }
    case "canceled":
      // Access runs to the end of a period already paid for; a trial canceled before it
      // ended was never paid for, so it ends at once.
      if (
        s.currentPeriodEnd &&
        s.currentPeriodEnd > input.now &&
        !(s.trialEnd && s.trialEnd > endedAt) &&
        failedUnpaid(input.invoices).length === 0
      ) {
        return { status: "active", reasons: [], reevaluateAt: s.currentPeriodEnd };
      }
      return {
        status: "canceled",
        reasons: [R.canceledReason("subscription_canceled", `Subscription ${s.id} ended`, endedAt)],
        reevaluateAt: null,
      };
    case "paused":
      return {
        status: "canceled",
        reasons: [
          R.canceledReason("subscription_paused", `Subscription ${s.id} was paused`, statusSince),
        ],
        reevaluateAt: null,
      };
    case "incomplete_expired":
      return {
        status: "canceled",
        reasons: [
          R.canceledReason(
            "subscription_expired",
            `The first payment for ${s.id} never succeeded; it expired`,
            endedAt,
          ),
        ],
        reevaluateAt: null,
      };
    default:
      return leadWithoutSubscription(input);
  }
}

function leadWithoutSubscription(input: AccessInput): AccessDecision {
  const failed = failedUnpaid(input.invoices);
  if (everPaid(input.invoices))
    return failed.length
      ? pastDue(input, input.firstSeenAt)
      : { status: "active", reasons: [], reevaluateAt: null };
  const first = failed[0];
  const reason = first
    ? R.leadReason(
        "payment_failed",
        `The first payment failed on invoice ${first.id} on ${day(first.firstFailedAt!)}; no access was granted.`,
        first.firstFailedAt!,
      )
    : R.leadReason("no_paid_subscription", "No paid subscription yet.", input.firstSeenAt);
  return { status: "lead", reasons: [reason], reevaluateAt: null };
}

function fromBilling(input: AccessInput): AccessDecision {
  const dispute = input.disputes
    .filter((d) => OPEN_DISPUTE.includes(d.status) || d.status === "lost")
    .sort((a, b) => a.id.localeCompare(b.id))[0];
  if (dispute) {
    const since = dispute.stripeCreatedAt ?? input.firstSeenAt;
    return { status: "blocked", reasons: [R.disputeReason(dispute, since)], reevaluateAt: null };
  }
  const lastCharge = [...input.charges].sort(
    (a, b) => t(b.stripeCreatedAt) - t(a.stripeCreatedAt) || a.id.localeCompare(b.id),
  )[0];
  const paidLater =
    lastCharge && input.invoices.some((i) => i.paidAt && i.paidAt > lastCharge.refundedAt);
  if (
    lastCharge &&
    lastCharge.amount > 0 &&
    lastCharge.amountRefunded >= lastCharge.amount &&
    !paidLater
  ) {
    return { status: "blocked", reasons: [R.refundReason(lastCharge)], reevaluateAt: null };
  }
  if (input.stripeDeletedAt) {
    return {
      status: "canceled",
      reasons: [
        R.canceledReason(
          "customer_deleted",
          "The customer was deleted in Stripe",
          input.stripeDeletedAt,
        ),
      ],
      reevaluateAt: null,
    };
  }
  if (input.subscriptions.length === 0) return leadWithoutSubscription(input);
  const candidates = [...input.subscriptions]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((s) => fromSubscription(s, input))
    .sort((a, b) => RANK[a.status] - RANK[b.status]);
  const best = candidates[0];
  const reevaluateAt = candidates.map((c) => c.reevaluateAt).reduce(soonest, null);
  return { ...best, reevaluateAt };
}

/**
 * The access policy: one pure function of billing state, identity verification, manual
 * overrides and the clock. Access is ours; billing mirrors Stripe. Every status other than
 * active carries at least one reason with a next action.
 */
export function computeAccess(input: AccessInput): AccessDecision {
  const override = activeOverride(input.overrides, input.now);
  if (override) {
    return {
      status: override.kind === "grant" ? "active" : "blocked",
      reasons: [R.overrideReason(override)],
      reevaluateAt: override.expiresAt,
    };
  }
  const decision = fromBilling(input);
  const paying = decision.status === "active" || decision.status === "trial";
  if (paying && input.config.requireIdentityVerification && input.identity.status !== "verified") {
    const since = input.identity.since ?? input.firstSeenAt;
    return {
      status: "blocked",
      reasons: [R.identityReason(input.identity.status, since)],
      reevaluateAt: decision.reevaluateAt,
    };
  }
  return decision;
}
