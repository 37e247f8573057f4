import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { inProcessExecutor } from "@/lib/jobs/dispatch";
import { countAllRows, rejectionsCounted, REJECTION_COUNTER, resetDatabase } from "@/test/db";
import { appEvent, appWebhookRequest } from "@/test/inbound-requests";
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

const signup = (opts: { timestamp?: string } = {}) =>
  appEvent(
    "user.signed_up",
    { userId: "fb_uid_1", email: "New.User@Example.com", name: "New User" },
    opts,
  );

describe("POST /api/webhooks/app", () => {
  it("a signed user.signed_up is recorded once under its webhook-id and creates a lead", async () => {
    const event = signup();
    const res = await POST(appWebhookRequest(event, { id: "msg_signup_1" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: true, duplicate: false });
    await inProcessExecutor().idle();

    const row = await db.ledgerEvent.findUniqueOrThrow({
      where: { source_externalId: { source: "app", externalId: "msg_signup_1" } },
    });
    expect(row).toMatchObject({ type: "user.signed_up", status: "processed", attempts: 1 });
    expect(row.occurredAt.toISOString()).toBe(event.timestamp);
    const customer = await db.customer.findFirstOrThrow();
    expect(customer).toMatchObject({
      appUserId: "fb_uid_1",
      email: "new.user@example.com",
      name: "New User",
      billingStatus: "none",
      accessStatus: "lead",
    });
    expect(customer.accessReasons).toEqual([
      expect.objectContaining({ code: "no_paid_subscription", since: event.timestamp }),
    ]);
    expect(row.customerId).toBe(customer.id);
  });

  it("a lead.created with the email of an existing customer links the app user instead of duplicating", async () => {
    const existing = await db.customer.create({
      data: { email: "known@example.com", crmContactId: "801" },
    });
    const res = await POST(
      appWebhookRequest(
        appEvent("lead.created", { userId: "fb_uid_2", email: "KNOWN@example.com" }),
      ),
    );
    expect(res.status).toBe(200);
    await inProcessExecutor().idle();
    expect(await db.customer.count()).toBe(1);
    expect(await db.customer.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({
      appUserId: "fb_uid_2",
      crmContactId: "801",
    });
  });

  it("an older user.updated delivered after a newer one does not overwrite the newer email", async () => {
    const t = Date.now() - 60_000;
    const at = (dt: number) => new Date(t + dt).toISOString();
    await POST(appWebhookRequest(signup({ timestamp: at(0) })));
    await POST(
      appWebhookRequest(
        appEvent(
          "user.updated",
          { userId: "fb_uid_1", email: "newest@example.com" },
          { timestamp: at(2000) },
        ),
      ),
    );
    await inProcessExecutor().idle();
    await POST(
      appWebhookRequest(
        appEvent(
          "user.updated",
          { userId: "fb_uid_1", email: "older@example.com" },
          { timestamp: at(1000) },
        ),
      ),
    );
    await inProcessExecutor().idle();
    expect(await db.customer.findFirstOrThrow()).toMatchObject({
      email: "newest@example.com",
      name: "New User",
    });
  });

  it("a repeated webhook-id answers duplicate, bumps the counter and changes nothing else", async () => {
    const event = signup();
    await POST(appWebhookRequest(event, { id: "msg_dup" }));
    await inProcessExecutor().idle();
    const before = await db.customer.findFirstOrThrow();

    const res = await POST(appWebhookRequest(event, { id: "msg_dup" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ duplicate: true });
    await inProcessExecutor().idle();
    const rows = await db.ledgerEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ duplicateCount: 1, attempts: 1, status: "processed" });
    expect(await db.customer.findFirstOrThrow()).toEqual(before);
  });

  it("a verified event of an unknown type is recorded as ignored and answered 200", async () => {
    const res = await POST(
      appWebhookRequest(appEvent("subscription.viewed", { screen: "paywall" })),
    );
    expect(res.status).toBe(200);
    await inProcessExecutor().idle();
    expect((await db.ledgerEvent.findFirstOrThrow()).status).toBe("ignored");
    expect(await db.customer.count()).toBe(0);
  });

  it("missing signature headers get 400 and write nothing", async () => {
    await rejectedWithNoWrites(
      appWebhookRequest(signup(), { signature: null }),
      /Missing required headers/,
    );
  });

  it("a signature made with another secret gets 400 and writes nothing", async () => {
    await rejectedWithNoWrites(
      appWebhookRequest(signup(), { secret: "whsec_b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldA==" }),
      /No matching signature/,
    );
  });

  it("a timestamp older than 5 minutes (or too far ahead) gets 400 and writes nothing", async () => {
    const now = Math.floor(Date.now() / 1000);
    await rejectedWithNoWrites(appWebhookRequest(signup(), { timestamp: now - 301 }), /too old/);
    await rejectedWithNoWrites(appWebhookRequest(signup(), { timestamp: now + 400 }), /too new/);
  });

  it("a signature over a different body gets 400 and writes nothing", async () => {
    await rejectedWithNoWrites(
      appWebhookRequest(signup(), {
        body: JSON.stringify(
          appEvent("user.signed_up", { userId: "fb_uid_1", email: "evil@x.com" }),
        ),
      }),
      /No matching signature/,
    );
  });

  it("a signed body that is not JSON or breaks the contract gets 400 and writes nothing", async () => {
    await rejectedWithNoWrites(appWebhookRequest("not json"), /not valid JSON/);
    await rejectedWithNoWrites(appWebhookRequest({ hello: "world" }), /not an app event/);
    await rejectedWithNoWrites(
      appWebhookRequest(appEvent("user.signed_up", { email: "no-user-id@example.com" })),
      /not an app event: data.userId/,
    );
    await rejectedWithNoWrites(
      appWebhookRequest(appEvent("lead.created", { userId: "u", email: "not-an-email" })),
      /not an app event: data.email/,
    );
    await rejectedWithNoWrites(
      appWebhookRequest({ ...signup(), timestamp: "last tuesday" }),
      /not an app event: timestamp/,
    );
  });

  it("answers 503 and writes nothing when APP_INBOUND_WEBHOOK_SECRET is not configured", async () => {
    vi.stubEnv("APP_INBOUND_WEBHOOK_SECRET", "");
    resetEnvCache();
    const before = await countAllRows();
    const res = await POST(appWebhookRequest(signup()));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: "App webhooks are not configured" });
    expect(await countAllRows()).toEqual(before);
  });

  it("refuses bodies over 1 MB with 413 and writes nothing but the rejection counter", async () => {
    const before = await countAllRows({ except: [REJECTION_COUNTER] });
    const counted = await rejectionsCounted();
    const res = await POST(appWebhookRequest({ padding: "x".repeat(1024 * 1024 + 10) }));
    expect(res.status).toBe(413);
    expect(await countAllRows({ except: [REJECTION_COUNTER] })).toEqual(before);
    expect((await rejectionsCounted()).total).toBe(counted.total + 1);
  });
});
