import type { AccessStatus } from "@/lib/generated/prisma/enums";

export type AccessReason = {
  /** Machine code, stable for filters and alerts. */
  code: string;
  /**
   * Internal: the sentence a support agent reads, with who decided, why, provider ids.
   * Shown on the dashboard only; never sent out (lib/access/customer-safe.ts).
   */
  message: string;
  /** ISO time since when this reason holds. */
  since: string;
  /** Internal: what staff should do next. */
  nextAction: string;
  /**
   * What the product app may show the customer: exactly what happened, dates in plain words,
   * no staff names, notes or ids ("Your payment of 49.00 EUR was declined on 3 Nov.").
   * Absent on reasons stored before it existed: customerSafeReason falls back by code.
   */
  customerMessage?: string;
  /** The customer's next step, same rules as customerMessage. */
  customerNextAction?: string;
};

export type SubscriptionFacts = {
  id: string;
  /** Stripe's status: trialing | active | past_due | canceled | unpaid | incomplete | incomplete_expired | paused */
  status: string;
  currentPeriodEnd: Date | null;
  trialStart: Date | null;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  endedAt: Date | null;
  /** When we learned the current status (provider time); a fallback for reasons' "since". */
  statusSince?: Date | null;
};

export type InvoiceFacts = {
  id: string;
  /** draft | open | paid | void | uncollectible */
  status: string;
  amountDue: number | null;
  /** What was actually collected: a $0 invoice (a trial's first) is not a payment. */
  amountPaid: number | null;
  currency: string | null;
  stripeCreatedAt: Date | null;
  firstFailedAt: Date | null;
  failureCode: string | null;
  nextPaymentAttempt: Date | null;
  paidAt: Date | null;
};

export type ChargeFacts = {
  id: string;
  amount: number;
  amountRefunded: number;
  currency: string | null;
  stripeCreatedAt: Date | null;
  /** When the (latest) refund was reported. */
  refundedAt: Date;
};

export type DisputeFacts = {
  id: string;
  status: string;
  amount: number | null;
  currency: string | null;
  reason: string | null;
  stripeCreatedAt: Date | null;
};

export type OverrideFacts = {
  kind: "grant" | "block";
  reason: string;
  actor: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  /** Set when a second person approved it (lib/approvals). */
  approvalRequestId?: string | null;
};

export type PolicyConfig = { pastDueGraceDays: number; requireIdentityVerification: boolean };

/** Everything the access policy may look at. Nothing else decides access. */
export type AccessInput = {
  now: Date;
  config: PolicyConfig;
  /** Earliest time we know anything about this person. */
  firstSeenAt: Date;
  subscriptions: SubscriptionFacts[];
  invoices: InvoiceFacts[];
  charges: ChargeFacts[];
  disputes: DisputeFacts[];
  identity: { status: string; since: Date | null };
  overrides: OverrideFacts[];
  stripeDeletedAt: Date | null;
};

export type AccessDecision = {
  status: AccessStatus;
  reasons: AccessReason[];
  /** When the clock alone will change this decision (grace end, override expiry, period end). */
  reevaluateAt: Date | null;
};
