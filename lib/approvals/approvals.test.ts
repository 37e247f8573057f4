import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { stripeClient } from "@/lib/integrations/stripe/client";
import { resetEnvCache } from "@/lib/env";
import { withFakeStripe } from "@/test/fake-stripe-env";
import { approveApproval, rejectApproval } from "./decide-approval";
import { requestApproval } from "./request-approval";
import { executeApproval, stripeIdempotencyKey } from "./execute-approval";

const fake = withFakeStripe();

/** An invoice's `payments` list as Stripe answers it when asked to expand it. */
const paymentsList = (...payments: Record<string, unknown>[]) => ({
  object: "list",
  data: payments.map((p) => ({ object: "invoice_payment", ...p })),
});
const staff = { id: "u_staff", email: "staff@example.com" };
const admin = { id: "u_admin", email: "admin@example.com" };
let customerId = "";

beforeEach(async () => {
  await resetDatabase();
  const c = await db.customer.create({ data: { email: "payer@example.com", name: "Payer" } });
  customerId = c.id;
  const t = new Date();
  await db.invoice.create({
    data: {
      stripeInvoiceId: "in_paid1",
      customerId,
      status: "paid",
      amountPaid: 5000,
      currency: "usd",
      stripeEventAt: t,
    },
  });
  await db.charge.create({
    data: { stripeChargeId: "ch_1", customerId, amount: 3000, currency: "usd", stripeEventAt: t },
  });
  await db.subscription.create({
    data: {
      stripeSubscriptionId: "sub_1",
      customerId,
      status: "active",
      priceId: "price_basic",
      stripeEventAt: t,
    },
  });
  fake.api().put("charges", { id: "ch_1", amount: 3000, amount_refunded: 0, currency: "usd" });
  fake
    .api()
    .put("charges", { id: "ch_inv", amount: 5000, payment_intent: "pi_1", currency: "usd" });
  fake.api().put("invoices", {
    id: "in_paid1",
    status: "paid",
    payments: paymentsList({
      status: "paid",
      payment: { type: "payment_intent", payment_intent: "pi_1" },
    }),
  });
  fake.api().put("subscriptions", {
    id: "sub_1",
    status: "active",
    items: { object: "list", data: [{ id: "si_1", price: { id: "price_basic" } }] },
  });
});

const refundRequest = (amount = 1200, targetId = "ch_1", target: "charge" | "invoice" = "charge") =>
  requestApproval(db, staff, {
    kind: "refund",
    customerId,
    target,
    targetId,
    amount,
    reason: "Double charged",
  });

