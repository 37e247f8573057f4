import { describe, expect, it } from "vitest";
import { customerSafeReason } from "./customer-safe";
import { graceExpiredReason, overrideReason, paymentFailedReason } from "./reasons";

const d = (s: string) => new Date(`${s}T12:00:00Z`);
const invoice = {
  id: "in_123",
  status: "open",
  amountDue: 4900,
  amountPaid: 0,
  currency: "eur",
  stripeCreatedAt: d("2026-11-03"),
  firstFailedAt: d("2026-11-03"),
  failureCode: "payment_failed",
  nextPaymentAttempt: d("2026-11-06"),
  paidAt: null,
};

describe("customer-safe reasons", () => {
  it("say exactly what happened after a payment attempt, in plain dates, without internal ids", () => {
    const failed = customerSafeReason(
      paymentFailedReason(invoice, d("2026-11-03"), d("2026-11-06")),
    );
    expect(failed).toEqual({
      code: "payment_failed",
      message:
        "Your payment (49.00 EUR) was declined on 3 Nov. We will try again on 6 Nov. Your access continues until 6 Nov.",
      since: d("2026-11-03").toISOString(),
      nextAction: "Update your payment method.",
    });
    const ended = customerSafeReason(graceExpiredReason(invoice, d("2026-11-03"), d("2026-11-06")));
    expect(ended.message).toBe(
      "Your payment (49.00 EUR) was declined on 3 Nov. Access is paused since 6 Nov.",
    );
    expect(JSON.stringify([failed, ended])).not.toContain("in_123");
  });

  it("an override tells the customer what, never who or why; the dashboard sentence keeps both", () => {
    const r = overrideReason({
      kind: "block",
      reason: "Chargeback threat, waiting for the bank",
      actor: "jane.ops@launchready.example",
      expiresAt: d("2026-12-10"),
      revokedAt: null,
      createdAt: d("2026-12-01"),
      approvalRequestId: "apr_1",
    });
    expect(r.message).toBe(
      "Access was blocked by hand by jane.ops@launchready.example (approved request apr_1) until 10 Dec: Chargeback threat, waiting for the bank",
    );
    expect(customerSafeReason(r)).toMatchObject({
      message: "Access is paused by our team until 10 Dec.",
      nextAction: "Contact support if you have questions.",
    });
  });

  it("a reason stored before the split gets its code's generic words, never its internal sentence", () => {
    const old = {
      code: "override_grant",
      message: "Access was granted by hand by boss@example.com with no end date: friend",
      since: "2026-11-01T00:00:00.000Z",
      nextAction: "Revoke the override when it is no longer needed.",
    };
    expect(customerSafeReason(old)).toEqual({
      code: "override_grant",
      message: "Access was granted by our team.",
      since: old.since,
      nextAction: "Nothing to do.",
    });
  });
});
