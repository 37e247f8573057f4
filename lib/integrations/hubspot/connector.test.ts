import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeHubSpot, type FakeHubSpot } from "@/fakes/hubspot";
import { customerSnapshot, pastDueCustomer, syncTask, timeout } from "@/test/sync-fixtures";
import { createHubSpotConnector } from "./connector";
import { ConnectorError } from "@/lib/integrations/connector/types";

const TOKEN = "pat-eu1-test-token-0123456789";
let crm: FakeHubSpot;

beforeAll(async () => {
  crm = await startFakeHubSpot({ accessToken: TOKEN });
});
afterAll(async () => {
  await crm.stop();
});
beforeEach(() => {
  crm.clear();
  crm.faults.reset();
});

const connector = () => createHubSpotConnector({ accessToken: TOKEN, apiBase: crm.url });
const upsert = () => syncTask("crm.upsert_contact", {});

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  const err = await p.then(
    () => expect.unreachable("expected a ConnectorError"),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConnectorError);
  return err as ConnectorError;
}

describe("HubSpot connector", () => {
  it("creates the contact with name, lifecycle stage and our billing and access status", async () => {
    const customer = customerSnapshot({ name: "Ada King Lovelace" });
    const result = await connector().perform(upsert(), customer, timeout());

    const stored = crm.contactByEmail(customer.email!)!;
    expect(result.identity?.crmContactId).toBe(stored.id);
    expect(result.externalRef).toBe(stored.id);
    expect(stored.properties).toMatchObject({
      firstname: "Ada",
      lastname: "King Lovelace",
      lifecyclestage: "customer",
      launch_ready_billing_status: "active",
      launch_ready_access_status: "active",
      launch_ready_access_reason: "",
      launch_ready_customer_id: customer.id,
    });
  });

  it("upserting the same customer twice leaves one contact", async () => {
    const customer = customerSnapshot();
    const a = await connector().perform(upsert(), customer, timeout());
    const b = await connector().perform(upsert(), customer, timeout());
    expect(crm.contacts()).toHaveLength(1);
    expect(b.identity?.crmContactId).toBe(a.identity?.crmContactId);
  });

  it("ten racing upserts for one email, in any letter case, create one contact", async () => {
    const customer = customerSnapshot();
    crm.faults.setLatency(20);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        connector().perform(
          upsert(),
          { ...customer, email: i % 2 ? customer.email!.toUpperCase() : customer.email },
          timeout(),
        ),
      ),
    );
    expect(crm.contacts()).toHaveLength(1);
    expect(new Set(results.map((r) => r.identity?.crmContactId)).size).toBe(1);
  });

  it("a lead stays a lead until billing is active, then becomes a customer", async () => {
    const lead = customerSnapshot({ billingStatus: "none", accessStatus: "lead" });
    await connector().perform(upsert(), lead, timeout());
    expect(crm.contactByEmail(lead.email!)!.properties.lifecyclestage).toBe("lead");

    await connector().perform(
      upsert(),
      { ...lead, billingStatus: "active", accessStatus: "active" },
      timeout(),
    );
    expect(crm.contactByEmail(lead.email!)!.properties.lifecyclestage).toBe("customer");
  });

  it("a customer whose payment fails is never moved back to lead, but shows why access is limited", async () => {
    const customer = customerSnapshot();
    await connector().perform(upsert(), customer, timeout());
    const pastDue = pastDueCustomer("in_42", { id: customer.id, email: customer.email });
    const result = await connector().perform(upsert(), pastDue, timeout());

    const stored = crm.contactByEmail(customer.email!)!;
    expect(stored.properties.lifecyclestage).toBe("customer");
    expect(stored.properties.launch_ready_billing_status).toBe("past_due");
    // The customer-safe words (the CRM is outside the dashboard), not the internal invoice id.
    expect(stored.properties.launch_ready_access_reason).toBe(
      "payment_failed: Your payment (49.00 EUR) was declined on 20 Nov. We will try again on 23 Nov. Your access continues until 23 Nov. Next: Update your payment method.",
    );
    expect(stored.properties.launch_ready_access_reason).not.toContain("in_42");
    expect(result.detail).toBe("updated contact");
  });

  it("leaves a later or custom lifecycle stage alone", async () => {
    const customer = customerSnapshot();
    await connector().perform(upsert(), customer, timeout());
    // Someone in sales moved the contact on by hand.
    await fetch(`${crm.url}/crm/v3/objects/contacts/batch/upsert`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        inputs: [
          { id: customer.email, idProperty: "email", properties: { lifecyclestage: "evangelist" } },
        ],
      }),
    });
    await connector().perform(upsert(), customer, timeout());
    expect(crm.contactByEmail(customer.email!)!.properties.lifecyclestage).toBe("evangelist");
  });

  it("429 is retryable and carries Retry-After as retryAfterMs", async () => {
    crm.faults.rateLimitNext(1, 7);
    const err = await failure(connector().perform(upsert(), customerSnapshot(), timeout()));
    expect(err.kind).toBe("retryable");
    expect(err.retryAfterMs).toBe(7000);
  });

  it("500 is retryable and the next attempt succeeds with one contact", async () => {
    const customer = customerSnapshot();
    crm.faults.failNext(1);
    const err = await failure(connector().perform(upsert(), customer, timeout()));
    expect(err.kind).toBe("retryable");
    expect(err.message).toContain("HTTP 500");
    await connector().perform(upsert(), customer, timeout());
    expect(crm.contacts()).toHaveLength(1);
  });

  it("a lost response after the upsert was applied still ends with one contact on retry", async () => {
    const customer = customerSnapshot();
    crm.faults.sequence(["ok", "lost-response"]); // lookup answers, upsert applied but answer lost
    const err = await failure(connector().perform(upsert(), customer, timeout()));
    expect(err.kind).toBe("retryable");
    expect(crm.contacts()).toHaveLength(1);

    const retry = await connector().perform(upsert(), customer, timeout());
    expect(crm.contacts()).toHaveLength(1);
    expect(retry.identity?.crmContactId).toBe(crm.contacts()[0].id);
  });

  it("a hanging CRM times out through the signal as a retryable error", async () => {
    crm.faults.hangNext(1);
    const started = Date.now();
    const err = await failure(
      connector().perform(upsert(), customerSnapshot(), AbortSignal.timeout(200)),
    );
    expect(err.kind).toBe("retryable");
    expect(err.message).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("a refused network connection is retryable", async () => {
    const c = createHubSpotConnector({ accessToken: TOKEN, apiBase: "http://127.0.0.1:1" });
    const err = await failure(c.perform(upsert(), customerSnapshot(), timeout()));
    expect(err.kind).toBe("retryable");
    expect(err.message).toMatch(/network error/);
  });

  it("an invalid email is a permanent 400", async () => {
    const err = await failure(
      connector().perform(upsert(), customerSnapshot({ email: "not-an-email" }), timeout()),
    );
    expect(err.kind).toBe("permanent");
    expect(err.message).toContain("HTTP 400");
  });

  it("a wrong token is permanent and the error never contains a token", async () => {
    const c = createHubSpotConnector({
      accessToken: "pat-wrong-secret-token-value",
      apiBase: crm.url,
    });
    const err = await failure(c.perform(upsert(), customerSnapshot(), timeout()));
    expect(err.kind).toBe("permanent");
    expect(err.message).toContain("HTTP 401");
    expect(err.message).not.toContain("pat-wrong-secret-token-value");
    expect(err.message).not.toContain(TOKEN);
  });

  it("a customer without email is a permanent error and nothing is sent", async () => {
    const err = await failure(
      connector().perform(upsert(), customerSnapshot({ email: null }), timeout()),
    );
    expect(err.kind).toBe("permanent");
    expect(crm.requests).toHaveLength(0);
  });

  it("is not configured without a token, naming the variable", async () => {
    const c = createHubSpotConnector({ apiBase: crm.url });
    expect(c.notConfiguredReason()).toBe("HUBSPOT_ACCESS_TOKEN is not set");
    expect(createHubSpotConnector({ accessToken: TOKEN }).notConfiguredReason()).toBeNull();
    const err = await failure(c.perform(upsert(), customerSnapshot(), timeout()));
    expect(err.kind).toBe("permanent");
  });

  it("refuses actions of other targets as permanent", async () => {
    const task = syncTask("email.welcome", {});
    const err = await failure(connector().perform(task, customerSnapshot(), timeout()));
    expect(err.kind).toBe("permanent");
  });
});