describe("approvals", () => {
  it("a refund is at most what was paid and changes nothing until approved", async () => {
    await expect(refundRequest(3001)).rejects.toThrow(/At most 3000/);
    await expect(refundRequest(10, "ch_other")).rejects.toThrow(/No charge ch_other/);
    const r = await refundRequest();
    expect(r.status).toBe("pending");
    expect(fake.api().requests).toHaveLength(0);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "approval.request" } });
    expect(audit).toMatchObject({ actor: staff.email, target: customerId });
  });

  it("nobody can approve or reject their own request, whatever the UI shows", async () => {
    const r = await refundRequest();
    await expect(approveApproval(db, staff, r.id)).rejects.toThrow(/own request/);
    await expect(rejectApproval(db, staff, r.id)).rejects.toThrow(/own request/);
    expect((await db.approvalRequest.findUniqueOrThrow({ where: { id: r.id } })).status).toBe(
      "pending",
    );
  });

  it("approval refunds once with a key derived from the approval id, even on double click and a lost response", async () => {
    const r = await refundRequest();
    fake.api().inject({ lostResponse: true });
    const [a, b] = await Promise.all([
      approveApproval(db, admin, r.id),
      approveApproval(db, admin, r.id),
    ]);
    const done = await db.approvalRequest.findUniqueOrThrow({ where: { id: r.id } });
    expect(done.status).toBe("succeeded");
    expect(done.result).toMatchObject({ stripeRefundId: "re_fake1", amount: 1200 });
    expect([a.request.status, b.request.status]).toContain("succeeded");
    const posts = fake.api().requests.filter((q) => q.path === "/v1/refunds");
    expect(posts.length).toBeGreaterThanOrEqual(2); // the SDK retried after the lost response
    expect(new Set(posts.map((p) => p.idempotencyKey))).toEqual(
      new Set([stripeIdempotencyKey(r.id, "refund")]),
    );
    expect(fake.api().state.refunds.size).toBe(1);
    expect(fake.api().state.charges.get("ch_1")).toMatchObject({ amount_refunded: 1200 });
    const actions = (await db.auditLog.findMany({ orderBy: { at: "asc" } })).map((x) => x.action);
    expect(actions).toEqual(["approval.request", "approval.approve", "approval.execute"]);
  });

  it("an invoice is refunded through the payment that paid it", async () => {
    const r = await refundRequest(5000, "in_paid1", "invoice");
    const { request } = await approveApproval(db, admin, r.id);
    expect(request.status).toBe("succeeded");
    expect([...fake.api().state.refunds.values()][0]).toMatchObject({
      charge: "ch_inv",
      amount: 5000,
    });
    // Stripe lists an invoice's payments only when asked to expand them.
    const get = fake.api().requests.find((q) => q.path === "/v1/invoices/in_paid1");
    expect([...get!.query.values()]).toContain("payments");
  });

  it("a failed execution is stored and shown, and changes nothing", async () => {
    const r = await refundRequest();
    fake.api().inject({ status: 500 }, { status: 500 }, { status: 500 });
    const { request } = await approveApproval(db, admin, r.id);
    expect(request.status).toBe("failed");
    expect(request.error).toMatch(/unknown error/);
    expect(fake.api().state.refunds.size).toBe(0);
    expect(fake.api().state.charges.get("ch_1")).toMatchObject({ amount_refunded: 0 });
    const failed = await db.auditLog.findFirstOrThrow({
      where: { action: "approval.execute_failed" },
    });
    expect(failed.after).toMatchObject({ status: "failed" });
    // a second click does not run it again
    expect((await approveApproval(db, admin, r.id)).request.status).toBe("failed");
  });

  it("a rejected request is visible and changes nothing", async () => {
    const r = await refundRequest();
    const rejected = await rejectApproval(db, admin, r.id, "Not eligible");
    expect(rejected).toMatchObject({ status: "rejected", decidedByEmail: admin.email });
    expect((await approveApproval(db, admin, r.id)).request.status).toBe("rejected");
    expect(fake.api().requests).toHaveLength(0);
  });

  it("a plan change goes through the Stripe API with the item's id", async () => {
    await expect(
      requestApproval(db, staff, {
        kind: "plan_change",
        customerId,
        stripeSubscriptionId: "sub_1",
        priceId: "price_basic",
        reason: "Same",
      }),
    ).rejects.toThrow(/current price/);
    const r = await requestApproval(db, staff, {
      kind: "plan_change",
      customerId,
      stripeSubscriptionId: "sub_1",
      priceId: "price_pro",
      reason: "Upgrade agreed by phone",
    });
    const { request } = await approveApproval(db, admin, r.id);
    expect(request.status).toBe("succeeded");
    expect(request.result).toMatchObject({ priceId: "price_pro", previousPriceId: "price_basic" });
    const post = fake.api().requests.find((q) => q.method === "POST");
    expect(post?.body.get("items[0][id]")).toBe("si_1");
    expect(post?.idempotencyKey).toBe(stripeIdempotencyKey(r.id, "plan_change"));
  });

  it("an access block with expiry is applied through setAccessOverride", async () => {
    await expect(
      requestApproval(db, staff, {
        kind: "access_override",
        customerId,
        overrideKind: "block",
        expiresAt: new Date(Date.now() - 1000),
        reason: "Fraud",
      }),
    ).rejects.toThrow(/future/);
    const expiresAt = new Date(Date.now() + 86_400_000);
    const r = await requestApproval(db, staff, {
      kind: "access_override",
      customerId,
      overrideKind: "block",
      expiresAt,
      reason: "Chargeback fraud",
    });
    const { request } = await approveApproval(db, admin, r.id);
    expect(request.status).toBe("succeeded");
    const o = await db.accessOverride.findFirstOrThrow({ where: { customerId } });
    expect(o).toMatchObject({ kind: "block", actor: admin.email, expiresAt });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customerId } })).accessStatus).toBe(
      "blocked",
    );
  });

  it("an override's free-text reason cannot make another approval look already executed", async () => {
    const grant = await requestApproval(db, staff, {
      kind: "access_override",
      customerId,
      overrideKind: "grant",
      expiresAt: null,
      reason: "Goodwill while the card is replaced",
    });
    // A second request whose reason quotes the first one's marker, approved first.
    const block = await requestApproval(db, staff, {
      kind: "access_override",
      customerId,
      overrideKind: "block",
      expiresAt: null,
      reason: `Hold (approval ${grant.id} by someone) until we hear back`,
    });
    expect((await approveApproval(db, admin, block.id)).request.status).toBe("succeeded");
    const { request } = await approveApproval(db, admin, grant.id);
    expect(request.status).toBe("succeeded");
    const granted = await db.accessOverride.findFirst({ where: { customerId, kind: "grant" } });
    expect(granted).not.toBeNull();
    expect(request.result).toMatchObject({ overrideId: granted!.id, accessStatus: "active" });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customerId } })).accessStatus).toBe(
      "active",
    );
  });

  it("an override approval executed again (stale retry) creates no second override", async () => {
    const r = await requestApproval(db, staff, {
      kind: "access_override",
      customerId,
      overrideKind: "block",
      expiresAt: null,
      reason: "Fraud review",
    });
    expect((await approveApproval(db, admin, r.id)).request.status).toBe("succeeded");
    // the server died after the override but before the result was recorded
    await db.approvalRequest.update({
      where: { id: r.id },
      data: { status: "executing", decidedAt: new Date(Date.now() - 11 * 60_000) },
    });
    expect((await approveApproval(db, admin, r.id)).request.status).toBe("succeeded");
    expect(await db.accessOverride.count({ where: { customerId } })).toBe(1);
  });

  it("two executions of one override at once (a stale retry racing the first) create one override and agree", async () => {
    const r = await requestApproval(db, staff, {
      kind: "access_override",
      customerId,
      overrideKind: "grant",
      expiresAt: null,
      reason: "Goodwill after outage",
    });
    const request = await db.approvalRequest.findUniqueOrThrow({ where: { id: r.id } });
    const [a, b] = await Promise.all([
      executeApproval(db, request, admin),
      executeApproval(db, request, admin),
    ]);
    expect(a.result.overrideId).toBeTruthy();
    expect(b.result.overrideId).toBe(a.result.overrideId);
    expect(await db.accessOverride.count({ where: { customerId } })).toBe(1);
  });

  it("an override for a customer that no longer exists fails and creates nothing", async () => {
    const r = await requestApproval(db, staff, {
      kind: "access_override",
      customerId,
      overrideKind: "block",
      expiresAt: null,
      reason: "Fraud review",
    });
    const request = await db.approvalRequest.findUniqueOrThrow({ where: { id: r.id } });
    await expect(
      executeApproval(db, { ...request, customerId: "cus_gone" }, admin),
    ).rejects.toThrow();
    expect(await db.accessOverride.count()).toBe(0);
  });

  it("an execution cut off mid-way can be approved again once stale, and still refunds once", async () => {
    const r = await refundRequest();
    const cut = (decidedAt: Date) =>
      db.approvalRequest.update({
        where: { id: r.id },
        data: {
          status: "executing",
          decidedById: admin.id,
          decidedByEmail: admin.email,
          decidedAt,
        },
      });
    // the first execution reached Stripe, then the server died before recording the result
    await cut(new Date());
    fake.api().inject({ lostResponse: true });
    await stripeClient()!
      .refunds.create(
        {
          charge: "ch_1",
          amount: 1200,
          reason: "requested_by_customer",
          metadata: { approvalId: r.id },
        },
        { idempotencyKey: stripeIdempotencyKey(r.id, "refund"), maxNetworkRetries: 0 },
      )
      .catch(() => null);
    expect(fake.api().state.refunds.size).toBe(1);
    // while it may still be running, a second approval does nothing
    expect((await approveApproval(db, admin, r.id)).request.status).toBe("executing");
    await cut(new Date(Date.now() - 11 * 60_000));
    const { request } = await approveApproval(db, admin, r.id);
    expect(request.status).toBe("succeeded");
    expect(request.result).toMatchObject({ stripeRefundId: "re_fake1" });
    expect(fake.api().state.refunds.size).toBe(1);
  });
});

