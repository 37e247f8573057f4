import { describe, expect, it } from "vitest";
import { redact, redactText } from "./redact";

describe("redact", () => {
  it("scrubs emails, Stripe secrets and card numbers from text", () => {
    const out = redactText(
      "jane.doe@example.com paid with 4242 4242 4242 4242 using sk_test_abcdefgh1234",
    );
    expect(out).not.toMatch(/jane|4242|sk_test/);
  });

  it("replaces sensitive fields and keeps the rest", () => {
    const out = redact({
      type: "invoice.paid",
      data: { customer_email: "a@b.co", amount_paid: 900, card: { last4: "4242" } },
    });
    expect(out).toEqual({
      type: "invoice.paid",
      data: { customer_email: "[redacted]", amount_paid: 900, card: { last4: "[redacted]" } },
    });
  });

  it("does not mutate its input", () => {
    const input = { email: "a@b.co" };
    redact(input);
    expect(input.email).toBe("a@b.co");
  });
});
