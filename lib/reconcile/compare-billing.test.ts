import { describe, expect, it } from "vitest";
import type { Customer, Subscription } from "@/lib/generated/prisma/client";
import { customerObject, subscriptionObject } from "@/fakes/stripe/objects";
import { compareBilling } from "./compare-billing";

const ours = (over: Partial<Customer> = {}, subscriptions: Partial<Subscription>[] = []) =>
  ({
    id: "c1",
    email: "a@example.com",
    stripeCustomerId: "cus_1",
    stripeDeletedAt: null,
    subscriptions,
    ...over,
  }) as unknown as Customer & { subscriptions: Subscription[] };

describe("compareBilling", () => {
  it("finds nothing when we mirror Stripe", () => {
    const sub = subscriptionObject({
      id: "sub_1",
      customer: "cus_1",
      status: "active",
      periodEnd: 1_790_000_000,
    });
    const mine = {
      stripeSubscriptionId: "sub_1",
      status: "active",
      priceId: "price_pro",
      currentPeriodEnd: new Date(1_790_000_000_000),
      cancelAtPeriodEnd: false,
      trialEnd: null,
    };
    expect(
      compareBilling(ours({}, [mine]), customerObject({ id: "cus_1", email: "A@example.com" }), [
        sub,
      ]),
    ).toEqual([]);
  });

  it("reports deletions, subscriptions only we have, and ignores malformed objects", () => {
    const diffs = compareBilling(
      ours({}, [{ stripeSubscriptionId: "sub_gone", status: "active" }]),
      { id: "cus_1", object: "customer", deleted: true },
      [{}],
    );
    expect(diffs).toEqual([
      expect.objectContaining({
        object: "cus_1",
        field: "deleted",
        ours: "false",
        stripe: "true",
        repairable: true,
      }),
      expect.objectContaining({ object: "sub_gone", field: "exists", repairable: false }),
    ]);
  });

  it("does not report an email Stripe does not have", () => {
    expect(compareBilling(ours(), customerObject({ id: "cus_1", email: null }), [])).toEqual([]);
  });
});