const planChangeRequest = (stripeSubscriptionId = "sub_1", priceId = "price_pro") =>
  requestApproval(db, staff, {
    kind: "plan_change",
    customerId,
    stripeSubscriptionId,
    priceId,
    reason: "Upgrade agreed by phone",
  });

/** Approves `id`, expecting the execution to fail: recorded on the request and audited. */
async function approveExpectingFailure(id: string, error: RegExp) {
  const { request, syncTasks } = await approveApproval(db, admin, id);
  expect(request).toMatchObject({ status: "failed", result: null });
  expect(request.error).toMatch(error);
  expect(request.executedAt).not.toBeNull();
  expect(syncTasks).toEqual([]);
  const audit = await db.auditLog.findFirstOrThrow({
    where: { action: "approval.execute_failed" },
  });
  expect(audit).toMatchObject({ actor: admin.email, target: customerId });
  expect(audit.after).toMatchObject({ approvalId: id, status: "failed" });
  expect(await db.auditLog.count({ where: { action: "approval.execute" } })).toBe(0);
  return request;
}

describe("approval execution failures are recorded and change nothing", () => {
  it("an invoice paid by a plain charge is refunded through that charge", async () => {
    fake.api().put("invoices", {
      id: "in_paid1",
      status: "paid",
      payments: paymentsList(
        { status: "canceled", payment: { type: "payment_intent", payment_intent: "pi_old" } },
        { status: "paid", payment: { type: "charge", charge: { id: "ch_1", object: "charge" } } },
      ),
    });
    const r = await refundRequest(1000, "in_paid1", "invoice");
    const { request } = await approveApproval(db, admin, r.id);
    expect(request.status).toBe("succeeded");
    expect(request.result).toMatchObject({ stripeChargeId: "ch_1", amount: 1000 });
    expect(fake.api().state.charges.get("ch_1")).toMatchObject({ amount_refunded: 1000 });
    expect(fake.api().state.charges.get("ch_inv")).not.toHaveProperty("amount_refunded");
  });

  it("an invoice Stripe shows no paid payment for is not refunded", async () => {
    fake.api().put("invoices", {
      id: "in_paid1",
      status: "paid",
      payments: paymentsList({
        status: "open",
        payment: { type: "payment_intent", payment_intent: "pi_1" },
      }),
    });
    const r = await refundRequest(5000, "in_paid1", "invoice");
    await approveExpectingFailure(r.id, /Invoice in_paid1 has no payment to refund/);
    expect(fake.api().requests.filter((q) => q.path === "/v1/refunds")).toHaveLength(0);
    expect(fake.api().state.refunds.size).toBe(0);
  });

  it("a charge Stripe does not know fails with Stripe's message", async () => {
    fake.api().state.charges.delete("ch_1");
    const r = await refundRequest();
    await approveExpectingFailure(r.id, /No such charge: 'ch_1'/);
    expect(fake.api().state.refunds.size).toBe(0);
  });

  it("Stripe refusing a refund larger than what is left (refunded elsewhere meanwhile) refunds nothing", async () => {
    const r = await refundRequest(1200);
    // refunded in the Stripe dashboard after the request was made
    fake.api().put("charges", { id: "ch_1", amount: 3000, amount_refunded: 2500, currency: "usd" });
    await approveExpectingFailure(r.id, /greater than unrefunded amount/);
    expect(fake.api().state.refunds.size).toBe(0);
    expect(fake.api().state.charges.get("ch_1")).toMatchObject({ amount_refunded: 2500 });
    expect(await db.charge.findUniqueOrThrow({ where: { stripeChargeId: "ch_1" } })).toMatchObject({
      amountRefunded: 0,
    });
  });

  it("a plan change on a subscription canceled in Stripe since the request changes no price", async () => {
    const r = await planChangeRequest();
    fake.api().put("subscriptions", {
      id: "sub_1",
      status: "canceled",
      items: { object: "list", data: [{ id: "si_1", price: { id: "price_basic" } }] },
    });
    await approveExpectingFailure(r.id, /canceled subscription can only update/);
    expect(fake.api().state.subscriptions.get("sub_1")).toMatchObject({
      items: { data: [{ id: "si_1", price: { id: "price_basic" } }] },
    });
    expect(
      await db.subscription.findUniqueOrThrow({ where: { stripeSubscriptionId: "sub_1" } }),
    ).toMatchObject({ priceId: "price_basic" });
  });

  it("a plan change on a subscription Stripe does not know fails before any update", async () => {
    await expect(planChangeRequest("sub_other")).rejects.toThrow(/No such subscription/);
    const r = await planChangeRequest();
    fake.api().state.subscriptions.delete("sub_1");
    await approveExpectingFailure(r.id, /No such subscription: 'sub_1'/);
    expect(fake.api().requests.filter((q) => q.method === "POST")).toHaveLength(0);
  });

  it("without a Stripe key a refund fails with a message naming the missing setting", async () => {
    const r = await refundRequest();
    const key = process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_SECRET_KEY;
    resetEnvCache();
    try {
      await approveExpectingFailure(r.id, /STRIPE_SECRET_KEY is not set/);
    } finally {
      process.env.STRIPE_SECRET_KEY = key;
      resetEnvCache();
    }
    expect(fake.api().requests).toHaveLength(0);
  });

  it("a grant cut off after it was applied is not applied twice when approved again", async () => {
    const r = await requestApproval(db, staff, {
      kind: "access_override",
      customerId,
      overrideKind: "grant",
      expiresAt: null,
      reason: "Goodwill after outage",
    });
    const first = await approveApproval(db, admin, r.id);
    expect(first.request.status).toBe("succeeded");
    expect(first.syncTasks.length).toBeGreaterThan(0);
    // the server died after the override committed, before the outcome was recorded
    await db.approvalRequest.update({
      where: { id: r.id },
      data: { status: "executing", decidedAt: new Date(Date.now() - 11 * 60_000) },
    });
    const again = await approveApproval(db, admin, r.id);
    expect(again.request.status).toBe("succeeded");
    expect(again.request.result).toEqual(first.request.result);
    expect(again.syncTasks).toEqual([]);
    expect(await db.accessOverride.count({ where: { customerId } })).toBe(1);
    expect(await db.accessTransition.count({ where: { customerId } })).toBe(1);
  });
});
