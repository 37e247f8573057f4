import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { deliver } from "@/dev/deliver";
import { processLedgerEvent } from "@/lib/workflows/process-ledger-event";
import {
  chargeObject,
  customerObject,
  disputeObject,
  eventOf,
  identitySessionObject,
  invoiceObject,
  subscriptionObject,
} from "@/fakes/stripe/objects";

beforeEach(resetDatabase);

const T = Math.floor(Date.now() / 1000) - 3600;
const cus = "cus_st1";
const only = () => db.customer.findFirstOrThrow();

describe("per-object convergence without a Stripe API key", () => {
  it("an older customer.updated never overwrites a newer email or name", async () => {
    await deliver(
      eventOf(
        "customer.updated",
        customerObject({ id: cus, email: "new@example.com", name: "New" }),
        T + 10,
      ),
    );
    const r = await deliver(
      eventOf(
        "customer.updated",
        customerObject({ id: cus, email: "old@example.com", name: "Old" }),
        T,
      ),
    );
    expect(r).toMatchObject({ status: "processed" });
    expect(await only()).toMatchObject({ email: "new@example.com", name: "New" });
  });

  it("same-second customer updates end the same in both orders", async () => {
    const a = eventOf(
      "customer.updated",
      customerObject({ id: cus, email: "a@example.com", name: "A" }),
      T,
    );
    const b = eventOf(
      "customer.updated",
      customerObject({ id: cus, email: "a@example.com", name: "B" }),
      T,
    );
    await deliver(a);
    await deliver(b);
    const first = (await only()).name;
    await resetDatabase();
    await deliver(b);
    await deliver(a);
    expect((await only()).name).toBe(first);
  });

  it("an email change to an address another customer holds is audited, not applied", async () => {
    await deliver(
      eventOf(
        "customer.created",
        customerObject({ id: "cus_other", email: "taken@example.com" }),
        T,
      ),
    );
    await deliver(
      eventOf("customer.created", customerObject({ id: cus, email: "mine@example.com" }), T),
    );
    await deliver(
      eventOf("customer.updated", customerObject({ id: cus, email: "taken@example.com" }), T + 5),
    );
    expect(await db.customer.findUniqueOrThrow({ where: { stripeCustomerId: cus } })).toMatchObject(
      {
        email: "mine@example.com",
      },
    );
    expect(
      await db.auditLog.count({ where: { action: "customer.identity_conflict" } }),
    ).toBeGreaterThan(0);
  });

  it("a deletion counts whatever the order, from its earliest report", async () => {
    await deliver(
      eventOf("customer.created", customerObject({ id: cus, email: "d@example.com" }), T),
    );
    await deliver(
      eventOf("customer.deleted", { id: cus, object: "customer", deleted: true }, T + 20),
    );
    await deliver(
      eventOf("customer.deleted", { id: cus, object: "customer", deleted: true }, T + 10),
    );
    const r = await deliver(
      eventOf("customer.deleted", { id: cus, object: "customer", deleted: true }, T + 30),
    );
    expect(r).toMatchObject({ outcome: { outcome: "stale" } });
    const c = await only();
    expect(c.stripeDeletedAt?.getTime()).toBe((T + 10) * 1000);
    expect(c).toMatchObject({
      accessStatus: "canceled",
      accessReasons: [{ code: "customer_deleted" }],
    });
  });

  it("identity: same-second verified beats requires_input; an older result is ignored", async () => {
    const verified = eventOf(
      "identity.verification_session.verified",
      identitySessionObject({ customer: cus, status: "verified" }),
      T,
    );
    const needsInput = eventOf(
      "identity.verification_session.requires_input",
      identitySessionObject({ customer: cus, status: "requires_input" }),
      T,
    );
    await deliver(verified);
    await deliver(needsInput);
    expect((await only()).identityStatus).toBe("verified");
    await deliver(
      eventOf(
        "identity.verification_session.requires_input",
        identitySessionObject({ customer: cus, status: "requires_input" }),
        T + 5,
      ),
    );
    await deliver(
      eventOf(
        "identity.verification_session.verified",
        identitySessionObject({ customer: cus, status: "verified" }),
        T + 1,
      ),
    );
    expect((await only()).identityStatus).toBe("requires_input");
  });

  it("charges: a same-second report keeps the larger refund", async () => {
    await deliver(
      eventOf(
        "charge.refunded",
        chargeObject({ id: "ch_s", customer: cus, amountRefunded: 4900 }),
        T,
      ),
    );
    await deliver(
      eventOf(
        "charge.refunded",
        chargeObject({ id: "ch_s", customer: cus, amountRefunded: 1000 }),
        T,
      ),
    );
    expect((await db.charge.findFirstOrThrow()).amountRefunded).toBe(4900);
  });

  it("disputes: a same-second closed report beats an open one, and a dispute on a known charge needs no API", async () => {
    await deliver(
      eventOf("charge.refunded", chargeObject({ id: "ch_d", customer: cus, amountRefunded: 0 }), T),
    );
    await deliver(
      eventOf(
        "charge.dispute.closed",
        disputeObject({ id: "dp_s", charge: "ch_d", status: "won" }),
        T + 5,
      ),
    );
    await deliver(
      eventOf(
        "charge.dispute.created",
        disputeObject({ id: "dp_s", charge: "ch_d", status: "needs_response" }),
        T + 5,
      ),
    );
    expect((await db.dispute.findFirstOrThrow()).status).toBe("won");
    expect((await only()).accessStatus).toBe("lead");
  });

  it("defect 7: a dispute we cannot tie to anyone becomes an exception with the reason and the fix, never a silent ignore", async () => {
    const r = await deliver(
      eventOf(
        "charge.dispute.created",
        disputeObject({ id: "dp_x", charge: "ch_unknown", status: "needs_response" }),
        T,
      ),
    );
    expect(r).toMatchObject({ status: "processed", outcome: { outcome: "unlinked" } });
    const ex = await db.exceptionRecord.findFirstOrThrow();
    expect(ex).toMatchObject({ kind: "unlinked_money_event", status: "open" });
    expect(ex.title).toMatch(/dispute/i);
    expect(ex.detail).toMatch(/STRIPE_SECRET_KEY/);
    // The charge becomes known later (its refund names the customer): a retry links it.
    await deliver(
      eventOf(
        "charge.refunded",
        chargeObject({ id: "ch_unknown", customer: cus, amountRefunded: 0 }),
        T,
      ),
    );
    const row = await db.ledgerEvent.findFirstOrThrow({
      where: { type: "charge.dispute.created" },
    });
    await db.ledgerEvent.update({ where: { id: row.id }, data: { status: "failed" } });
    await processLedgerEvent(db, row.id);
    expect(await db.exceptionRecord.findFirstOrThrow()).toMatchObject({ status: "resolved" });
    expect((await only()).accessStatus).toBe("blocked");
  });

  it("an older failure delivered after the payment still moves the first failure earlier", async () => {
    const inv = (status: string) =>
      invoiceObject({ id: "in_s", customer: cus, status, created: T });
    await deliver(eventOf("invoice.payment_failed", inv("open"), T + 20));
    await deliver(eventOf("invoice.paid", inv("paid"), T + 30));
    const r = await deliver(eventOf("invoice.payment_failed", inv("open"), T + 10));
    expect(r).toMatchObject({ outcome: { outcome: "applied" } });
    const row = await db.invoice.findFirstOrThrow();
    expect(row).toMatchObject({ status: "paid", firstFailedAt: new Date((T + 10) * 1000) });
    expect((await only()).accessStatus).toBe("active");
  });

  it("an invoice naming an unknown subscription without an API key leaves subscriptions alone", async () => {
    const inv = invoiceObject({
      id: "in_u",
      customer: cus,
      status: "paid",
      subscription: "sub_unknown",
      created: T,
    });
    await deliver(eventOf("invoice.paid", inv, T));
    expect(await db.subscription.count()).toBe(0);
  });

  it("same-second subscription states tie-break by how far Stripe has moved", async () => {
    const sub = (status: string) =>
      subscriptionObject({ id: "sub_s", customer: cus, status, periodEnd: T });
    await deliver(eventOf("customer.subscription.updated", sub("canceled"), T));
    const r = await deliver(eventOf("customer.subscription.updated", sub("active"), T));
    expect(r).toMatchObject({ outcome: { outcome: "stale" } });
    expect((await db.subscription.findFirstOrThrow()).status).toBe("canceled");
  });
});
