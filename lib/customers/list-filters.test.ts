import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { parseCustomerView, viewToParams, type CustomerFilters } from "./list-filters";
import { iterateCustomers, listCustomers, listPlanNames } from "./queries";

const reason = (code: string) => [
  { code, message: `because ${code}`, since: "2026-11-20T00:00:00.000Z", nextAction: "do it" },
];

beforeEach(async () => {
  await resetDatabase();
  const ada = await db.customer.create({
    data: {
      email: "ada@example.com",
      name: "Ada Lovelace",
      stripeCustomerId: "cus_ada",
      crmContactId: "901",
      supportUserId: "7001",
      appUserId: "uid_ada",
      billingStatus: "past_due",
      accessStatus: "past_due",
      accessReasons: reason("payment_failed"),
    },
  });
  const ben = await db.customer.create({
    data: {
      email: "ben@example.com",
      name: "Ben Okafor",
      stripeCustomerId: "cus_ben",
      billingStatus: "active",
      accessStatus: "active",
    },
  });
  const cara = await db.customer.create({
    data: {
      email: "cara@other.org",
      name: "Cara Adams",
      billingStatus: "canceled",
      accessStatus: "blocked",
      accessReasons: reason("override_block"),
    },
  });
  await db.subscription.createMany({
    data: [
      {
        stripeSubscriptionId: "sub_ada",
        customerId: ada.id,
        status: "past_due",
        planName: "Pro",
        stripeEventAt: new Date(),
      },
      {
        stripeSubscriptionId: "sub_ben",
        customerId: ben.id,
        status: "active",
        planName: "Starter",
        stripeEventAt: new Date(),
      },
    ],
  });
  const task = (customerId: string, status: "dead" | "pending" | "succeeded", key: string) => ({
    customerId,
    target: "crm" as const,
    action: "crm.upsert_contact",
    idempotencyKey: key,
    status,
    correlationId: `corr-${key}`,
  });
  await db.syncTask.createMany({
    data: [
      task(ada.id, "dead", "a1"),
      task(ada.id, "pending", "a2"),
      task(ben.id, "pending", "b1"),
      task(cara.id, "succeeded", "c1"),
    ],
  });
});

const names = async (filters: CustomerFilters) =>
  (await listCustomers(db, { page: 1, pageSize: 25, sort: "name", dir: "asc", filters })).rows.map(
    (r) => r.name,
  );

