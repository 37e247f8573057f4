import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { reevaluateDueCustomers } from "@/lib/customers/reevaluate-due-customers";
import { revokeAccessOverride, setAccessOverride } from "@/lib/customers/set-access-override";
import { resetDatabase } from "@/test/db";
import { deliver } from "@/dev/deliver";
import { checkoutSessionCompleted } from "@/fakes/stripe/events";
import {
  chargeObject,
  disputeObject,
  identitySessionObject,
  eventOf,
  invoiceObject,
  subscriptionObject,
} from "@/fakes/stripe/objects";

beforeEach(resetDatabase);

const T = Math.floor(Date.now() / 1000) - 3600;
const cus = "cus_acc1";
const sub = (status: string, extra: Partial<Parameters<typeof subscriptionObject>[0]> = {}) =>
  subscriptionObject({
    id: "sub_acc1",
    customer: cus,
    status,
    periodEnd: T + 30 * 86400,
    ...extra,
  });
const invoice = (
  id: string,
  status: string,
  extra: Partial<Parameters<typeof invoiceObject>[0]> = {},
) => invoiceObject({ id, customer: cus, status, subscription: "sub_acc1", created: T, ...extra });

async function customer() {
  const all = await db.customer.findMany({ include: { subscriptions: true } });
  expect(all).toHaveLength(1);
  return all[0];
}

async function paidCustomer() {
  await deliver(
    checkoutSessionCompleted(
      { customer: cus, email: "Pay@Example.com" },
      { created: T, subscription: "sub_acc1" },
    ),
  );
  await deliver(eventOf("customer.subscription.created", sub("active"), T));
  await deliver(
    eventOf("invoice.paid", invoice("in_1", "paid", { email: "pay@example.com" }), T + 1),
  );
  await deliver(
    eventOf(
      "payment_intent.succeeded",
      { id: "pi_1", object: "payment_intent", customer: cus },
      T + 1,
    ),
  );
}

