import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  mergeLeadFields,
  type LeadFields,
  type LeadSubject,
} from "@/lib/customers/merge-lead-fields";
import { resetDatabase } from "@/test/db";

beforeEach(resetDatabase);

const hubspot: LeadSubject = {
  source: "hubspot",
  subject: "hubspot:contact:701",
  id: { crmContactId: "701" },
  label: "HubSpot",
  whenStale: "find",
};
const app: LeadSubject = {
  source: "app",
  subject: "app:user:u7",
  id: { appUserId: "u7" },
  label: "app",
  whenStale: "upsert",
};

let n = 0;
/** Records a ledger row for `lead` that happened at `at`, applies it, and stores the result as processing would. */
async function apply(lead: LeadSubject, data: LeadFields, at: string) {
  const row = await db.ledgerEvent.create({
    data: {
      source: lead.source,
      externalId: `e${++n}`,
      type: "test",
      occurredAt: new Date(at),
      payload: {},
      correlationId: `c${n}`,
    },
  });
  const outcome = await db.$transaction((tx) =>
    mergeLeadFields(tx, lead, data, { ledgerEventId: row.id, occurredAt: row.occurredAt }),
  );
  await db.ledgerEvent.update({
    where: { id: row.id },
    data: { status: "processed", result: outcome },
  });
  return { outcome, row: await db.ledgerEvent.findUniqueOrThrow({ where: { id: row.id } }) };
}

describe("mergeLeadFields (newest field wins)", () => {
  it("creates the lead with the event's fields and links the ledger row", async () => {
    const { outcome, row } = await apply(
      hubspot,
      { email: "a@example.com", name: "Ada" },
      "2026-11-01T10:00:00Z",
    );
    const customer = await db.customer.findFirstOrThrow();
    expect(customer).toMatchObject({ crmContactId: "701", email: "a@example.com", name: "Ada" });
    expect(outcome).toEqual({
      outcome: "applied",
      customerId: customer.id,
      created: true,
      detail: "set crmContactId, email, name",
      subject: "hubspot:contact:701",
      fields: ["email", "name"],
    });
    expect(row.customerId).toBe(customer.id);
  });

  it("an older event arriving late keeps the newer field and writes only the others", async () => {
    await apply(app, { name: "Newer Name" }, "2026-11-01T12:00:00Z");
    const { outcome } = await apply(
      app,
      { email: "old@example.com", name: "Old Name" },
      "2026-11-01T11:00:00Z",
    );
    expect(outcome).toMatchObject({
      outcome: "applied",
      detail: "set email; kept newer name",
      fields: ["email"],
    });
    expect(await db.customer.findFirstOrThrow()).toMatchObject({
      appUserId: "u7",
      email: "old@example.com",
      name: "Newer Name",
    });
  });

  it("an older event whose every field is newer already is stale, changes nothing and is still linked", async () => {
    await apply(hubspot, { email: "new@example.com" }, "2026-11-01T12:00:00Z");
    const { outcome, row } = await apply(
      hubspot,
      { email: "old@example.com" },
      "2026-11-01T11:00:00Z",
    );
    const customer = await db.customer.findFirstOrThrow();
    expect(outcome).toEqual({
      outcome: "stale",
      customerId: customer.id,
      detail: "a newer HubSpot event already set email",
      subject: "hubspot:contact:701",
    });
    expect(customer.email).toBe("new@example.com");
    expect(row.customerId).toBe(customer.id);
  });

  it("names the source in a stale result and never reorders by arrival", async () => {
    await apply(app, { email: "new@example.com", name: "New" }, "2026-11-01T12:00:00Z");
    const { outcome } = await apply(
      app,
      { email: "old@example.com", name: "Old" },
      "2026-11-01T11:00:00Z",
    );
    expect(outcome).toMatchObject({
      outcome: "stale",
      detail: "a newer app event already set email and name",
    });
    expect(await db.customer.findFirstOrThrow()).toMatchObject({
      email: "new@example.com",
      name: "New",
    });
  });

  it("newer events from another source do not count", async () => {
    await apply(app, { email: "app@example.com" }, "2026-11-01T12:00:00Z");
    const { outcome } = await apply(hubspot, { name: "From CRM" }, "2026-11-01T11:00:00Z");
    expect(outcome).toMatchObject({ outcome: "applied", fields: ["name"] });
  });
});
