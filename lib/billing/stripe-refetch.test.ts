import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/lib/testing/db";
import { deliver } from "@/lib/testing/deliver";
import { withFakeStripe } from "@/lib/testing/fake-stripe-env";
import {
  chargeObject,
  customerObject,
  disputeObject,
  eventOf,
  invoiceObject,
  subscriptionObject,
} from "@/lib/testing/stripe-objects";

const fake = withFakeStripe({ timeoutMs: 400 });
beforeEach(resetDatabase);

const T = Math.floor(Date.now() / 1000) - 3600;
const cus = "cus_rf1";
const sub = (status: string) =>
  subscriptionObject({ id: "sub_rf1", customer: cus, status, periodEnd: T + 30 * 86400 });

async function subscriptionStatus() {
  return (await db.subscription.findUniqueOrThrow({ where: { stripeSubscriptionId: "sub_rf1" } }))
    .status;
}

describe("re-fetching from the Stripe API when the payload cannot decide", () => {
  for (const order of ["active first", "past_due first"]) {
    it(`same-second subscription updates converge to Stripe's current state (${order})`, async () => {
      fake.api().put("subscriptions", sub("past_due"));
      const events = [
        eventOf("customer.subscription.updated", sub("active"), T),
        eventOf("customer.subscription.updated", sub("past_due"), T),
      ];
      if (order === "past_due first") events.reverse();
      for (const e of events) await deliver(e);
      expect(await subscriptionStatus()).toBe("past_due");
      // A stale copy delivered later changes nothing: the fetched state is the newest.
      await deliver(eventOf("customer.subscription.updated", sub("active"), T));
      expect(await subscriptionStatus()).toBe("past_due");
    });
  }

  it("same-second invoice reports converge to Stripe's invoice", async () => {
    const inv = (status: string) =>
      invoiceObject({
        id: "in_tie",
        customer: cus,
        status,
        created: T,
        paidAt: status === "paid" ? T : null,
      });
    fake.api().put("invoices", inv("paid"));
    await deliver(eventOf("invoice.payment_failed", inv("open"), T));
    await deliver(eventOf("invoice.paid", inv("paid"), T));
    await deliver(eventOf("invoice.payment_failed", inv("open"), T));
    const row = await db.invoice.findFirstOrThrow();
    expect(row).toMatchObject({ status: "paid", firstFailedAt: new Date(T * 1000) });
  });

  it("a payment for a subscription we hold as past due re-fetches it, so access returns without waiting", async () => {
    await deliver(eventOf("customer.subscription.updated", sub("past_due"), T));
    fake.api().put("subscriptions", sub("active"));
    const inv = invoiceObject({
      id: "in_rec",
      customer: cus,
      status: "paid",
      subscription: "sub_rf1",
      created: T,
    });
    await deliver(eventOf("invoice.paid", inv, T + 10));
    expect(await subscriptionStatus()).toBe("active");
    expect((await db.customer.findFirstOrThrow()).accessStatus).toBe("active");
    // A later failure report for an old invoice does not trigger another fetch.
    const before = fake.api().requests.length;
    await deliver(
      eventOf("invoice.payment_failed", { ...inv, id: "in_old", status: "open" }, T + 11),
    );
    expect(fake.api().requests.length).toBe(before);
  });

  it("an invoice naming a subscription we do not know fetches it", async () => {
    fake.api().put("subscriptions", sub("trialing"));
    const inv = invoiceObject({
      id: "in_rf1",
      customer: cus,
      status: "paid",
      subscription: "sub_rf1",
      created: T,
    });
    await deliver(eventOf("invoice.paid", inv, T));
    expect(await subscriptionStatus()).toBe("trialing");
    expect(fake.api().requests.map((r) => r.path)).toEqual(["/v1/subscriptions/sub_rf1"]);
  });

  it("a same-second customer.updated with another email converges to Stripe's customer", async () => {
    fake.api().put("customers", customerObject({ id: cus, email: "new@example.com", name: "New" }));
    await deliver(
      eventOf("customer.updated", customerObject({ id: cus, email: "old@example.com" }), T),
    );
    await deliver(
      eventOf("customer.updated", customerObject({ id: cus, email: "new@example.com" }), T),
    );
    await deliver(
      eventOf("customer.updated", customerObject({ id: cus, email: "old@example.com" }), T),
    );
    expect(await db.customer.findFirstOrThrow()).toMatchObject({
      email: "new@example.com",
      name: "New",
    });
  });

  it("a dispute on a charge we never saw finds its customer through Stripe and blocks; a won dispute lifts it", async () => {
    await deliver(eventOf("customer.subscription.created", sub("active"), T));
    fake.api().put("charges", chargeObject({ id: "ch_rf1", customer: cus, created: T }));
    await deliver(
      eventOf(
        "charge.dispute.created",
        disputeObject({ id: "dp_1", charge: "ch_rf1", status: "needs_response" }),
        T + 5,
      ),
    );
    let c = await db.customer.findFirstOrThrow();
    expect(c.accessStatus).toBe("blocked");
    expect(c.accessReasons).toMatchObject([
      { code: "dispute_open", nextAction: expect.stringMatching(/evidence/) },
    ]);
    await deliver(
      eventOf(
        "charge.dispute.closed",
        disputeObject({ id: "dp_1", charge: "ch_rf1", status: "won" }),
        T + 50,
      ),
    );
    c = await db.customer.findFirstOrThrow();
    expect(c.accessStatus).toBe("active");
  });

  it("a dispute on a charge Stripe does not know is ignored, not an error", async () => {
    const r = await deliver(
      eventOf(
        "charge.dispute.created",
        disputeObject({ id: "dp_2", charge: "ch_none", status: "needs_response" }),
        T,
      ),
    );
    expect(r).toMatchObject({ status: "ignored" });
  });

  it("a 500 from Stripe is retried by the SDK and the event still converges", async () => {
    fake.api().put("subscriptions", sub("active"));
    fake.api().inject({ status: 500 });
    const inv = invoiceObject({
      id: "in_rf2",
      customer: cus,
      status: "paid",
      subscription: "sub_rf1",
      created: T,
    });
    await deliver(eventOf("invoice.paid", inv, T));
    expect(await subscriptionStatus()).toBe("active");
    expect(fake.api().requests).toHaveLength(2);
  });

  it("a 429 with Retry-After is waited out", async () => {
    fake.api().put("subscriptions", sub("active"));
    fake.api().inject({ status: 429, retryAfterSeconds: 0 }, { latencyMs: 50 });
    const inv = invoiceObject({
      id: "in_rf3",
      customer: cus,
      status: "paid",
      subscription: "sub_rf1",
      created: T,
    });
    await deliver(eventOf("invoice.paid", inv, T));
    expect(await subscriptionStatus()).toBe("active");
  });

  it("a Stripe API that never answers fails the event for a later retry, which converges", async () => {
    fake.api().put("subscriptions", sub("active"));
    fake.api().inject({ hang: true }, { hang: true }, { hang: true });
    const event = eventOf(
      "invoice.paid",
      invoiceObject({
        id: "in_rf4",
        customer: cus,
        status: "paid",
        subscription: "sub_rf1",
        created: T,
      }),
      T,
    );
    await expect(deliver(event)).rejects.toThrow();
    const row = await db.ledgerEvent.findFirstOrThrow();
    expect(row.status).toBe("failed");
    expect(await db.customer.count()).toBe(0);

    const { processLedgerEvent } = await import("@/lib/workflows/process-ledger-event");
    expect(await processLedgerEvent(db, row.id)).toMatchObject({ status: "processed" });
    expect(await subscriptionStatus()).toBe("active");
  });
});
