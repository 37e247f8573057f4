import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { deliver } from "@/dev/deliver";
import { eventOf, invoiceObject, subscriptionObject } from "@/fakes/stripe/objects";

// The invoice, subscription and checkout lifecycle without a Stripe key: payloads ordered
// by their own `created`. (With a key the same objects are read from Stripe instead:
// read-from-stripe.test.ts and the model-based test.)
beforeEach(resetDatabase);

const T = Math.floor(Date.now() / 1000) - 3600;
const cus = "cus_lc1";
const only = () => db.customer.findFirstOrThrow();
const plannedActions = async () =>
  (await db.syncTask.findMany({ select: { action: true, payload: true } })).map((t) =>
    t.action === "app.access_changed" ? `app:${(t.payload as { to: string }).to}` : t.action,
  );

function session(over: Record<string, unknown>) {
  return {
    id: "cs_lc1",
    object: "checkout.session",
    customer: cus,
    customer_details: { email: "lc@example.com", name: "Lee Chen" },
    status: "complete",
    amount_total: 4900,
    currency: "eur",
    subscription: null,
    invoice: null,
    ...over,
  };
}

describe("Checkout modes", () => {
  it("defect 3: a setup-mode checkout (no payment, no subscription) grants nothing: lead, no welcome, no 'active' to the app", async () => {
    await deliver(
      eventOf(
        "checkout.session.completed",
        session({ mode: "setup", payment_status: "no_payment_required", amount_total: null }),
        T,
      ),
    );
    expect(await only()).toMatchObject({
      email: "lc@example.com",
      stripeCustomerId: cus,
      accessStatus: "lead",
      billingStatus: "none",
    });
    const actions = await plannedActions();
    expect(actions).not.toContain("email.welcome");
    expect(actions).not.toContain("app:active");
  });

  it("a one-off payment that is still processing waits; async success grants access, async failure does not", async () => {
    const pending = session({ mode: "payment", payment_status: "unpaid" });
    await deliver(eventOf("checkout.session.completed", pending, T));
    expect((await only()).accessStatus).toBe("lead");
    await deliver(
      eventOf("checkout.session.async_payment_failed", { ...pending, id: "cs_lc1" }, T + 60),
    );
    expect((await only()).accessStatus).toBe("lead");
    await deliver(
      eventOf(
        "checkout.session.async_payment_succeeded",
        session({ id: "cs_lc2", mode: "payment", payment_status: "paid" }),
        T + 120,
      ),
    );
    expect((await only()).accessStatus).toBe("active");
  });

  it("a subscription checkout with nothing to pay is a trial, never active", async () => {
    await deliver(
      eventOf(
        "checkout.session.completed",
        session({
          mode: "subscription",
          payment_status: "no_payment_required",
          subscription: "sub_lc1",
        }),
        T,
      ),
    );
    expect((await only()).accessStatus).toBe("trial");
    expect(await plannedActions()).not.toContain("email.welcome");
  });

  it("a trial's $0 paid invoice, arriving before anything about its subscription, grants nothing", async () => {
    const zero = {
      ...invoiceObject({
        id: "in_lc0",
        customer: cus,
        status: "paid",
        subscription: "sub_lc1",
        created: T,
      }),
      amount_due: 0,
      amount_paid: 0,
    };
    await deliver(eventOf("invoice.paid", zero, T));
    expect((await only()).accessStatus).toBe("lead");
    const trialing = subscriptionObject({
      id: "sub_lc1",
      customer: cus,
      status: "trialing",
      periodEnd: T + 14 * 86400,
    });
    await deliver(eventOf("customer.subscription.created", trialing, T));
    expect((await only()).accessStatus).toBe("trial");
  });
});

describe("invoice lifecycle", () => {
  const sub = (status: string) =>
    subscriptionObject({ id: "sub_lc2", customer: cus, status, periodEnd: T + 30 * 86400 });
  const inv = (status: string) =>
    invoiceObject({ id: "in_lc2", customer: cus, status, subscription: "sub_lc2", created: T });

  it("defect 2: a failed invoice voided by the merchant (subscription active again) leaves the customer active, not past due", async () => {
    await deliver(eventOf("customer.subscription.created", sub("active"), T - 60));
    await deliver(eventOf("invoice.payment_failed", inv("open"), T));
    await deliver(eventOf("customer.subscription.updated", sub("past_due"), T));
    expect((await only()).accessStatus).toBe("past_due");
    await deliver(eventOf("invoice.voided", inv("void"), T + 60));
    await deliver(eventOf("customer.subscription.updated", sub("active"), T + 60));
    expect(await only()).toMatchObject({ accessStatus: "active", billingStatus: "active" });
  });

  it("a voided invoice alone (its subscription event lost) still no longer counts as a failed payment", async () => {
    await deliver(eventOf("invoice.payment_failed", inv("open"), T));
    expect((await only()).accessStatus).toBe("lead");
    await deliver(eventOf("invoice.voided", inv("void"), T + 60));
    expect((await only()).accessReasons).toMatchObject([{ code: "no_paid_subscription" }]);
  });

  it("invoice.finalized, updated and overdue are recorded and change nothing they should not", async () => {
    await deliver(eventOf("customer.subscription.created", sub("active"), T - 60));
    for (const type of [
      "invoice.created",
      "invoice.finalized",
      "invoice.updated",
      "invoice.overdue",
    ])
      await deliver(eventOf(type, inv(type === "invoice.created" ? "draft" : "open"), T));
    expect((await db.invoice.findFirstOrThrow()).status).toBe("open");
    expect((await only()).accessStatus).toBe("active");
  });

  it("a subscription whose first payment never succeeded ends as incomplete_expired", async () => {
    await deliver(eventOf("customer.subscription.created", sub("incomplete"), T));
    await deliver(eventOf("invoice.payment_failed", inv("open"), T));
    expect((await only()).accessStatus).toBe("lead");
    await deliver(eventOf("customer.subscription.updated", sub("incomplete_expired"), T + 82800));
    await deliver(eventOf("invoice.voided", inv("void"), T + 82800));
    expect(await only()).toMatchObject({
      billingStatus: "incomplete_expired",
      accessReasons: [{ code: "subscription_expired" }],
    });
  });
});