describe("customers list filters", () => {
  it("filters by access status, billing status, blocked reason code and plan", async () => {
    expect(await names({ access: "blocked" })).toEqual(["Cara Adams"]);
    expect(await names({ billing: "past_due" })).toEqual(["Ada Lovelace"]);
    expect(await names({ reason: "payment_failed" })).toEqual(["Ada Lovelace"]);
    expect(await names({ reason: "override_block" })).toEqual(["Cara Adams"]);
    expect(await names({ plan: "Starter" })).toEqual(["Ben Okafor"]);
    expect(await names({ access: "active", billing: "past_due" })).toEqual([]);
  });

  it("filters by sync state with the same rules as the badge (dead wins over pending)", async () => {
    expect(await names({ sync: "failed" })).toEqual(["Ada Lovelace"]);
    expect(await names({ sync: "pending" })).toEqual(["Ben Okafor"]);
    expect(await names({ sync: "ok" })).toEqual(["Cara Adams"]);
  });

  it.each([
    ["email prefix", "ada@"],
    ["email prefix in capitals", "ADA@EX"],
    ["name prefix, any case", "ada love"],
    ["Stripe customer id", "cus_ada"],
    ["HubSpot contact id", "901"],
    ["Zendesk user id", "7001"],
    ["app user id", "uid_ada"],
  ])("finds a customer by %s", async (_what, q) => {
    expect(await names({ q })).toEqual(["Ada Lovelace"]);
  });

  it("finds a renamed customer by the new name only (the database keeps the search copy)", async () => {
    const ada = await db.customer.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    await db.customer.update({ where: { id: ada.id }, data: { name: "Ádá Byron" } });
    expect(await names({ q: "ádá by" })).toEqual(["Ádá Byron"]);
    expect(await names({ q: "ÁDÁ" })).toEqual(["Ádá Byron"]);
    expect(await names({ q: "ada love" })).toEqual([]);
    await db.customer.update({ where: { id: ada.id }, data: { name: null } });
    expect(await names({ q: "ádá" })).toEqual([]);
  });

  it("finds a customer by our own id, and an id must match whole", async () => {
    const ada = await db.customer.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    expect(await names({ q: ada.id })).toEqual(["Ada Lovelace"]);
    expect(await names({ q: "cus_ad" })).toEqual([]);
    expect(await names({ q: "90" })).toEqual([]);
  });

  it("finds people by any part of a name or email, in any case (okafor finds Hana Okafor)", async () => {
    await db.customer.create({
      data: { email: "hana@studio-okafor.example", name: "Hana Okafor", accessStatus: "past_due" },
    });
    expect(await names({ q: "okafor" })).toEqual(["Ben Okafor", "Hana Okafor"]);
    expect(await names({ q: "OKAF" })).toEqual(["Ben Okafor", "Hana Okafor"]);
    expect(await names({ q: "studio-ok" })).toEqual(["Hana Okafor"]);
    expect(await names({ q: "lovelace" })).toEqual(["Ada Lovelace"]);
    expect(await names({ q: "other.org" })).toEqual(["Cara Adams"]);
    // LIKE wildcards typed by a person are literal characters, not patterns.
    expect(await names({ q: "%" })).toEqual([]);
    expect(await names({ q: "a_a" })).toEqual([]);
  });

  it("an external id finds its customer exactly, also one a merge left as an alias", async () => {
    const ada = await db.customer.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    await db.customerAlias.createMany({
      data: [
        { key: "stripeCustomerId:cus_old_ada", customerId: ada.id },
        { key: "crmContactId:555", customerId: ada.id },
        { key: "email:lovelace@old.example", customerId: ada.id },
      ],
    });
    expect(await names({ q: "cus_old_ada" })).toEqual(["Ada Lovelace"]);
    expect(await names({ q: "555" })).toEqual(["Ada Lovelace"]);
    expect(await names({ q: "Lovelace@Old.example" })).toEqual(["Ada Lovelace"]);
    expect(await names({ q: "cus_old" })).toEqual([]);
    expect(await names({ q: "cus_ben" })).toEqual(["Ben Okafor"]);
    expect(await names({ q: "cus_be" })).toEqual([]);
  });

  it("counts only matching rows", async () => {
    // Substring search: "other" appears only in cara@other.org.
    const r = await listCustomers(db, {
      page: 1,
      pageSize: 1,
      sort: "email",
      dir: "asc",
      filters: { q: "other" },
    });
    expect(r).toMatchObject({ total: 1, pageCount: 1 });
  });

  it("parses the view from the URL, ignoring malformed values, and round-trips it", () => {
    const v = parseCustomerView(
      new URLSearchParams(
        "q=ada&access=nope&sync=failed&reason=DROP%20TABLE&plan=Pro&page=x&sort=name&dir=asc",
      ),
    );
    expect(v).toEqual({
      q: "ada",
      access: undefined,
      billing: undefined,
      sync: "failed",
      reason: undefined,
      plan: "Pro",
      page: 1,
      sort: "name",
      dir: "asc",
    });
    expect(viewToParams(v).toString()).toBe("q=ada&sync=failed&plan=Pro&page=1&sort=name&dir=asc");
    expect(parseCustomerView({ q: ["a", "b"] }).q).toBeUndefined();
  });

  it("iterates a whole view in batches, in order, without repeats", async () => {
    const seen: string[] = [];
    for await (const batch of iterateCustomers(db, { sort: "email", dir: "asc", filters: {} }, 2)) {
      expect(batch.length).toBeLessThanOrEqual(2);
      seen.push(...batch.map((r) => r.email!));
    }
    expect(seen).toEqual(["ada@example.com", "ben@example.com", "cara@other.org"]);
  });

  it("lists the plan names in use", async () => {
    expect(await listPlanNames(db)).toEqual(["Pro", "Starter"]);
  });
});
