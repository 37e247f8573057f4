import { describe, expect, it } from "vitest";
import type { AccessInput, InvoiceFacts, SubscriptionFacts } from "./facts";
import { activeOverride, computeAccess } from "./policy";

const d = (s: string) => new Date(`2026-11-${s}Z`);
const now = d("10T12:00:00");

function input(over: Partial<AccessInput> = {}): AccessInput {
  return {
    now,
    config: { pastDueGraceDays: 3, requireIdentityVerification: false },
    firstSeenAt: d("01T09:00:00"),
    subscriptions: [],
    invoices: [],
    charges: [],
    disputes: [],
    identity: { status: "none", since: null },
    overrides: [],
    stripeDeletedAt: null,
    ...over,
  };
}

function sub(status: string, over: Partial<SubscriptionFacts> = {}): SubscriptionFacts {
  return {
    id: "sub_1",
    status,
    currentPeriodEnd: d("30T00:00:00"),
    trialStart: null,
    trialEnd: null,
    cancelAtPeriodEnd: false,
    canceledAt: null,
    endedAt: null,
    ...over,
  };
}

function failed(firstFailedAt: Date, over: Partial<InvoiceFacts> = {}): InvoiceFacts {
  return {
    id: "in_123",
    status: "open",
    amountDue: 4900,
    amountPaid: 0,
    currency: "eur",
    stripeCreatedAt: firstFailedAt,
    firstFailedAt,
    failureCode: "payment_failed",
    nextPaymentAttempt: new Date(firstFailedAt.getTime() + 3 * 86400_000),
    paidAt: null,
    ...over,
  };
}

const paid: InvoiceFacts = {
  ...failed(d("01T10:00:00")),
  id: "in_paid",
  status: "paid",
  amountPaid: 4900,
  firstFailedAt: null,
  failureCode: null,
  paidAt: d("01T10:00:00"),
};

