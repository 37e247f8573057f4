import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/hubspot/route";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { inProcessExecutor } from "@/lib/jobs/dispatch";
import { resetDatabase } from "@/test/db";
import { startFakeHubSpot, type FakeHubSpot } from "@/fakes/hubspot";
import { hubspotEventKey } from "@/lib/integrations/hubspot/verify-request";
import { hubspotContactEvent, hubspotWebhookRequest } from "@/test/inbound-requests";
import { TEST_HUBSPOT_ACCESS_TOKEN } from "@/test/test-env";
import { processLedgerEvent } from "@/lib/workflows/process-ledger-event";

let api: FakeHubSpot;
let apiBase = "";

beforeAll(async () => {
  api = await startFakeHubSpot({ accessToken: TEST_HUBSPOT_ACCESS_TOKEN });
  apiBase = api.url;
});
afterAll(() => api.stop());
beforeEach(async () => {
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

/** Delivers one signed batch through the route and waits until it is processed. */
async function deliver(...events: ReturnType<typeof hubspotContactEvent>[]) {
  const res = await POST(hubspotWebhookRequest(events));
  expect(res.status).toBe(200);
  await inProcessExecutor().idle();
}

/** Records a batch without processing it, so a test can drive processLedgerEvent itself. */
async function recordOnly(event: ReturnType<typeof hubspotContactEvent>): Promise<string> {
  vi.spyOn(inProcessExecutor(), "enqueue").mockImplementation(() => {});
  const res = await POST(hubspotWebhookRequest([event]));
  expect(res.status).toBe(200);
  vi.restoreAllMocks();
  const row = await db.ledgerEvent.findUniqueOrThrow({
    where: { source_externalId: { source: "hubspot", externalId: hubspotEventKey(event) } },
  });
  return row.id;
}

describe("applying HubSpot contact events", () => {
  it("a contact.creation without email fetches the contact from the HubSpot API", async () => {
    api.putContact("601", { email: "Fetched@Example.com", firstname: "Ada", lastname: "Byron" });
    await deliver(hubspotContactEvent("contact.creation", 601));

    expect(
      api.requests.map((r) => ({
        method: r.method,
        url: `${r.path}?${r.query}`,
        authorization: r.authorization,
      })),
    ).toEqual([
      {
        method: "GET",
        url: "/crm/v3/objects/contacts/601?properties=email%2Cfirstname%2Clastname",
        authorization: `Bearer ${TEST_HUBSPOT_ACCESS_TOKEN}`,
      },
    ]);
    const customer = await db.customer.findFirstOrThrow();
    expect(customer).toMatchObject({
      crmContactId: "601",
      email: "fetched@example.com",
      name: "Ada Byron",
      accessStatus: "lead",
    });
    const row = await db.ledgerEvent.findFirstOrThrow();
    expect(row).toMatchObject({ status: "processed", customerId: customer.id });
  });

  it("creation and changes of one new contact in one batch make one lead", async () => {
    api.putContact("612", { email: "batch@example.com", firstname: "Bat", lastname: "Ch" });
    const t = Date.now() - 10_000;
    await deliver(
      hubspotContactEvent("contact.creation", 612, { occurredAt: t }),
      hubspotContactEvent("contact.propertyChange", 612, {
        occurredAt: t + 1,
        propertyName: "email",
        propertyValue: "batch@example.com",
      }),
      hubspotContactEvent("contact.propertyChange", 612, {
        occurredAt: t + 2,
        propertyName: "lastname",
        propertyValue: "Ch",
      }),
    );
    const customers = await db.customer.findMany();
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ email: "batch@example.com", name: "Bat Ch" });
    const rows = await db.ledgerEvent.findMany();
    expect(rows.every((r) => r.status === "processed" && r.customerId === customers[0].id)).toBe(
      true,
    );
  });

  it("a name change is applied from the contact as HubSpot has it now", async () => {
    api.putContact("602", { email: "name@example.com", firstname: "Grace", lastname: "Hopper" });
    await deliver(
      hubspotContactEvent("contact.propertyChange", 602, {
        propertyName: "firstname",
        propertyValue: "Grace",
      }),
    );
    expect(await db.customer.findFirstOrThrow()).toMatchObject({
      email: "name@example.com",
      name: "Grace Hopper",
    });
  });

  it("a HubSpot 500 fails the event (retried later) and writes no customer; the retry converges", async () => {
    api.putContact("603", { email: "retry@example.com" });
    api.faults.failNext(1);
    const id = await recordOnly(hubspotContactEvent("contact.creation", 603));

    await expect(processLedgerEvent(db, id)).rejects.toThrow(/HTTP 500/);
    expect(await db.ledgerEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "failed",
      attempts: 1,
    });
    expect(await db.customer.count()).toBe(0);

    expect(await processLedgerEvent(db, id)).toMatchObject({ status: "processed" });
    expect(await db.customer.findFirstOrThrow()).toMatchObject({ email: "retry@example.com" });
  });

  it("a HubSpot 429 fails the event so the executor backs off", async () => {
    api.faults.rateLimitNext(1, 10);
    const id = await recordOnly(hubspotContactEvent("contact.creation", 604));
    await expect(processLedgerEvent(db, id)).rejects.toThrow(/HTTP 429/);
    expect(await db.customer.count()).toBe(0);
  });

  it("a HubSpot API that never answers times out instead of hanging the worker", async () => {
    api.faults.hangNext(1);
    const id = await recordOnly(hubspotContactEvent("contact.creation", 605));
    const started = Date.now();
    await expect(processLedgerEvent(db, id)).rejects.toThrow(/no answer within 1500 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await db.ledgerEvent.findUniqueOrThrow({ where: { id } })).status).toBe("failed");
  });

  it("a contact that no longer exists in HubSpot is ignored", async () => {
    await deliver(hubspotContactEvent("contact.creation", 606));
    expect((await db.ledgerEvent.findFirstOrThrow()).status).toBe("ignored");
    expect(await db.customer.count()).toBe(0);
  });

  it("without an access token a new contact becomes a lead known by its contact id only", async () => {
    vi.stubEnv("HUBSPOT_ACCESS_TOKEN", "");
    resetEnvCache();
    await deliver(hubspotContactEvent("contact.creation", 607));
    expect(api.requests).toHaveLength(0);
    expect(await db.customer.findFirstOrThrow()).toMatchObject({
      crmContactId: "607",
      email: null,
      accessStatus: "lead",
    });
  });

  it("an older email change delivered after a newer one does not overwrite it", async () => {
    const t = Date.now() - 60_000;
    const newer = hubspotContactEvent("contact.propertyChange", 608, {
      occurredAt: t + 2000,
      propertyName: "email",
      propertyValue: "new@example.com",
    });
    const older = hubspotContactEvent("contact.propertyChange", 608, {
      occurredAt: t,
      propertyName: "email",
      propertyValue: "old@example.com",
    });
    await deliver(newer);
    await deliver(older);

    expect(await db.customer.findFirstOrThrow()).toMatchObject({ email: "new@example.com" });
    const stale = await db.ledgerEvent.findFirstOrThrow({
      where: { externalId: hubspotEventKey(older) },
    });
    expect(stale.status).toBe("processed");
    expect(stale.result).toMatchObject({ outcome: "stale" });
  });

  it("in order, a newer email change replaces a lead's email", async () => {
    const t = Date.now() - 60_000;
    for (const [dt, email] of [
      [0, "first@example.com"],
      [1000, "second@example.com"],
    ] as const) {
      await deliver(
        hubspotContactEvent("contact.propertyChange", 609, {
          occurredAt: t + dt,
          propertyName: "email",
          propertyValue: email,
        }),
      );
    }
    expect(await db.customer.findFirstOrThrow()).toMatchObject({ email: "second@example.com" });
  });

  it("a contact matching a paying customer's email links to them without touching billing or access", async () => {
    const paying = await db.customer.create({
      data: {
        email: "payer@example.com",
        name: "Paying Person",
        stripeCustomerId: "cus_pay",
        billingStatus: "active",
        accessStatus: "active",
      },
    });
    api.putContact("610", { email: "PAYER@example.com", firstname: "Other", lastname: "Name" });
    await deliver(hubspotContactEvent("contact.creation", 610));

    expect(await db.customer.count()).toBe(1);
    expect(await db.customer.findUniqueOrThrow({ where: { id: paying.id } })).toMatchObject({
      crmContactId: "610",
      name: "Paying Person",
      billingStatus: "active",
      accessStatus: "active",
      accessReasons: [],
    });
  });

  it("a contact.deletion keeps the customer and links the event to them", async () => {
    await deliver(
      hubspotContactEvent("contact.propertyChange", 611, {
        propertyName: "email",
        propertyValue: "gone@example.com",
      }),
    );
    await deliver(hubspotContactEvent("contact.deletion", 611));
    const customer = await db.customer.findFirstOrThrow();
    expect(customer.crmContactId).toBe("611");
    const rows = await db.ledgerEvent.findMany({ where: { customerId: customer.id } });
    expect(rows.map((r) => r.type).sort()).toEqual(["contact.deletion", "contact.propertyChange"]);
  });
});
