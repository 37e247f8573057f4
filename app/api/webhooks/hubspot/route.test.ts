import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { inProcessExecutor } from "@/lib/jobs/dispatch";
import { countAllRows, rejectionsCounted, REJECTION_COUNTER, resetDatabase } from "@/test/db";
import { startFakeHubSpot, type FakeHubSpot } from "@/fakes/hubspot";
import { hubspotContactEvent, hubspotWebhookRequest } from "@/test/inbound-requests";
import { TEST_HUBSPOT_ACCESS_TOKEN } from "@/test/test-env";
import { POST } from "./route";

const PUBLIC_URL = "https://ops.example.com";
const PUBLIC_HOOK = `${PUBLIC_URL}/api/webhooks/hubspot`;
const LOCAL_HOOK = "http://localhost:3000/api/webhooks/hubspot";
let api: FakeHubSpot;
let apiBase = "";

/** As in production behind a proxy: HubSpot calls the public URL, Next sees localhost. */
const signed = (payload: unknown, opts: Parameters<typeof hubspotWebhookRequest>[1] = {}) =>
  hubspotWebhookRequest(payload, { url: LOCAL_HOOK, signedUri: PUBLIC_HOOK, ...opts });

beforeAll(async () => {
  api = await startFakeHubSpot({ accessToken: TEST_HUBSPOT_ACCESS_TOKEN });
  apiBase = api.url;
});
afterAll(() => api.stop());
beforeEach(async () => {
  vi.stubEnv("NEXTAUTH_URL", PUBLIC_URL);
  vi.stubEnv("HUBSPOT_API_BASE", apiBase);
  vi.stubEnv("HUBSPOT_ACCESS_TOKEN", TEST_HUBSPOT_ACCESS_TOKEN);
  resetEnvCache();
  api.clear();
  api.faults.reset();
  await resetDatabase();
});
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

