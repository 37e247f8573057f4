import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { loadAccessFacts, loadStoredObjects, lockCustomer } from "./customer-rows";

beforeEach(resetDatabase);

const at = (s: string) => new Date(`2026-11-0${s}T10:00:00.123Z`);
const byId = <T extends { id: string }>(xs: T[]) =>
  [...xs].sort((a, b) => a.id.localeCompare(b.id));

/** A customer with two of everything the access policy reads, every nullable column filled in. */
async function seed() {
  const c = await db.customer.create({
    data: {
      email: "rows@example.com",
      name: "Rows",
      stripeCustomerId: "cus_rows",
      accessStatus: "past_due",
      accessReasons: [{ code: "payment_failed", message: "m", since: "x", nextAction: "n" }],
      accessReevaluateAt: at("5"),
      billingEventAt: at("2"),
      firstSeenAt: at("1"),
      stripeCustomerReadSeq: 9_007_199_254n,
      stripeCustomerEventAt: at("3"),
      lastInvoiceAmountDue: 4900,
    },
  });
  for (const i of [1, 2]) {
    await db.subscription.create({
      data: {
        stripeSubscriptionId: `sub_rows${i}`,
        customerId: c.id,
        status: i === 1 ? "active" : "canceled",
        currentPeriodEnd: at("9"),
        trialStart: at("1"),
        trialEnd: at("2"),
        cancelAtPeriodEnd: i === 1,
        canceledAt: at("3"),
        endedAt: i === 1 ? null : at("4"),
        stripeEventAt: at("5"),
        readSeq: BigInt(100 + i),
      },
    });
    await db.invoice.create({
      data: {
        stripeInvoiceId: `in_rows${i}`,
        customerId: c.id,
        stripeSubscriptionId: `sub_rows${i}`,
        status: i === 1 ? "paid" : "open",
        amountDue: 4900,
        amountPaid: i === 1 ? 4900 : 0,
        currency: "eur",
        stripeCreatedAt: at("1"),
        firstFailedAt: i === 1 ? null : at("2"),
        failureCode: i === 1 ? null : "payment_failed",
        nextPaymentAttempt: at("6"),
        paidAt: i === 1 ? at("3") : null,
        stripeEventAt: at("4"),
        readSeq: i === 1 ? null : 7n,
      },
    });
    await db.charge.create({
      data: {
        stripeChargeId: `ch_rows${i}`,
        customerId: c.id,
        amount: 4900,
        amountRefunded: i * 100,
        currency: "eur",
        stripeCreatedAt: at("1"),
        stripeEventAt: at("2"),
      },
    });
    await db.dispute.create({
      data: {
        stripeDisputeId: `dp_rows${i}`,
        customerId: c.id,
        stripeChargeId: `ch_rows${i}`,
        status: "needs_response",
        amount: 4900,
        currency: "eur",
        reason: "fraudulent",
        stripeCreatedAt: at("1"),
        stripeEventAt: at("2"),
        readSeq: 3n,
      },
    });
    await db.accessOverride.create({
      data: {
        customerId: c.id,
        kind: i === 1 ? "grant" : "block",
        reason: "2026-11-01T10:00:00.123", // looks like a date: must stay a string
        actor: "admin@example.com",
        expiresAt: i === 1 ? at("8") : null,
        revokedAt: i === 1 ? null : at("7"),
      },
    });
  }
  return c;
}

describe("customer rows read in one statement", () => {
  it("loadAccessFacts returns what the ORM's include returns, field for field", async () => {
    const c = await seed();
    const orm = await db.customer.findUniqueOrThrow({
      where: { id: c.id },
      include: {
        subscriptions: true,
        invoices: true,
        charges: true,
        disputes: true,
        overrides: true,
      },
    });
    const raw = await db.$transaction((tx) => loadAccessFacts(tx, c.id));
    expect(raw).not.toBeNull();
    const { subscriptions, invoices, charges, disputes, overrides, ...customer } = orm;
    const r = raw!;
    expect(
      Object.fromEntries(Object.keys(customer).map((k) => [k, r[k as keyof typeof r]])),
    ).toEqual(customer);
    const pick = <T extends object>(model: T[], got: object[]) =>
      byId(got as { id: string }[]).map((g) =>
        Object.fromEntries(
          Object.keys(model[0]).map((k) => [k, (g as Record<string, unknown>)[k]]),
        ),
      );
    expect(pick(subscriptions, r.subscriptions)).toEqual(byId(subscriptions));
    expect(pick(invoices, r.invoices)).toEqual(byId(invoices));
    expect(pick(charges, r.charges)).toEqual(byId(charges));
    expect(pick(disputes, r.disputes)).toEqual(byId(disputes));
    expect(pick(overrides, r.overrides)).toEqual(byId(overrides));
  });

  it("loadAccessFacts of a customer with nothing yet, and of none", async () => {
    const c = await db.customer.create({ data: { email: "empty@example.com" } });
    const raw = await db.$transaction((tx) => loadAccessFacts(tx, c.id));
    expect(raw).toMatchObject({ id: c.id, subscriptions: [], invoices: [], overrides: [] });
    expect(await db.$transaction((tx) => loadAccessFacts(tx, "nobody"))).toBeNull();
  });

  it("loadStoredObjects returns each asked-for row as the ORM reads it, null when not stored", async () => {
    await seed();
    const got = await db.$transaction((tx) =>
      loadStoredObjects(tx, {
        invoice: "in_rows2",
        subscription: "sub_rows1",
        charge: "ch_rows1",
        dispute: "dp_nope",
      }),
    );
    const pick = (model: object, row: object | null | undefined) =>
      row &&
      Object.fromEntries(Object.keys(model).map((k) => [k, (row as Record<string, unknown>)[k]]));
    const invoice = await db.invoice.findUniqueOrThrow({ where: { stripeInvoiceId: "in_rows2" } });
    const sub = await db.subscription.findUniqueOrThrow({
      where: { stripeSubscriptionId: "sub_rows1" },
    });
    const charge = await db.charge.findUniqueOrThrow({ where: { stripeChargeId: "ch_rows1" } });
    expect(pick(invoice, got.invoice)).toEqual(invoice);
    expect(pick(sub, got.subscription)).toEqual(sub);
    expect(pick(charge, got.charge)).toEqual(charge);
    expect(got.dispute).toBeNull();
    const some = await db.$transaction((tx) => loadStoredObjects(tx, { invoice: "in_rows1" }));
    expect(Object.keys(some)).toEqual(["invoice"]);
    expect(await db.$transaction((tx) => loadStoredObjects(tx, {}))).toEqual({});
  });

  it("lockCustomer returns the row as the ORM reads it", async () => {
    const c = await seed();
    const orm = await db.customer.findUniqueOrThrow({ where: { id: c.id } });
    expect(await db.$transaction((tx) => lockCustomer(tx, c.id))).toEqual(orm);
    expect(await db.$transaction((tx) => lockCustomer(tx, "nobody"))).toBeNull();
  });
});