describe("acceptance: the customer state engine", () => {
  it("a successful payment creates exactly one active customer", async () => {
    await paidCustomer();
    const c = await customer();
    expect(c).toMatchObject({
      email: "pay@example.com",
      stripeCustomerId: cus,
      billingStatus: "active",
      accessStatus: "active",
      accessReasons: [],
      lastInvoiceStatus: "paid",
    });
    expect(c.subscriptions.map((s) => s.status)).toEqual(["active"]);
    const history = await db.accessTransition.findMany({ orderBy: { at: "asc" } });
    expect(history.map((h) => [h.from, h.to])).toEqual([["lead", "active"]]);
    expect(history[0].ledgerEventId).toBeTruthy();
  });

  it("a duplicate webhook changes nothing", async () => {
    await paidCustomer();
    const before = await customer();
    const event = eventOf("invoice.paid", invoice("in_1", "paid"), T + 1);
    const redelivered = await deliver({ ...event, id: "evt_dup" });
    expect(redelivered).toMatchObject({ status: "processed", outcome: { outcome: "stale" } });
    const again = await deliver({ ...event, id: "evt_dup" });
    expect(again).toMatchObject({ status: "skipped" });
    expect(await customer()).toEqual(before);
    expect(await db.accessTransition.count()).toBe(1);
  });

  it("a failed payment never grants access", async () => {
    await deliver(eventOf("customer.subscription.created", sub("incomplete"), T));
    await deliver(eventOf("invoice.payment_failed", invoice("in_f", "open"), T + 1));
    const c = await customer();
    expect(c.accessStatus).toBe("lead");
    expect(c.accessReasons).toMatchObject([{ code: "payment_failed" }]);
    await deliver(eventOf("customer.subscription.updated", sub("incomplete_expired"), T + 2));
    expect((await customer()).accessStatus).toBe("canceled");
  });

  it("a recovered payment restores access", async () => {
    await paidCustomer();
    await deliver(
      eventOf(
        "invoice.payment_failed",
        invoice("in_2", "open", { nextAttempt: T + 3 * 86400 }),
        T + 10,
      ),
    );
    await deliver(eventOf("customer.subscription.updated", sub("past_due"), T + 10));
    let c = await customer();
    expect(c.accessStatus).toBe("past_due");
    expect(c.accessReasons).toMatchObject([
      { code: "payment_failed", nextAction: expect.stringMatching(/payment link/) },
    ]);
    expect(c.accessReevaluateAt?.getTime()).toBe((T + 10 + 3 * 86400) * 1000);

    await deliver(eventOf("invoice.paid", invoice("in_2", "paid"), T + 20));
    await deliver(eventOf("customer.subscription.updated", sub("active"), T + 20));
    c = await customer();
    expect(c).toMatchObject({ accessStatus: "active", accessReasons: [], billingStatus: "active" });
    const history = await db.accessTransition.findMany({ orderBy: { at: "asc" } });
    expect(history.map((h) => h.to)).toEqual(["active", "past_due", "active"]);
  });

  it("a failed payment blocks once the grace period from the first failure has passed", async () => {
    await paidCustomer();
    await deliver(eventOf("invoice.payment_failed", invoice("in_3", "open"), T + 10));
    await deliver(eventOf("invoice.payment_failed", invoice("in_3", "open"), T + 86400));
    const fourDays = new Date((T + 4 * 86400) * 1000);
    expect(await reevaluateDueCustomers(db, fourDays)).toMatchObject({ checked: 1, changed: 1 });
    const c = await customer();
    expect(c.accessStatus).toBe("blocked");
    expect(c.accessReasons).toMatchObject([{ code: "grace_period_ended" }]);
    const last = await db.accessTransition.findFirstOrThrow({ orderBy: { at: "desc" } });
    expect(last).toMatchObject({ from: "past_due", to: "blocked", actor: "system:clock" });
  });

  it("a refund or dispute blocks with the right reason", async () => {
    await paidCustomer();
    const refunded = chargeObject({
      id: "ch_1",
      customer: cus,
      amountRefunded: 4900,
      created: T + 1,
    });
    await deliver(eventOf("charge.refunded", refunded, T + 100));
    let c = await customer();
    expect(c.accessStatus).toBe("blocked");
    expect(c.accessReasons).toMatchObject([
      {
        code: "payment_refunded",
        message: expect.stringMatching(/ch_1 \(49\.00 EUR\) was fully refunded/),
        nextAction: expect.stringMatching(/override/),
      },
    ]);

    await resetDatabase();
    await paidCustomer();
    const partial = chargeObject({
      id: "ch_2",
      customer: cus,
      amountRefunded: 1000,
      created: T + 1,
    });
    await deliver(eventOf("charge.refunded", partial, T + 100));
    expect((await customer()).accessStatus).toBe("active");
    const dispute = disputeObject({
      id: "dp_1",
      charge: "ch_2",
      status: "needs_response",
      created: T + 200,
    });
    await deliver(eventOf("charge.dispute.created", dispute, T + 200));
    c = await customer();
    expect(c.accessStatus).toBe("blocked");
    expect(c.accessReasons).toMatchObject([
      { code: "dispute_open", message: expect.stringMatching(/dispute dp_1 is open/) },
    ]);
  });

  it("an override wins and then expires", async () => {
    await paidCustomer();
    const { id } = await customer();
    const now = new Date();
    const blocked = await setAccessOverride(db, {
      customerId: id,
      kind: "block",
      reason: "Chargeback threat, checking with the bank",
      actor: "founder@example.com",
      expiresAt: new Date(now.getTime() + 3600_000),
    });
    expect(blocked.status).toBe("blocked");
    expect((await customer()).accessReasons).toMatchObject([{ code: "override_block" }]);
    expect(await db.auditLog.count({ where: { action: "access.override_block" } })).toBe(1);

    expect(await reevaluateDueCustomers(db, new Date(now.getTime() + 1800_000))).toMatchObject({
      checked: 0,
      changed: 0,
    });
    await reevaluateDueCustomers(db, new Date(now.getTime() + 7200_000));
    expect((await customer()).accessStatus).toBe("active");
    const history = await db.accessTransition.findMany({ orderBy: { at: "asc" } });
    expect(history.map((h) => [h.to, h.actor])).toEqual([
      ["active", null],
      ["blocked", "founder@example.com"],
      ["active", "system:clock"],
    ]);

    const grant = await setAccessOverride(db, {
      customerId: id,
      kind: "grant",
      reason: "Goodwill",
      actor: "founder@example.com",
      expiresAt: null,
    });
    expect(grant.status).toBe("active");
    await revokeAccessOverride(
      db,
      { customerId: id, overrideId: grant.overrideId },
      "founder@example.com",
    );
    await revokeAccessOverride(
      db,
      { customerId: id, overrideId: grant.overrideId },
      "founder@example.com",
    );
    expect(await db.auditLog.count({ where: { action: "access.override_revoke" } })).toBe(1);
    expect(
      await revokeAccessOverride(db, { customerId: id, overrideId: "nope" }, "founder@example.com"),
    ).toBeNull();
  });

  it("a late customer.subscription.updated does not revive a canceled subscription", async () => {
    await paidCustomer();
    const canceled = sub("canceled", { canceledAt: T + 50, endedAt: T + 50, periodEnd: T + 50 });
    await deliver(eventOf("customer.subscription.deleted", canceled, T + 50));
    const late = await deliver(eventOf("customer.subscription.updated", sub("active"), T + 40));
    expect(late).toMatchObject({ outcome: { outcome: "stale" } });
    const c = await customer();
    expect(c.subscriptions[0].status).toBe("canceled");
    expect(c).toMatchObject({ billingStatus: "canceled", accessStatus: "canceled" });
    expect(c.accessReasons).toMatchObject([{ code: "subscription_canceled" }]);
  });

  it("events about one new customer processed concurrently create exactly one customer", async () => {
    const events = [
      checkoutSessionCompleted(
        { customer: cus, email: "race@example.com" },
        { created: T, subscription: "sub_acc1" },
      ),
      eventOf("customer.created", { id: cus, object: "customer", email: "Race@example.com" }, T),
      eventOf("customer.subscription.created", sub("active"), T),
      eventOf("invoice.paid", invoice("in_r", "paid", { email: "race@example.com" }), T + 1),
      eventOf(
        "payment_intent.succeeded",
        { id: "pi_r", object: "payment_intent", customer: cus },
        T + 1,
      ),
    ];
    const results = await Promise.all(events.map((e) => deliver(e)));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill("processed"));
    const c = await customer();
    expect(c).toMatchObject({ email: "race@example.com", accessStatus: "active" });
  });

  it("with REQUIRE_IDENTITY_VERIFICATION on, payment alone blocks until Stripe Identity verifies", async () => {
    process.env.REQUIRE_IDENTITY_VERIFICATION = "1";
    resetEnvCache();
    try {
      await paidCustomer();
      expect(await customer()).toMatchObject({
        accessStatus: "blocked",
        accessReasons: [{ code: "identity_unverified" }],
      });
      const session = identitySessionObject({ customer: cus, status: "verified" });
      await deliver(eventOf("identity.verification_session.verified", session, T + 60));
      expect(await customer()).toMatchObject({
        accessStatus: "active",
        identityStatus: "verified",
      });
    } finally {
      delete process.env.REQUIRE_IDENTITY_VERIFICATION;
      resetEnvCache();
    }
  });
});
