import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { APPROVAL_PAGE_SIZE, approvalTargets, listApprovals, searchCustomers } from "./queries";

beforeEach(resetDatabase);

const now = new Date("2026-11-20T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

function approval(customerId: string, data: Record<string, unknown> = {}) {
  return db.approvalRequest.create({
    data: {
      kind: "refund",
      customerId,
      payload: { target: "charge", targetId: "ch_1", amount: 100, currency: "usd" },
      reason: "Double charged",
      requestedById: "u_staff",
      requestedByEmail: "staff@example.com",
      ...data,
    },
  });
}

describe("approvals page queries", () => {
  it("lists requests newest first with the customer's email, filtered by status", async () => {
    const ada = await db.customer.create({ data: { email: "ada@example.com", name: "Ada" } });
    const old = await approval(ada.id, { createdAt: minutesAgo(30) });
    const rejected = await approval(ada.id, { createdAt: minutesAgo(20), status: "rejected" });
    // a customer merged away since: the request stays listed, without a customer
    const orphan = await approval("cust_gone", { createdAt: minutesAgo(10) });

    const all = await listApprovals(db, {}, now);
    expect(all.rows.map((r) => r.id)).toEqual([orphan.id, rejected.id, old.id]);
    expect(all.rows[2].customer).toEqual({ id: ada.id, email: "ada@example.com", name: "Ada" });
    expect(all.rows[0].customer).toBeNull();
    expect(all).toMatchObject({ total: 3, page: 1, pageCount: 1 });

    const pending = await listApprovals(db, { status: "pending" }, now);
    expect(pending.rows.map((r) => r.id)).toEqual([orphan.id, old.id]);
    expect(pending.total).toBe(2);
  });

  it("pages by APPROVAL_PAGE_SIZE and clamps a page below 1 to the first", async () => {
    const c = await db.customer.create({ data: { email: "many@example.com" } });
    for (let i = 0; i < APPROVAL_PAGE_SIZE + 2; i++) {
      await approval(c.id, { createdAt: minutesAgo(100 - i) });
    }
    const second = await listApprovals(db, { page: 2 }, now);
    expect(second).toMatchObject({ page: 2, pageCount: 2, total: APPROVAL_PAGE_SIZE + 2 });
    expect(second.rows).toHaveLength(2);
    const first = await listApprovals(db, { page: 0 }, now);
    expect(first.page).toBe(1);
    expect(first.rows).toHaveLength(APPROVAL_PAGE_SIZE);
    expect(first.rows[0].createdAt.getTime()).toBeGreaterThan(second.rows[0].createdAt.getTime());
    expect((await listApprovals(db, {}, now)).pageCount).toBe(2);
    await db.approvalRequest.deleteMany();
    expect(await listApprovals(db, {}, now)).toMatchObject({ rows: [], total: 0, pageCount: 1 });
  });

  it("marks an execution as stale only once it has run past STALE_EXECUTION_MS", async () => {
    const c = await db.customer.create({ data: { email: "stale@example.com" } });
    const cutOff = await approval(c.id, { status: "executing", decidedAt: minutesAgo(11) });
    const running = await approval(c.id, { status: "executing", decidedAt: minutesAgo(1) });
    const failed = await approval(c.id, { status: "failed", decidedAt: minutesAgo(60) });
    const { rows } = await listApprovals(db, {}, now);
    const stale = Object.fromEntries(rows.map((r) => [r.id, r.executionStale]));
    expect(stale).toEqual({ [cutOff.id]: true, [running.id]: false, [failed.id]: false });
  });

  it("offers a customer's charges, paid invoices and subscriptions as targets", async () => {
    const c = await db.customer.create({ data: { email: "t@example.com", name: "Tee" } });
    const other = await db.customer.create({ data: { email: "other@example.com" } });
    const t = new Date();
    await db.charge.createMany({
      data: [
        { stripeChargeId: "ch_a", customerId: c.id, amount: 500, stripeEventAt: t },
        { stripeChargeId: "ch_b", customerId: other.id, amount: 700, stripeEventAt: t },
      ],
    });
    await db.invoice.createMany({
      data: [
        {
          stripeInvoiceId: "in_paid",
          customerId: c.id,
          status: "paid",
          amountPaid: 500,
          stripeEventAt: t,
        },
        {
          stripeInvoiceId: "in_open",
          customerId: c.id,
          status: "open",
          amountPaid: 0,
          stripeEventAt: t,
        },
      ],
    });
    await db.subscription.create({
      data: { stripeSubscriptionId: "sub_t", customerId: c.id, status: "active", stripeEventAt: t },
    });
    const targets = await approvalTargets(db, c.id);
    expect(targets.customer).toEqual({ id: c.id, email: "t@example.com", name: "Tee" });
    expect(targets.charges.map((x) => x.stripeChargeId)).toEqual(["ch_a"]);
    expect(targets.invoices.map((x) => x.stripeInvoiceId)).toEqual(["in_paid"]);
    expect(targets.subscriptions.map((x) => x.stripeSubscriptionId)).toEqual(["sub_t"]);
    expect((await approvalTargets(db, "cust_missing")).customer).toBeNull();
  });

  it("finds customers by email or name fragment, ignoring case, or by exact id", async () => {
    const ada = await db.customer.create({ data: { email: "ada@example.com", name: "Ada King" } });
    const bob = await db.customer.create({ data: { email: "bob@example.com", name: "Bob" } });
    expect(await searchCustomers(db, " a ")).toEqual([]); // too short to search
    expect((await searchCustomers(db, "KING")).map((c) => c.id)).toEqual([ada.id]);
    expect((await searchCustomers(db, "example.com")).map((c) => c.email)).toEqual([
      "ada@example.com",
      "bob@example.com",
    ]);
    expect(await searchCustomers(db, bob.id)).toEqual([
      { id: bob.id, email: "bob@example.com", name: "Bob", accessStatus: "lead" },
    ]);
  });
});