describe("computeAccess", () => {
  it("an active subscription grants access with no reasons", () => {
    expect(computeAccess(input({ subscriptions: [sub("active")] }))).toEqual({
      status: "active",
      reasons: [],
      reevaluateAt: null,
    });
  });

  it("no subscription and no payment is a lead with a next action", () => {
    const r = computeAccess(input());
    expect(r.status).toBe("lead");
    expect(r.reasons[0]).toMatchObject({ code: "no_paid_subscription" });
    expect(r.reasons[0].nextAction).toMatch(/checkout link/);
  });

  it("a paid invoice without a known subscription counts as a payment", () => {
    expect(computeAccess(input({ invoices: [paid] })).status).toBe("active");
  });

  it("a failed first payment never grants access", () => {
    const r = computeAccess(input({ invoices: [failed(d("09T10:00:00"))] }));
    expect(r.status).toBe("lead");
    expect(r.reasons[0].code).toBe("payment_failed");
    expect(r.reasons[0].message).toMatch(/first payment failed on invoice in_123 on 9 Nov/);
  });

  it("trialing gives trial with the trial dates, never active", () => {
    const s = sub("trialing", { trialStart: d("05T00:00:00"), trialEnd: d("19T00:00:00") });
    const r = computeAccess(input({ subscriptions: [s] }));
    expect(r.status).toBe("trial");
    expect(r.reasons[0].message).toBe("On a free trial since 5 Nov until 19 Nov.");
  });

  it("a failed payment keeps access for the grace period from the first failure, with the retry date", () => {
    const r = computeAccess(
      input({ subscriptions: [sub("past_due")], invoices: [failed(d("09T10:00:00"))] }),
    );
    expect(r.status).toBe("past_due");
    expect(r.reasons[0]).toMatchObject({
      code: "payment_failed",
      since: "2026-11-09T10:00:00.000Z",
    });
    expect(r.reasons[0].message).toBe(
      "Payment failed on invoice in_123 (49.00 EUR) on 9 Nov; Stripe retries on 12 Nov. Access continues until 12 Nov.",
    );
    expect(r.reasons[0].nextAction).toMatch(/payment link/);
    expect(r.reevaluateAt).toEqual(d("12T10:00:00"));
  });

  it("a failed payment reported before the subscription update already ends active", () => {
    const r = computeAccess(
      input({ subscriptions: [sub("active")], invoices: [failed(d("09T10:00:00"))] }),
    );
    expect(r.status).toBe("past_due");
  });

  it("after the grace period a failed payment blocks access", () => {
    const r = computeAccess(
      input({
        subscriptions: [sub("unpaid")],
        invoices: [failed(d("01T10:00:00"), { nextPaymentAttempt: null })],
      }),
    );
    expect(r.status).toBe("blocked");
    expect(r.reasons[0].code).toBe("grace_period_ended");
    expect(r.reasons[0].message).toMatch(/grace period ended on 4 Nov/);
  });

  it("a past-due subscription without invoice details still explains itself", () => {
    const r = computeAccess(input({ subscriptions: [sub("past_due")], now: d("02T00:00:00") }));
    expect(r.reasons[0].message).toMatch(/^Payment is overdue since 1 Nov/);
    const known = sub("past_due", { statusSince: d("09T00:00:00") });
    const r2 = computeAccess(input({ subscriptions: [known] }));
    expect(r2).toMatchObject({ status: "past_due", reevaluateAt: d("12T00:00:00") });
    expect(r2.reasons[0].message).toMatch(/^Payment is overdue since 9 Nov/);
  });

  it("payment needing customer action says so", () => {
    const inv = failed(d("09T10:00:00"), {
      failureCode: "payment_action_required",
      nextPaymentAttempt: null,
    });
    const r = computeAccess(input({ subscriptions: [sub("past_due")], invoices: [inv] }));
    expect(r.reasons[0].code).toBe("payment_action_required");
    expect(r.reasons[0].message).toMatch(/needs the customer to confirm.*will not retry/);
  });

  it("a canceled subscription keeps access until the paid period ends, then is canceled", () => {
    const s = sub("canceled", { canceledAt: d("05T00:00:00"), currentPeriodEnd: d("20T00:00:00") });
    expect(computeAccess(input({ subscriptions: [s] }))).toMatchObject({
      status: "active",
      reevaluateAt: d("20T00:00:00"),
    });
    const later = computeAccess(input({ subscriptions: [s], now: d("21T00:00:00") }));
    expect(later.status).toBe("canceled");
    expect(later.reasons[0]).toMatchObject({
      code: "subscription_canceled",
      since: d("05T00:00:00").toISOString(),
    });
  });

  it("a trial canceled before it ended was never paid for: canceled at once, not active to the period end", () => {
    const s = sub("canceled", {
      trialEnd: d("20T00:00:00"),
      canceledAt: d("05T00:00:00"),
      endedAt: d("05T00:00:00"),
      currentPeriodEnd: d("20T00:00:00"),
    });
    expect(computeAccess(input({ subscriptions: [s] })).status).toBe("canceled");
  });

  it("cancel at period end keeps access and asks for re-evaluation at the period end", () => {
    const s = sub("active", { cancelAtPeriodEnd: true });
    expect(computeAccess(input({ subscriptions: [s] })).reevaluateAt).toEqual(d("30T00:00:00"));
    const ended = computeAccess(input({ subscriptions: [s], now: d("30T00:00:01") }));
    expect(ended).toMatchObject({
      status: "canceled",
      reasons: [{ code: "subscription_canceled" }],
    });
  });

  it("a $0 paid invoice (a trial's first) is not a payment: without a subscription it stays a lead", () => {
    const zero = { ...paid, amountDue: 0, amountPaid: 0 };
    expect(computeAccess(input({ invoices: [zero] })).status).toBe("lead");
    expect(computeAccess(input({ invoices: [paid] })).status).toBe("active");
  });

  it("a failed invoice written off as uncollectible does not hold back a subscription Stripe calls active; an open one does", () => {
    const writtenOff = failed(d("01T10:00:00"), { status: "uncollectible" });
    expect(
      computeAccess(input({ subscriptions: [sub("active")], invoices: [writtenOff] })).status,
    ).toBe("active");
    const open = failed(d("01T10:00:00"));
    expect(
      computeAccess(input({ subscriptions: [sub("active")], invoices: [open] })).status,
    ).not.toBe("active");
    const voided = failed(d("01T10:00:00"), { status: "void" });
    // A void invoice no longer counts: Stripe's subscription status alone decides.
    const r = computeAccess(input({ subscriptions: [sub("past_due")], invoices: [voided] }));
    expect(r.status).not.toBe("active");
    expect(r.reasons[0].message).not.toMatch(/in_123/);
  });

  it("paused, expired and incomplete subscriptions do not grant access", () => {
    expect(computeAccess(input({ subscriptions: [sub("paused")] })).reasons[0].code).toBe(
      "subscription_paused",
    );
    expect(computeAccess(input({ subscriptions: [sub("incomplete_expired")] })).status).toBe(
      "canceled",
    );
    expect(computeAccess(input({ subscriptions: [sub("incomplete")] })).status).toBe("lead");
  });

  it("with several subscriptions the best one decides", () => {
    const subs = [
      sub("canceled", { id: "sub_0", currentPeriodEnd: null }),
      sub("active", { id: "sub_2" }),
    ];
    expect(computeAccess(input({ subscriptions: subs })).status).toBe("active");
  });

  it("a full refund of the last payment blocks pending review", () => {
    const charge = {
      id: "ch_1",
      amount: 4900,
      amountRefunded: 4900,
      currency: "eur",
      stripeCreatedAt: d("02T00:00:00"),
      refundedAt: d("04T00:00:00"),
    };
    const r = computeAccess(input({ subscriptions: [sub("active")], charges: [charge] }));
    expect(r.status).toBe("blocked");
    expect(r.reasons[0].message).toBe(
      "The last payment ch_1 (49.00 EUR) was fully refunded on 4 Nov, so access is blocked pending review.",
    );
    const partial = { ...charge, amountRefunded: 1000 };
    expect(
      computeAccess(input({ subscriptions: [sub("active")], charges: [partial] })).status,
    ).toBe("active");
    const paidAgain = { ...paid, paidAt: d("05T00:00:00") };
    expect(
      computeAccess(
        input({ subscriptions: [sub("active")], charges: [charge], invoices: [paidAgain] }),
      ).status,
    ).toBe("active");
  });

  it("an open or lost dispute blocks; a won dispute does not", () => {
    const dispute = {
      id: "dp_1",
      status: "needs_response",
      amount: 4900,
      currency: "eur",
      reason: "fraudulent",
      stripeCreatedAt: d("06T00:00:00"),
    };
    const open = computeAccess(input({ subscriptions: [sub("active")], disputes: [dispute] }));
    expect(open.status).toBe("blocked");
    expect(open.reasons[0].code).toBe("dispute_open");
    expect(open.reasons[0].message).toMatch(/\(reason: fraudulent\); dispute dp_1 is open/);
    const lost = computeAccess(input({ disputes: [{ ...dispute, status: "lost", reason: null }] }));
    expect(lost.reasons[0].code).toBe("dispute_lost");
    const won = { ...dispute, status: "won" };
    expect(computeAccess(input({ subscriptions: [sub("active")], disputes: [won] })).status).toBe(
      "active",
    );
  });

  it("a customer deleted in Stripe is canceled", () => {
    const r = computeAccess(
      input({ stripeDeletedAt: d("07T00:00:00"), subscriptions: [sub("active")] }),
    );
    expect(r.reasons[0].code).toBe("customer_deleted");
  });

  it("when identity verification is required, payment alone does not make active", () => {
    const config = { pastDueGraceDays: 3, requireIdentityVerification: true };
    const unverified = computeAccess(input({ config, subscriptions: [sub("active")] }));
    expect(unverified.status).toBe("blocked");
    expect(unverified.reasons[0].code).toBe("identity_unverified");
    const needsInput = computeAccess(
      input({
        config,
        subscriptions: [sub("trialing")],
        identity: { status: "requires_input", since: d("03T00:00:00") },
      }),
    );
    expect(needsInput.reasons[0].message).toMatch(/needs more input/);
    const verified = { status: "verified", since: d("03T00:00:00") };
    expect(
      computeAccess(input({ config, subscriptions: [sub("active")], identity: verified })).status,
    ).toBe("active");
  });

  it("overrides win while they last: the newest live one decides", () => {
    const base = { reason: "VIP pilot", actor: "founder@example.com", revokedAt: null };
    const grant = {
      ...base,
      kind: "grant" as const,
      expiresAt: d("15T00:00:00"),
      createdAt: d("08T00:00:00"),
    };
    const block = { ...base, kind: "block" as const, expiresAt: null, createdAt: d("09T00:00:00") };
    const r = computeAccess(input({ overrides: [grant] }));
    expect(r).toMatchObject({ status: "active", reevaluateAt: d("15T00:00:00") });
    expect(r.reasons[0].message).toMatch(
      /granted by hand by founder@example.com until 15 Nov: VIP pilot/,
    );
    const b = computeAccess(input({ subscriptions: [sub("active")], overrides: [grant, block] }));
    expect(b.status).toBe("blocked");
    expect(b.reasons[0].nextAction).toMatch(/Revoke/);
    expect(activeOverride([grant], d("16T00:00:00"))).toBeNull();
    expect(activeOverride([{ ...block, revokedAt: d("09T01:00:00") }], now)).toBeNull();
  });

  it("several failed invoices: grace runs from the oldest failure, the message names the newest", () => {
    const older = failed(d("09T10:00:00"), { id: "in_a" });
    const newer = failed(d("10T10:00:00"), { id: "in_b", amountDue: null });
    const same = failed(d("09T10:00:00"), { id: "in_c", status: "uncollectible" });
    const r = computeAccess(
      input({ subscriptions: [sub("past_due")], invoices: [newer, same, older] }),
    );
    expect(r.reasons[0]).toMatchObject({ since: "2026-11-09T10:00:00.000Z" });
    expect(r.reasons[0].message).toMatch(/^Payment failed on invoice in_b on 9 Nov/);
  });

  it("without a subscription, a failure after an earlier payment is past due", () => {
    const r = computeAccess(input({ invoices: [paid, failed(d("09T10:00:00"))] }));
    expect(r.status).toBe("past_due");
  });

  it("disputes and refunds: the oldest dispute and the newest charge decide", () => {
    const dispute = {
      id: "dp_b",
      status: "under_review",
      amount: null,
      currency: null,
      reason: null,
      stripeCreatedAt: null,
    };
    const r = computeAccess(input({ disputes: [dispute, { ...dispute, id: "dp_a" }] }));
    expect(r.reasons[0]).toMatchObject({ code: "dispute_open", since: "2026-11-01T09:00:00.000Z" });
    expect(r.reasons[0].message).toMatch(/dispute dp_a is open/);
    const charge = {
      id: "ch_1",
      amount: 4900,
      amountRefunded: 4900,
      currency: null,
      stripeCreatedAt: null,
      refundedAt: now,
    };
    const newer = { ...charge, id: "ch_2", amountRefunded: 0, stripeCreatedAt: d("05T00:00:00") };
    expect(computeAccess(input({ invoices: [paid], charges: [charge, newer] })).status).toBe(
      "active",
    );
    expect(computeAccess(input({ charges: [{ ...charge, amount: 0 }] })).status).toBe("lead");
  });
});
