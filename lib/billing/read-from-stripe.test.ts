import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { deliver, recordStripe } from "@/dev/deliver";
import { withFakeStripe } from "@/test/fake-stripe-env";
import {
  chargeObject,
  customerObject,
  disputeObject,
  eventOf,
  invoiceObject,
  subscriptionObject,
} from "@/fakes/stripe/objects";
import { processLedgerEvent } from "@/lib/workflows/process-ledger-event";

// With a Stripe key every event is a trigger: the objects it names are read from Stripe
// when it is processed. These tests run against the fake Stripe API (a local HTTP server
// speaking Stripe's REST contract); whatever the fake holds is "Stripe's truth".
const fake = withFakeStripe({ timeoutMs: 400 });
beforeEach(resetDatabase);

const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);
const cus = "cus_rd1";
const sub = (status: string, over: Partial<Parameters<typeof subscriptionObject>[0]> = {}) =>
  subscriptionObject({
    id: "sub_rd1",
    customer: cus,
    status,
    periodEnd: now() + 30 * 86400,
    ...over,
  });
const inv = (id: string, status: string, created: number) =>
  invoiceObject({ id, customer: cus, status, subscription: "sub_rd1", created });
const customer = () => db.customer.findFirstOrThrow();
const stripeReads = (path: string) => fake.api().requests.filter((r) => r.path === path).length;

