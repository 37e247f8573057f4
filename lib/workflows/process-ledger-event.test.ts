import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as billing from "@/lib/billing/apply-stripe-event";
import { db } from "@/lib/db";
import { resetDatabase } from "@/lib/testing/db";
import { recordStripe } from "@/lib/testing/ledger";
import {
  customerSubscriptionDeleted,
  invoicePaid,
  invoicePaymentFailed,
} from "@/lib/testing/stripe-events";
import { processLedgerEvent } from "./process-ledger-event";

const who = { customer: "cus_wf1", email: "wf@example.com", name: "Wendy Flow" };
const t0 = Math.floor(Date.UTC(2026, 10, 3, 10) / 1000);

beforeEach(resetDatabase);
afterEach(() => vi.restoreAllMocks());

async function apply(event: Parameters<typeof recordStripe>[0]) {
  return processLedgerEvent(db, await recordStripe(event));
}

describe("processLedgerEvent", () => {
  it("a failed payment never grants access and says why, with the retry date", async () => {
    await apply(
      invoicePaymentFailed(who, {
        created: t0,
        invoiceId: "in_fail1",
        nextAttempt: t0 + 3 * 86400,
      }),
    );
    const c = await db.customer.findFirstOrThrow();
    expect(c).toMatchObject({ billingStatus: "past_due", accessStatus: "past_due" });
    expect(c.accessReasons).toEqual([
      expect.objectContaining({
        code: "payment_failed",
        message:
          "Payment failed on invoice in_fail1 (49.00 EUR) on 3 Nov; Stripe retries on 6 Nov.",
      }),
    ]);
  });

  it("a recovered payment restores access and clears the reasons", async () => {
    await apply(invoicePaymentFailed(who, { created: t0 }));
    await apply(invoicePaid(who, { created: t0 + 60 }));
    expect(await db.customer.findFirstOrThrow()).toMatchObject({
      accessStatus: "active",
      accessReasons: [],
    });
  });

  it("subscription deleted cancels access", async () => {
    await apply(invoicePaid(who, { created: t0 }));
    await apply(customerSubscriptionDeleted(who, { created: t0 + 60 }));
    expect(await db.customer.findFirstOrThrow()).toMatchObject({
      billingStatus: "canceled",
      accessStatus: "canceled",
    });
  });

  it("an older event delivered late does not overwrite newer state", async () => {
    await apply(invoicePaid(who, { created: t0 + 60 }));
    const late = await apply(invoicePaymentFailed(who, { created: t0 }));
    expect(late).toMatchObject({ status: "processed", outcome: { outcome: "stale" } });
    expect(await db.customer.findFirstOrThrow()).toMatchObject({ accessStatus: "active" });
  });

  it("processing the same ledger row again is a no-op", async () => {
    const id = await recordStripe(invoicePaid(who, { created: t0 }));
    await processLedgerEvent(db, id);
    const again = await processLedgerEvent(db, id);
    expect(again).toEqual({
      status: "skipped",
      detail: "ledger event is processed",
      syncTasks: [],
    });
    expect(await db.ledgerEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
      attempts: 1,
    });
  });

  it("a failure marks the row failed with the error and rolls back state; a retry then applies it once", async () => {
    const id = await recordStripe(invoicePaid(who, { created: t0 }));
    vi.spyOn(billing, "applyStripeEvent").mockRejectedValueOnce(
      new Error("boom for wf@example.com"),
    );
    await expect(processLedgerEvent(db, id)).rejects.toThrow("boom");
    const failed = await db.ledgerEvent.findUniqueOrThrow({ where: { id } });
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.error).toContain("boom");
    expect(failed.error).not.toContain("wf@example.com");
    expect(await db.customer.count()).toBe(0);

    await processLedgerEvent(db, id);
    expect(await db.ledgerEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "processed",
      attempts: 2,
      error: null,
    });
    expect(await db.customer.count()).toBe(1);
  });

  it("an unpaid checkout grants nothing", async () => {
    const { checkoutSessionCompleted } = await import("@/lib/testing/stripe-events");
    const r = await apply(checkoutSessionCompleted(who, { created: t0, paid: false }));
    expect(r.status).toBe("ignored");
    expect(await db.customer.count()).toBe(0);
  });
});
