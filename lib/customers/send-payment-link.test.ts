import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { stripeClient } from "@/lib/integrations/stripe/client";
import { resetDatabase } from "@/test/db";
import { withFakeStripe } from "@/test/fake-stripe-env";
import { paymentLinkKey, sendPaymentLink } from "./send-payment-link";

const fake = withFakeStripe();
const staff = { email: "staff@example.com" };
let customerId = "";

beforeEach(async () => {
  await resetDatabase();
  const c = await db.customer.create({
    data: { email: "late@example.com", name: "Late Payer", stripeCustomerId: "cus_late" },
  });
  customerId = c.id;
  await db.invoice.create({
    data: {
      stripeInvoiceId: "in_open1",
      customerId,
      status: "open",
      amountDue: 4900,
      currency: "eur",
      stripeEventAt: new Date(),
    },
  });
  fake.api().put("customers", { id: "cus_late", email: "late@example.com" });
});

const posts = () => fake.api().requests.filter((r) => r.method === "POST");

describe("sendPaymentLink", () => {
  it("emails the open invoice's hosted page once per invoice, audited, whatever the number of clicks", async () => {
    fake.api().put("invoices", {
      id: "in_open1",
      customer: "cus_late",
      status: "open",
      hosted_invoice_url: "https://invoice.stripe.com/i/test_open1",
    });
    const first = await sendPaymentLink(db, stripeClient(), customerId, staff);
    expect(first).toMatchObject({ invoiceId: "in_open1", sent: true, via: "invoice" });
    expect(first.syncTasks).toHaveLength(1);
    const again = await Promise.all([
      sendPaymentLink(db, stripeClient(), customerId, staff),
      sendPaymentLink(db, stripeClient(), customerId, staff),
    ]);
    expect(again.map((r) => r.sent)).toEqual([false, false]);

    const tasks = await db.syncTask.findMany({ where: { customerId } });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      target: "email",
      action: "email.payment_link",
      idempotencyKey: paymentLinkKey("in_open1"),
      payload: {
        invoiceId: "in_open1",
        amountDue: 4900,
        currency: "eur",
        url: "https://invoice.stripe.com/i/test_open1",
      },
    });
    const audits = await db.auditLog.findMany({ where: { action: "customer.payment_link" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: "staff@example.com", target: customerId });
    expect(posts()).toHaveLength(0);
  });

  it("opens a customer portal session when the invoice has no hosted page", async () => {
    fake.api().put("invoices", { id: "in_open1", customer: "cus_late", status: "open" });
    const r = await sendPaymentLink(db, stripeClient(), customerId, staff, {
      returnUrl: "https://app.example.com/account",
    });
    expect(r).toMatchObject({ sent: true, via: "portal" });
    const [post] = posts();
    expect(post.path).toBe("/v1/billing_portal/sessions");
    expect(post.idempotencyKey).toBe(paymentLinkKey("in_open1"));
    expect(Object.fromEntries(post.body)).toEqual({
      customer: "cus_late",
      return_url: "https://app.example.com/account",
    });
    const task = await db.syncTask.findFirstOrThrow({ where: { customerId } });
    expect((task.payload as { url: string }).url).toMatch(
      /^https:\/\/billing\.stripe\.com\/p\/session\//,
    );
  });

  it("refuses, writing nothing, when there is no open invoice or Stripe says it is paid", async () => {
    fake.api().put("invoices", { id: "in_open1", customer: "cus_late", status: "paid" });
    await expect(sendPaymentLink(db, stripeClient(), customerId, staff)).rejects.toThrow(
      /is paid, not open/,
    );
    await db.invoice.update({ where: { stripeInvoiceId: "in_open1" }, data: { status: "paid" } });
    await expect(sendPaymentLink(db, stripeClient(), customerId, staff)).rejects.toThrow(
      /no open invoice/,
    );
    expect(await db.syncTask.count()).toBe(0);
    expect(await db.auditLog.count({ where: { action: "customer.payment_link" } })).toBe(0);
  });
});
