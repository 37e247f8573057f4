import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/lib/testing/db";
import { mergeCustomers } from "./merge-customers";

beforeEach(resetDatabase);

describe("mergeCustomers", () => {
  it("moves everything to the winner and takes the loser's Stripe identity and newer verification", async () => {
    const winner = await db.customer.create({
      data: {
        email: "w@example.com",
        crmContactId: "hs_w",
        firstSeenAt: new Date("2026-11-05T00:00:00Z"),
      },
    });
    const loser = await db.customer.create({
      data: {
        stripeCustomerId: "cus_l",
        name: "Loser",
        identityStatus: "verified",
        identityEventAt: new Date("2026-11-04T00:00:00Z"),
        stripeDeletedAt: null,
        stripeCustomerEventAt: new Date("2026-11-03T00:00:00Z"),
        firstSeenAt: new Date("2026-11-01T00:00:00Z"),
        billingEventAt: new Date("2026-11-06T00:00:00Z"),
      },
    });
    await db.subscription.create({
      data: {
        stripeSubscriptionId: "sub_l",
        customerId: loser.id,
        status: "active",
        stripeEventAt: new Date(),
      },
    });
    await db.accessOverride.create({
      data: { customerId: loser.id, kind: "grant", reason: "r", actor: "a" },
    });
    const merged = await db.$transaction((tx) => mergeCustomers(tx, winner.id, loser.id, "tester"));
    expect(merged).toMatchObject({
      id: winner.id,
      email: "w@example.com",
      crmContactId: "hs_w",
      stripeCustomerId: "cus_l",
      name: "Loser",
      identityStatus: "verified",
      firstSeenAt: new Date("2026-11-01T00:00:00Z"),
      billingEventAt: new Date("2026-11-06T00:00:00Z"),
      stripeCustomerEventAt: new Date("2026-11-03T00:00:00Z"),
    });
    expect(await db.subscription.findFirstOrThrow()).toMatchObject({ customerId: winner.id });
    expect(await db.accessOverride.findFirstOrThrow()).toMatchObject({ customerId: winner.id });
    expect(await db.customer.count()).toBe(1);

    const again = await db.$transaction((tx) => mergeCustomers(tx, winner.id, loser.id, "tester"));
    expect(again.id).toBe(winner.id);
    expect(await db.auditLog.count({ where: { action: "customer.merge" } })).toBe(1);
  });

  it("keeps the winner's own values when it already has them", async () => {
    const winner = await db.customer.create({
      data: {
        stripeCustomerId: "cus_w",
        name: "W",
        identityStatus: "requires_input",
        identityEventAt: new Date("2026-11-09T00:00:00Z"),
      },
    });
    const loser = await db.customer.create({
      data: {
        email: "l@example.com",
        name: "L",
        identityStatus: "verified",
        identityEventAt: new Date("2026-11-02T00:00:00Z"),
      },
    });
    const merged = await db.$transaction((tx) => mergeCustomers(tx, winner.id, loser.id, "tester"));
    expect(merged).toMatchObject({
      name: "W",
      email: "l@example.com",
      identityStatus: "requires_input",
      firstSeenAt: null,
    });
  });
});
