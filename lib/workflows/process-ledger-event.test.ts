import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as billing from "@/lib/billing/apply-stripe-event";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { recordStripe } from "@/dev/deliver";
import { invoicePaid } from "@/fakes/stripe/events";
import { processLedgerEvent } from "./process-ledger-event";

// The ledger mechanics of processing (claims, failures, retries). What each event does to
// customer state is proven in lib/billing/acceptance.test.ts and the property test.
const who = { customer: "cus_wf1", email: "wf@example.com", name: "Wendy Flow" };
const t0 = Math.floor(Date.UTC(2026, 10, 3, 10) / 1000);

beforeEach(resetDatabase);
afterEach(() => vi.restoreAllMocks());

describe("processLedgerEvent", () => {
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

  it("returns the outbox tasks its change created, so they can be handed off after commit", async () => {
    const id = await recordStripe(invoicePaid(who, { created: t0 }));
    const result = await processLedgerEvent(db, id);
    const tasks = await db.syncTask.findMany({ select: { id: true, customerId: true } });
    expect(tasks.length).toBeGreaterThan(0);
    expect(result.syncTasks.map((t) => t.id).sort()).toEqual(tasks.map((t) => t.id).sort());
  });

  it("a failure marks the row failed with a redacted error and rolls back state; a retry then applies it once", async () => {
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
    expect(await db.syncTask.count()).toBe(0);

    await processLedgerEvent(db, id);
    expect(await db.ledgerEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "processed",
      attempts: 2,
      error: null,
    });
    expect(await db.customer.count()).toBe(1);
  });
});