describe("POST /api/webhooks/hubspot", () => {
  it("a signed batch records one ledger row per event and turns the contact into a lead", async () => {
    const changed = hubspotContactEvent("contact.propertyChange", 501, {
      propertyName: "email",
      propertyValue: "Lead.One@Example.com",
    });
    const other = hubspotContactEvent("deal.creation", 9001);
    const res = await POST(signed([changed, other]));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ received: true, duplicate: false });
    expect(body.events).toHaveLength(2);
    await inProcessExecutor().idle();

    const rows = await db.ledgerEvent.findMany({ orderBy: { type: "asc" } });
    expect(rows.map((r) => [r.externalId, r.type, r.status])).toEqual([
      [
        `62515:4242:501:email:${changed.occurredAt}:${changed.eventId}`,
        "contact.propertyChange",
        "processed",
      ],
      [`62515:4242:9001::${other.occurredAt}:${other.eventId}`, "deal.creation", "ignored"],
    ]);
    expect(rows[0].occurredAt.getTime()).toBe(changed.occurredAt);
    const customer = await db.customer.findFirstOrThrow();
    expect(customer).toMatchObject({
      crmContactId: "501",
      email: "lead.one@example.com",
      billingStatus: "none",
      accessStatus: "lead",
    });
    expect(customer.accessReasons).toEqual([
      expect.objectContaining({ code: "no_paid_subscription", nextAction: expect.any(String) }),
    ]);
    expect(rows[0].customerId).toBe(customer.id);
    expect(api.requests).toHaveLength(0);
  });

  it("a repeated batch answers duplicate, bumps the counters and changes nothing else", async () => {
    const event = hubspotContactEvent("contact.propertyChange", 502, {
      propertyName: "email",
      propertyValue: "dup@example.com",
    });
    await POST(signed([event]));
    await inProcessExecutor().idle();
    const customerBefore = await db.customer.findFirstOrThrow();

    const res = await POST(signed([event]));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ duplicate: true });
    await inProcessExecutor().idle();
    const rows = await db.ledgerEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ duplicateCount: 1, attempts: 1, status: "processed" });
    expect(await db.customer.findFirstOrThrow()).toEqual(customerBefore);
  });

  it("two events with the same eventId but different objects both land; the same delivery twice lands once", async () => {
    const at = Date.now() - 1000;
    const a = hubspotContactEvent("contact.creation", 521, { eventId: 777, occurredAt: at });
    const b = hubspotContactEvent("contact.creation", 522, { eventId: 777, occurredAt: at });
    const first = await POST(signed([a, b]));
    expect(await first.json()).toMatchObject({ duplicate: false });
    const again = await POST(signed([a, b]));
    expect(await again.json()).toMatchObject({ duplicate: true });
    await inProcessExecutor().idle();
    const rows = await db.ledgerEvent.findMany({ orderBy: { externalId: "asc" } });
    expect(
      rows.map((r) => [(r.payload as { objectId: string }).objectId, r.duplicateCount]),
    ).toEqual([
      ["521", 1],
      ["522", 1],
    ]);
  });

  it("concurrent deliveries of one batch record one row per event", async () => {
    const batch = [
      hubspotContactEvent("contact.propertyChange", 513, {
        propertyName: "email",
        propertyValue: "conc@example.com",
      }),
      hubspotContactEvent("contact.deletion", 514),
    ];
    const responses = await Promise.all(Array.from({ length: 6 }, () => POST(signed(batch))));
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(200));
    await inProcessExecutor().idle();
    const rows = await db.ledgerEvent.findMany();
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.duplicateCount)).toEqual([5, 5]);
    expect(await db.customer.count()).toBe(1);
  });

  it("a signature over the public URL is accepted although request.url says localhost", async () => {
    const res = await POST(signed([hubspotContactEvent("contact.deletion", 503)]));
    expect(res.status).toBe(200);
    await inProcessExecutor().idle();
    expect(await db.ledgerEvent.count()).toBe(1);
  });

  it("a signature over the localhost URL is refused: the public URL is what HubSpot signs", async () => {
    await rejectedWithNoWrites(
      signed([hubspotContactEvent("contact.creation", 504)], { signedUri: LOCAL_HOOK }),
      /signature does not match/,
    );
  });

  it("decodes HubSpot's listed URL-encoded characters in the query before checking", async () => {
    const query = "?portal=a%3Ab%2Cc&next=%2Fx%40y";
    const res = await POST(
      hubspotWebhookRequest([hubspotContactEvent("contact.deletion", 505)], {
        url: `${LOCAL_HOOK}${query}`,
        signedUri: `${PUBLIC_HOOK}?portal=a:b,c&next=/x@y`,
      }),
    );
    expect(res.status).toBe(200);
    await inProcessExecutor().idle();
  });

  it("a missing signature gets 400 and writes nothing", async () => {
    await rejectedWithNoWrites(
      signed([hubspotContactEvent("contact.creation", 506)], { signature: null }),
      /Missing X-HubSpot-Signature-v3/,
    );
  });

  it("a signature made with another secret gets 400 and writes nothing", async () => {
    await rejectedWithNoWrites(
      signed([hubspotContactEvent("contact.creation", 507)], { secret: "another-client-secret" }),
      /signature does not match/,
    );
  });

  it("a timestamp older than 5 minutes (or far in the future) gets 400 and writes nothing", async () => {
    const event = hubspotContactEvent("contact.creation", 508);
    await rejectedWithNoWrites(
      signed([event], { timestamp: Date.now() - 5 * 60 * 1000 - 1000 }),
      /too old/,
    );
    await rejectedWithNoWrites(
      signed([event], { timestamp: Date.now() + 10 * 60 * 1000 }),
      /in the future/,
    );
  });

  it("a signature over a different body gets 400 and writes nothing", async () => {
    const event = hubspotContactEvent("contact.propertyChange", 509, {
      propertyName: "email",
      propertyValue: "real@example.com",
    });
    await rejectedWithNoWrites(
      signed([event], { body: JSON.stringify([{ ...event, propertyValue: "evil@example.com" }]) }),
      /signature does not match/,
    );
  });

  it("a signed body that is not JSON or not a HubSpot event array gets 400 and writes nothing", async () => {
    await rejectedWithNoWrites(signed("not json ["), /not valid JSON/);
    await rejectedWithNoWrites(signed({ eventId: 1 }), /not a HubSpot event array/);
    await rejectedWithNoWrites(signed([]), /not a HubSpot event array/);
    await rejectedWithNoWrites(
      signed([hubspotContactEvent("contact.creation", 510), { eventId: 2, objectId: 3 }]),
      /not a HubSpot event array: 1\./,
    );
  });

  it("answers 503 and writes nothing when HUBSPOT_CLIENT_SECRET is not configured", async () => {
    vi.stubEnv("HUBSPOT_CLIENT_SECRET", "");
    resetEnvCache();
    const before = await countAllRows();
    const res = await POST(signed([hubspotContactEvent("contact.creation", 511)]));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: "HubSpot webhooks are not configured" });
    expect(await countAllRows()).toEqual(before);
  });

  it("answers 503 when the batch cannot be committed, so HubSpot retries; no row is left behind", async () => {
    vi.spyOn(db, "$transaction").mockRejectedValueOnce(new Error("connection refused"));
    const res = await POST(signed([hubspotContactEvent("contact.creation", 512)]));
    expect(res.status).toBe(503);
    expect(await db.ledgerEvent.count()).toBe(0);
  });

  it("refuses bodies over 1 MB with 413 and writes nothing but the rejection counter", async () => {
    const before = await countAllRows({ except: [REJECTION_COUNTER] });
    const counted = await rejectionsCounted();
    const res = await POST(signed([{ padding: "x".repeat(1024 * 1024 + 10) }]));
    expect(res.status).toBe(413);
    expect(await countAllRows({ except: [REJECTION_COUNTER] })).toEqual(before);
    expect((await rejectionsCounted()).total).toBe(counted.total + 1);
  });
});
