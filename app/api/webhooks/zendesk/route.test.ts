import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { inProcessExecutor } from "@/lib/jobs/dispatch";
import { countAllRows, rejectionsCounted, REJECTION_COUNTER, resetDatabase } from "@/test/db";
import { zendeskTicketEvent, zendeskWebhookRequest } from "@/test/inbound-requests";
import { POST } from "./route";

beforeEach(resetDatabase);
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  resetEnvCache();
});

async function rejectedWithNoWrites(req: Request, message: RegExp) {
  const before = await countAllRows({ except: [REJECTION_COUNTER] });
  const counted = await rejectionsCounted();
  const res = await POST(req);
  expect(res.status).toBe(400);
  expect((await res.json()).error).toMatch(message);
  await inProcessExecutor().idle();
  // Nothing written but the rejection counter: exactly one more, in one row per minute.
  expect(await countAllRows({ except: [REJECTION_COUNTER] })).toEqual(before);
  expect((await rejectionsCounted()).total).toBe(counted.total + 1);
}

const ticket = { id: "35436", requesterId: "7001" };
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("POST /api/webhooks/zendesk", () => {
  it("a signed ticket.created is recorded once and attached to the requester's customer", async () => {
    const requester = await db.customer.create({
      data: { email: "req@example.com", supportUserId: "7001" },
    });
    await db.customer.create({
      data: { email: "someone-else@example.com", supportUserId: "7002" },
    });
    const event = zendeskTicketEvent("created", ticket);

    const res = await POST(zendeskWebhookRequest(event));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: true, duplicate: false });
    await inProcessExecutor().idle();

    const row = await db.ledgerEvent.findUniqueOrThrow({
      where: { source_externalId: { source: "zendesk", externalId: event.id } },
    });
    expect(row).toMatchObject({
      type: "zen:event-type:ticket.created",
      status: "processed",
      customerId: requester.id,
      attempts: 1,
    });
    expect(row.occurredAt.toISOString()).toBe(new Date(event.time).toISOString());
  });

  it("a trigger payload (no event id) attaches by requester email and links the Zendesk id", async () => {
    const customer = await db.customer.create({ data: { email: "by.email@example.com" } });
    const payload = {
      type: "ticket.updated",
      ticket: {
        id: "991",
        requester_id: "7003",
        requester_email: "By.Email@Example.com",
        updated_at: "2026-11-27T05:00:00Z",
      },
    };
    const res = await POST(zendeskWebhookRequest(payload));
    expect(res.status).toBe(200);
    await inProcessExecutor().idle();

    const row = await db.ledgerEvent.findFirstOrThrow();
    expect(row.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(row).toMatchObject({ status: "processed", customerId: customer.id });
    expect(row.occurredAt.toISOString()).toBe("2026-11-27T05:00:00.000Z");
    expect(
      (await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).supportUserId,
    ).toBe("7003");

    // The same body again is the same delivery.
    const again = await POST(zendeskWebhookRequest(payload));
    expect(await again.json()).toMatchObject({ duplicate: true });
  });

  it("a ticket whose requester matches no customer is recorded as ignored and creates nobody", async () => {
    const res = await POST(zendeskWebhookRequest(zendeskTicketEvent("created", ticket)));
    expect(res.status).toBe(200);
    await inProcessExecutor().idle();
    expect(await db.ledgerEvent.findFirstOrThrow()).toMatchObject({
      status: "ignored",
      customerId: null,
    });
    expect(await db.customer.count()).toBe(0);
  });

  it("a user event links the Zendesk user id by email; tickets before and after it attach", async () => {
    const customer = await db.customer.create({ data: { email: "zd.user@example.com" } });
    const userCreated = {
      ...zendeskTicketEvent("created", ticket),
      type: "zen:event-type:user.created",
      subject: "zen:user:7001",
      detail: { id: "7001", email: "ZD.User@example.com", role: "end-user" },
    };
    await POST(zendeskWebhookRequest(zendeskTicketEvent("created", ticket)));
    await inProcessExecutor().idle();
    await POST(zendeskWebhookRequest(userCreated));
    await inProcessExecutor().idle();
    await POST(zendeskWebhookRequest(zendeskTicketEvent("status_changed", ticket)));
    await inProcessExecutor().idle();

    expect(
      (await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).supportUserId,
    ).toBe("7001");
    const rows = await db.ledgerEvent.findMany({ where: { customerId: customer.id } });
    expect(rows.map((r) => r.type).sort()).toEqual([
      "zen:event-type:ticket.created",
      "zen:event-type:ticket.status_changed",
      "zen:event-type:user.created",
    ]);
  });

  it("a user event for someone who is not a customer creates nobody", async () => {
    const userCreated = {
      ...zendeskTicketEvent("created", ticket),
      type: "zen:event-type:user.created",
      detail: { id: "7009", email: "stranger@example.com" },
    };
    expect((await POST(zendeskWebhookRequest(userCreated))).status).toBe(200);
    await inProcessExecutor().idle();
    expect((await db.ledgerEvent.findFirstOrThrow()).status).toBe("ignored");
    expect(await db.customer.count()).toBe(0);
  });

  it("a verified event of an unhandled type is recorded as ignored and answered 200", async () => {
    const event = {
      ...zendeskTicketEvent("created", ticket),
      type: "zen:event-type:organization.created",
    };
    const res = await POST(zendeskWebhookRequest(event));
    expect(res.status).toBe(200);
    await inProcessExecutor().idle();
    expect((await db.ledgerEvent.findFirstOrThrow()).status).toBe("ignored");
  });

  it("a repeated event id answers duplicate, bumps the counter and changes nothing else", async () => {
    await db.customer.create({ data: { email: "req@example.com", supportUserId: "7001" } });
    const event = zendeskTicketEvent("created", ticket);
    await POST(zendeskWebhookRequest(event));
    await inProcessExecutor().idle();
    const before = await db.customer.findFirstOrThrow();

    const res = await POST(zendeskWebhookRequest(event));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ duplicate: true });
    await inProcessExecutor().idle();
    const rows = await db.ledgerEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ duplicateCount: 1, attempts: 1, status: "processed" });
    expect(await db.customer.findFirstOrThrow()).toEqual(before);
  });

  it("a missing signature gets 400 and writes nothing", async () => {
    await rejectedWithNoWrites(
      zendeskWebhookRequest(zendeskTicketEvent("created", ticket), { signature: null }),
      /Missing X-Zendesk-Webhook-Signature/,
    );
  });

  it("a signature made with another secret gets 400 and writes nothing", async () => {
    await rejectedWithNoWrites(
      zendeskWebhookRequest(zendeskTicketEvent("created", ticket), { secret: "wrong-secret-123" }),
      /signature does not match/,
    );
  });

  it("a stale (over 5 minutes) or far-future timestamp gets 400 and writes nothing", async () => {
    const event = zendeskTicketEvent("created", ticket);
    await rejectedWithNoWrites(
      zendeskWebhookRequest(event, { timestamp: isoSeconds(Date.now() - 6 * 60 * 1000) }),
      /too old/,
    );
    await rejectedWithNoWrites(
      zendeskWebhookRequest(event, { timestamp: isoSeconds(Date.now() + 6 * 60 * 1000) }),
      /in the future/,
    );
    await rejectedWithNoWrites(
      zendeskWebhookRequest(event, { timestamp: "yesterday" }),
      /malformed X-Zendesk-Webhook-Signature-Timestamp/,
    );
  });

  it("a signature over a different body gets 400 and writes nothing", async () => {
    const event = zendeskTicketEvent("created", ticket);
    await rejectedWithNoWrites(
      zendeskWebhookRequest(event, {
        body: JSON.stringify({ ...event, detail: { ...event.detail, requester_id: "666" } }),
      }),
      /signature does not match/,
    );
  });

  it("a signed body that is not JSON or not a Zendesk event gets 400 and writes nothing", async () => {
    await rejectedWithNoWrites(zendeskWebhookRequest("{not json"), /not valid JSON/);
    await rejectedWithNoWrites(zendeskWebhookRequest({ hello: "world" }), /not a Zendesk event/);
    await rejectedWithNoWrites(zendeskWebhookRequest([1, 2]), /not a Zendesk event/);
  });

  it("answers 503 and writes nothing when ZENDESK_WEBHOOK_SECRET is not configured", async () => {
    vi.stubEnv("ZENDESK_WEBHOOK_SECRET", "");
    resetEnvCache();
    const before = await countAllRows();
    const res = await POST(zendeskWebhookRequest(zendeskTicketEvent("created", ticket)));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: "Zendesk webhooks are not configured" });
    expect(await countAllRows()).toEqual(before);
  });

  it("refuses bodies over 1 MB with 413 and writes nothing but the rejection counter", async () => {
    const before = await countAllRows({ except: [REJECTION_COUNTER] });
    const counted = await rejectionsCounted();
    const res = await POST(zendeskWebhookRequest({ padding: "x".repeat(1024 * 1024 + 10) }));
    expect(res.status).toBe(413);
    expect(await countAllRows({ except: [REJECTION_COUNTER] })).toEqual(before);
    expect((await rejectionsCounted()).total).toBe(counted.total + 1);
  });
});
