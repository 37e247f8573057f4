import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { resolveCustomer } from "./resolve-customer";

beforeEach(resetDatabase);

const resolve = (input: Parameters<typeof resolveCustomer>[1]) =>
  db.$transaction((tx) => resolveCustomer(tx, input));

describe("resolveCustomer", () => {
  it("returns null when no identifier is given", async () => {
    expect(await resolve({ email: "  ", name: "Nobody" })).toBeNull();
    expect(await db.customer.count()).toBe(0);
  });

  it("creates one record and finds it again by Stripe id or by email in any case", async () => {
    const a = await resolve({ stripeCustomerId: "cus_1", email: " Ann@Example.com ", name: "Ann" });
    expect(a).toMatchObject({ created: true, customer: { email: "ann@example.com", name: "Ann" } });
    const b = await resolve({ email: "ANN@example.com" });
    const c = await resolve({ stripeCustomerId: "cus_1" });
    expect(b?.customer.id).toBe(a?.customer.id);
    expect(c?.customer.id).toBe(a?.customer.id);
    expect(await db.customer.count()).toBe(1);
  });

  it("fills in missing ids without overwriting existing ones", async () => {
    const a = await resolve({ email: "bo@example.com", crmContactId: "hs_1" });
    const b = await resolve({ email: "bo@example.com", crmContactId: "hs_2", appUserId: "fb_1" });
    expect(b?.customer).toMatchObject({
      id: a?.customer.id,
      crmContactId: "hs_1",
      appUserId: "fb_1",
    });
  });

  it("merges a CRM lead and a Stripe customer that turn out to be one person, with audit", async () => {
    const lead = await resolve({ crmContactId: "hs_9", email: "cy@example.com", name: "Cy" });
    const paying = await resolve({ stripeCustomerId: "cus_9" });
    await db.customerNote.create({ data: { customerId: lead!.customer.id, body: "called" } });
    await db.ledgerEvent.create({
      data: {
        source: "hubspot",
        externalId: "hs-evt-1",
        type: "contact.creation",
        occurredAt: new Date(),
        payload: {},
        correlationId: "c1",
        customerId: lead!.customer.id,
      },
    });
    expect(await db.customer.count()).toBe(2);

    const merged = await resolve({ stripeCustomerId: "cus_9", email: "CY@example.com" });
    expect(merged?.customer.id).toBe(paying?.customer.id);
    expect(merged?.mergedIds).toEqual([lead?.customer.id]);
    expect(merged?.customer).toMatchObject({
      stripeCustomerId: "cus_9",
      email: "cy@example.com",
      crmContactId: "hs_9",
      name: "Cy",
    });
    expect(await db.customer.count()).toBe(1);
    expect(await db.customerNote.findFirstOrThrow()).toMatchObject({
      customerId: merged?.customer.id,
    });
    expect(await db.ledgerEvent.findFirstOrThrow()).toMatchObject({
      customerId: merged?.customer.id,
    });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "customer.merge" } });
    expect(audit.target).toBe(merged?.customer.id);
  });

  it("never merges two records whose Stripe customer ids differ; it audits the conflict", async () => {
    await resolve({ stripeCustomerId: "cus_a", email: "dee@example.com" });
    await resolve({ stripeCustomerId: "cus_b" });
    const r = await resolve({ stripeCustomerId: "cus_b", email: "dee@example.com" });
    expect(r?.customer.stripeCustomerId).toBe("cus_b");
    expect(await db.customer.count()).toBe(2);
    expect(await db.auditLog.count({ where: { action: "customer.identity_conflict" } })).toBe(1);
  });

  it("concurrent resolutions of one person create exactly one record", async () => {
    const inputs = [
      { email: "eve@example.com" },
      { email: "Eve@Example.com", stripeCustomerId: "cus_eve" },
      { stripeCustomerId: "cus_eve" },
      { email: "eve@example.com", crmContactId: "hs_eve" },
      { appUserId: "fb_eve", email: "EVE@example.com" },
      { supportUserId: "zd_eve", email: "eve@example.com" },
    ];
    await Promise.all([...inputs, ...inputs].map((i) => resolve(i)));
    const all = await db.customer.findMany();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      email: "eve@example.com",
      stripeCustomerId: "cus_eve",
      crmContactId: "hs_eve",
      appUserId: "fb_eve",
      supportUserId: "zd_eve",
    });
  });
});
