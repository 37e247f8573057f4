import { beforeEach, describe, expect, it } from "vitest";
import { POST as appWebhook } from "@/app/api/webhooks/app/route";
import { POST as hubspotWebhook } from "@/app/api/webhooks/hubspot/route";
import { db } from "@/lib/db";
import { upsertLead } from "@/lib/customers/upsert-lead";
import { inProcessExecutor } from "@/lib/jobs/dispatch";
import { resetDatabase } from "@/test/db";
import {
  appEvent,
  appWebhookRequest,
  hubspotContactEvent,
  hubspotWebhookRequest,
} from "@/test/inbound-requests";

beforeEach(resetDatabase);

const since = new Date("2026-11-27T05:00:00Z");
const run = (input: Parameters<typeof upsertLead>[1]) =>
  db.$transaction((tx) => upsertLead(tx, input, since));

describe("upsertLead", () => {
  it("creates a lead with the no_paid_subscription reason", async () => {
    const { customer, created } = await run({ email: " Ada@Example.com ", appUserId: "u1" });
    expect(created).toBe(true);
    expect(customer).toMatchObject({
      email: "ada@example.com",
      appUserId: "u1",
      accessStatus: "lead",
    });
    expect(customer.accessReasons).toEqual([
      expect.objectContaining({ code: "no_paid_subscription", since: since.toISOString() }),
    ]);
  });

  it("matches by external id first, then by normalized email, and fills the missing id", async () => {
    const a = await db.customer.create({ data: { email: "a@example.com", crmContactId: "1" } });
    const byId = await run({ crmContactId: "1", email: "b@example.com" });
    expect(byId.customer.id).toBe(a.id);
    expect(byId.customer.email).toBe("b@example.com");

    const byEmail = await run({ supportUserId: "z9", email: "B@example.com" });
    expect(byEmail.customer).toMatchObject({ id: a.id, supportUserId: "z9", crmContactId: "1" });
    expect(await db.customer.count()).toBe(1);
  });

  it("never rewrites a paying customer's email or name, nor billing or access", async () => {
    const paying = await db.customer.create({
      data: {
        email: "pay@example.com",
        name: "Payer",
        crmContactId: "2",
        billingStatus: "past_due",
        accessStatus: "past_due",
      },
    });
    const { customer } = await run({ crmContactId: "2", email: "new@example.com", name: "X" });
    expect(customer).toMatchObject({
      id: paying.id,
      email: "pay@example.com",
      name: "Payer",
      billingStatus: "past_due",
      accessStatus: "past_due",
    });
  });

  it("reports, instead of stealing, an email or id that belongs to another customer", async () => {
    await db.customer.create({ data: { email: "taken@example.com" } });
    const lead = await db.customer.create({ data: { email: "lead@example.com", appUserId: "u2" } });
    const { customer, conflicts } = await run({ appUserId: "u2", email: "taken@example.com" });
    expect(customer).toMatchObject({ id: lead.id, email: "lead@example.com" });
    expect(conflicts).toEqual([expect.stringMatching(/^email belongs to/)]);
  });

  it("a CRM contact and an app signup racing with one email end as one customer with both ids", async () => {
    const email = "race@example.com";
    const responses = await Promise.all([
      hubspotWebhook(
        hubspotWebhookRequest([
          hubspotContactEvent("contact.propertyChange", 701, {
            propertyName: "email",
            propertyValue: email,
          }),
        ]),
      ),
      appWebhook(appWebhookRequest(appEvent("user.signed_up", { userId: "race_uid", email }))),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    // The loser of the race hits the unique email, fails, and is retried by the executor.
    await inProcessExecutor().idle();

    const customers = await db.customer.findMany();
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ email, crmContactId: "701", appUserId: "race_uid" });
    const rows = await db.ledgerEvent.findMany();
    expect(rows.map((r) => [r.status, r.customerId])).toEqual([
      ["processed", customers[0].id],
      ["processed", customers[0].id],
    ]);
  });
});
