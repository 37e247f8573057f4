import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { inProcessExecutor } from "@/lib/jobs/dispatch";
import { findPendingLedgerEvents } from "@/lib/jobs/resume-pending";
import { countAllRows, rejectionsCounted, REJECTION_COUNTER, resetDatabase } from "@/test/db";
import { invoicePaid, stripeEvent } from "@/fakes/stripe/events";
import { stripeWebhookRequest } from "@/test/webhook-requests";
import { POST } from "./route";

const who = { customer: "cus_route1", email: "Route.One@Example.com", name: "Route One" };

beforeEach(resetDatabase);
afterEach(() => vi.restoreAllMocks());

async function rejectedWithNoWrites(req: Request, message: RegExp) {
  const before = await countAllRows({ except: [REJECTION_COUNTER] });
  const counted = await rejectionsCounted();
  const res = await POST(req);
  expect(res.status).toBe(400);
  const body = await res.json();
  expect(body.error).toMatch(message);
  // Nothing written but the rejection counter: exactly one more, in one row per minute.
  expect(await countAllRows({ except: [REJECTION_COUNTER] })).toEqual(before);
  expect((await rejectionsCounted()).total).toBe(counted.total + 1);
}

describe("POST /api/webhooks/stripe", () => {
  it("a signed invoice.paid is recorded once and turns the customer active", async () => {
    const event = invoicePaid(who);
    const res = await POST(stripeWebhookRequest(event));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: true, duplicate: false });
    await inProcessExecutor().idle();

    const row = await db.ledgerEvent.findUniqueOrThrow({
      where: { source_externalId: { source: "stripe", externalId: event.id } },
    });
    expect(row).toMatchObject({
      type: "invoice.paid",
      status: "processed",
      attempts: 1,
      duplicateCount: 0,
    });
    expect(row.occurredAt.getTime()).toBe(event.created * 1000);
    const customers = await db.customer.findMany();
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({
      email: "route.one@example.com",
      billingStatus: "active",
      accessStatus: "active",
    });
    expect(row.customerId).toBe(customers[0].id);
  });

  it("a missing signature gets 400 and writes nothing", async () => {
    await rejectedWithNoWrites(
      stripeWebhookRequest(invoicePaid(who), { signature: null }),
      /Missing Stripe-Signature/,
    );
  });

  it("a signature made with another secret gets 400 and writes nothing", async () => {
    await rejectedWithNoWrites(
      stripeWebhookRequest(invoicePaid(who), { secret: "whsec_wrong" }),
      /signature verification failed/,
    );
  });

  it("a stale signature (older than 300 s) gets 400 and writes nothing", async () => {
    const old = Math.floor(Date.now() / 1000) - 301;
    await rejectedWithNoWrites(
      stripeWebhookRequest(invoicePaid(who), { timestamp: old }),
      /signature verification failed/,
    );
  });

  it("a signature over a different body gets 400 and writes nothing", async () => {
    const signed = stripeWebhookRequest(invoicePaid(who));
    const tampered = new Request(signed.url, {
      method: "POST",
      headers: signed.headers,
      body: JSON.stringify(invoicePaid({ ...who, email: "attacker@example.com" })),
    });
    await rejectedWithNoWrites(tampered, /signature verification failed/);
  });

  it("a correctly signed body that is not a Stripe event gets 400 and writes nothing", async () => {
    await rejectedWithNoWrites(stripeWebhookRequest({ hello: "world" }), /not a Stripe event/);
    await rejectedWithNoWrites(
      stripeWebhookRequest("not json at all"),
      /signature verification failed|not a Stripe event/,
    );
  });

  it("a repeated event id answers duplicate, bumps the counter and changes nothing else", async () => {
    const event = invoicePaid(who);
    await POST(stripeWebhookRequest(event));
    await inProcessExecutor().idle();
    const customerBefore = await db.customer.findFirstOrThrow();

    const res = await POST(stripeWebhookRequest(event));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ duplicate: true });
    await inProcessExecutor().idle();

    const rows = await db.ledgerEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ duplicateCount: 1, attempts: 1, status: "processed" });
    expect(await db.customer.findFirstOrThrow()).toEqual(customerBefore);
  });

  it("concurrent deliveries of one event record one row", async () => {
    const event = invoicePaid(who);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => POST(stripeWebhookRequest(event))),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    await inProcessExecutor().idle();
    const rows = await db.ledgerEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0].duplicateCount).toBe(7);
    expect(await db.customer.count()).toBe(1);
  });

  it("a verified event of an unhandled type is recorded as ignored and answered 200", async () => {
    const event = stripeEvent("product.created", { id: "prod_1", object: "product" });
    const res = await POST(stripeWebhookRequest(event));
    expect(res.status).toBe(200);
    await inProcessExecutor().idle();
    const row = await db.ledgerEvent.findFirstOrThrow();
    expect(row.status).toBe("ignored");
    expect(await db.customer.count()).toBe(0);
  });

  it("answers 503 when the ledger row cannot be committed, so Stripe retries", async () => {
    vi.spyOn(db, "$queryRaw").mockRejectedValueOnce(new Error("connection refused"));
    const res = await POST(stripeWebhookRequest(invoicePaid(who)));
    expect(res.status).toBe(503);
    expect(await db.ledgerEvent.count()).toBe(0);
  });

  it("a failed hand-off still answers 200; the row stays received and is found by the resume sweep", async () => {
    vi.spyOn(inProcessExecutor(), "enqueue").mockImplementationOnce(() => {
      throw new Error("executor unavailable");
    });
    const res = await POST(stripeWebhookRequest(invoicePaid(who)));
    expect(res.status).toBe(200);
    const row = await db.ledgerEvent.findFirstOrThrow();
    expect(row.status).toBe("received");
    const pending = await findPendingLedgerEvents(db, 0);
    expect(pending.map((p) => p.id)).toEqual([row.id]);
  });

  it("refuses bodies over 1 MB with 413 and writes nothing but the rejection counter", async () => {
    const before = await countAllRows({ except: [REJECTION_COUNTER] });
    const counted = await rejectionsCounted();
    const res = await POST(stripeWebhookRequest({ padding: "x".repeat(1024 * 1024 + 10) }));
    expect(res.status).toBe(413);
    expect(await countAllRows({ except: [REJECTION_COUNTER] })).toEqual(before);
    expect((await rejectionsCounted()).total).toBe(counted.total + 1);
  });
});