describe("reading Stripe's truth when an event is processed", () => {
  it("defect 1: with Stripe's clock two hours behind ours, a renewal that went past due and a cancellation still land", async () => {
    const T = now() - 2 * HOUR; // Stripe's clock, behind this host's
    fake.api().put("subscriptions", sub("active"));
    fake.api().put("invoices", inv("in_rd1", "paid", T));
    await deliver(eventOf("invoice.paid", inv("in_rd1", "paid", T), T));
    expect(await customer()).toMatchObject({ billingStatus: "active", accessStatus: "active" });

    fake.api().put("subscriptions", sub("past_due"));
    await deliver(eventOf("customer.subscription.updated", sub("past_due"), T + 60));
    expect((await customer()).billingStatus).toBe("past_due");

    // Canceled at the end of its (past) period: access ends with it.
    const ended = { endedAt: T + 120, canceledAt: T + 120, periodEnd: T + 120 };
    fake.api().put("subscriptions", sub("canceled", ended));
    const r = await deliver(eventOf("customer.subscription.deleted", sub("canceled"), T + 120));
    expect(r).toMatchObject({ status: "processed", outcome: { outcome: "applied" } });
    expect(await customer()).toMatchObject({ billingStatus: "canceled" });
    expect((await customer()).accessStatus).not.toBe("active");
  });

  it("defect 1: events of the same second as an earlier read are read again, not dropped as stale", async () => {
    const T = now() - 60;
    fake.api().put("subscriptions", sub("active"));
    await deliver(eventOf("invoice.paid", inv("in_rd2", "paid", T), T));
    // Within the same second Stripe sets the subscription to cancel at period end.
    fake.api().put("subscriptions", sub("active", { cancelAtPeriodEnd: true }));
    await deliver(eventOf("customer.subscription.updated", sub("active"), T));
    const row = await db.subscription.findFirstOrThrow();
    expect(row.cancelAtPeriodEnd).toBe(true);
  });

  it("a late copy of an old event never undoes a newer read", async () => {
    const T = now() - 600;
    fake.api().put("subscriptions", sub("past_due"));
    await deliver(eventOf("customer.subscription.updated", sub("past_due"), T + 10));
    fake.api().put("subscriptions", sub("active"));
    await deliver(eventOf("customer.subscription.updated", sub("active"), T + 20));
    // Stripe redelivers the old past_due event: it is read again, and Stripe says active.
    await deliver(eventOf("customer.subscription.updated", sub("past_due"), T + 10));
    expect((await db.subscription.findFirstOrThrow()).status).toBe("active");
  });

  it("a burst of events about one subscription costs one read, and the ledger says which event read it", async () => {
    const T = now() - 60;
    fake.api().put("subscriptions", sub("active"));
    fake.api().put("invoices", inv("in_rd3", "paid", T));
    const ids = [];
    for (const e of [
      eventOf("customer.subscription.created", sub("incomplete"), T),
      eventOf("invoice.paid", inv("in_rd3", "open", T), T),
      eventOf("invoice.payment_succeeded", inv("in_rd3", "paid", T), T),
      eventOf("customer.subscription.updated", sub("active"), T),
    ])
      ids.push(await recordStripe(e));
    for (const id of ids) await processLedgerEvent(db, id);
    expect(stripeReads("/v1/subscriptions/sub_rd1")).toBe(1);
    expect(stripeReads("/v1/invoices/in_rd3")).toBe(1);
    expect(await customer()).toMatchObject({ accessStatus: "active", billingStatus: "active" });
    const results = await db.ledgerEvent.findMany({ orderBy: { seq: "asc" } });
    expect(results[0].result).toMatchObject({
      mode: "read",
      reads: [{ object: "sub_rd1", kind: "subscription", how: "read" }],
    });
    expect(results[3].result).toMatchObject({
      reads: [{ object: "sub_rd1", how: "covered" }],
    });
  });

  it("defect 2: a failed invoice the merchant voids lifts past due, as Stripe's subscription is active again", async () => {
    const T = now() - 3600;
    fake.api().put("subscriptions", sub("past_due"));
    fake.api().put("invoices", inv("in_rd4", "open", T));
    await deliver(eventOf("invoice.payment_failed", inv("in_rd4", "open", T), T));
    expect((await customer()).accessStatus).toBe("past_due");
    fake.api().put("invoices", inv("in_rd4", "void", T));
    fake.api().put("subscriptions", sub("active"));
    await deliver(eventOf("invoice.voided", inv("in_rd4", "void", T), T + 60));
    expect(await customer()).toMatchObject({ accessStatus: "active", billingStatus: "active" });
  });

  it("an invoice written off as uncollectible no longer holds back a subscription Stripe calls active", async () => {
    const T = now() - 3600;
    fake.api().put("subscriptions", sub("past_due"));
    fake.api().put("invoices", inv("in_rd5", "open", T));
    await deliver(eventOf("invoice.payment_failed", inv("in_rd5", "open", T), T));
    fake.api().put("invoices", inv("in_rd5", "uncollectible", T));
    fake.api().put("subscriptions", sub("active"));
    await deliver(eventOf("invoice.marked_uncollectible", inv("in_rd5", "open", T), T + 60));
    expect((await customer()).accessStatus).toBe("active");
  });

  it("a customer.updated read from Stripe wins whatever the payload says", async () => {
    const T = now() - 60;
    fake.api().put("customers", customerObject({ id: cus, email: "new@example.com", name: "New" }));
    await deliver(
      eventOf("customer.updated", customerObject({ id: cus, email: "old@example.com" }), T),
    );
    expect(await customer()).toMatchObject({ email: "new@example.com", name: "New" });
  });

  it("a 500 from Stripe is retried by the SDK and the event still lands", async () => {
    fake.api().put("subscriptions", sub("active"));
    fake.api().inject({ status: 500 });
    await deliver(eventOf("customer.subscription.updated", sub("active"), now()));
    expect((await db.subscription.findFirstOrThrow()).status).toBe("active");
    expect(stripeReads("/v1/subscriptions/sub_rd1")).toBe(2);
  });

  it("rate limits (429) are waited out with backoff", async () => {
    fake.api().put("subscriptions", sub("active"));
    fake.api().inject({ status: 429, retryAfterSeconds: 0 }, { status: 429, retryAfterSeconds: 0 });
    await deliver(eventOf("customer.subscription.updated", sub("trialing"), now()));
    expect((await db.subscription.findFirstOrThrow()).status).toBe("active");
  });

  it("a Stripe API that never answers fails the event before any write; a retry lands it", async () => {
    fake.api().put("subscriptions", sub("active"));
    fake.api().inject({ hang: true }, { hang: true }, { hang: true });
    const id = await recordStripe(eventOf("customer.subscription.updated", sub("active"), now()));
    await expect(processLedgerEvent(db, id)).rejects.toThrow();
    expect(await db.ledgerEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "failed",
    });
    expect(await db.customer.count()).toBe(0);
    expect(await processLedgerEvent(db, id)).toMatchObject({ status: "processed" });
    expect((await db.subscription.findFirstOrThrow()).status).toBe("active");
  });

  it("a dispute on a charge we never saw finds its customer through Stripe and blocks; a won dispute lifts it", async () => {
    const T = now() - 600;
    fake.api().put("subscriptions", sub("active"));
    await deliver(eventOf("customer.subscription.created", sub("active"), T));
    fake.api().put("charges", chargeObject({ id: "ch_rd1", customer: cus, created: T }));
    const open = disputeObject({ id: "dp_rd1", charge: "ch_rd1", status: "needs_response" });
    fake.api().put("disputes", open);
    await deliver(eventOf("charge.dispute.created", open, T + 5));
    expect(await customer()).toMatchObject({
      accessStatus: "blocked",
      accessReasons: [{ code: "dispute_open" }],
    });
    const won = disputeObject({ id: "dp_rd1", charge: "ch_rd1", status: "won" });
    fake.api().put("disputes", won);
    await deliver(eventOf("charge.dispute.closed", won, T + 50));
    expect((await customer()).accessStatus).toBe("active");
  });

  it("a dispute on a guest payment (Stripe's charge names no customer) becomes an exception saying so", async () => {
    fake
      .api()
      .put("charges", { ...chargeObject({ id: "ch_guest", customer: cus }), customer: null });
    const dispute = disputeObject({ id: "dp_guest", charge: "ch_guest", status: "needs_response" });
    fake.api().put("disputes", dispute);
    const r = await deliver(eventOf("charge.dispute.created", dispute, now()));
    expect(r).toMatchObject({ outcome: { outcome: "unlinked", mode: "read" } });
    const ex = await db.exceptionRecord.findFirstOrThrow();
    expect(ex.detail).toMatch(/Stripe ties it to no customer/);
    expect(ex.detail).not.toMatch(/STRIPE_SECRET_KEY/);
  });
});
