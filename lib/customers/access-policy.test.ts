import { describe, expect, it } from "vitest";
import { computeAccess } from "./access-policy";

const since = new Date("2026-11-03T10:00:00Z");

describe("computeAccess", () => {
  it("active billing grants access with no reasons", () => {
    expect(computeAccess({ billingStatus: "active", since })).toEqual({
      status: "active",
      reasons: [],
    });
  });

  it("a failed payment never grants access and explains itself with the retry date", () => {
    const d = computeAccess({
      billingStatus: "past_due",
      since,
      failedInvoice: {
        id: "in_123",
        amountDue: 4900,
        currency: "eur",
        nextAttemptAt: new Date("2026-11-06T10:00:00Z"),
      },
    });
    expect(d.status).toBe("past_due");
    expect(d.reasons[0]).toMatchObject({ code: "payment_failed", since: since.toISOString() });
    expect(d.reasons[0].message).toBe(
      "Payment failed on invoice in_123 (49.00 EUR) on 3 Nov; Stripe retries on 6 Nov.",
    );
    expect(d.reasons[0].nextAction).toMatch(/payment link/);
  });

  it("canceled and no-subscription states carry a reason and a next action", () => {
    for (const billingStatus of ["canceled", "none", "incomplete"] as const) {
      const d = computeAccess({ billingStatus, since });
      expect(d.status).not.toBe("active");
      expect(d.reasons.length).toBeGreaterThan(0);
      expect(d.reasons[0].nextAction.length).toBeGreaterThan(0);
    }
  });

  it("trialing gives trial, never active", () => {
    expect(computeAccess({ billingStatus: "trialing", since }).status).toBe("trial");
  });
});
