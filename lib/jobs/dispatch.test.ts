import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { recordStripe } from "@/dev/deliver";
import { invoicePaid } from "@/fakes/stripe/events";
import { startSyncHarness, type SyncHarness } from "@/test/sync-harness";
import {
  dispatch,
  inProcessExecutor,
  resumeSweepRunning,
  startInProcessResume,
  sweepOnce,
} from "./dispatch";

beforeEach(resetDatabase);

describe("the in-process maintenance sweep", () => {
  it("re-evaluates access that the clock has changed", async () => {
    await db.customer.create({
      data: { email: "sweep@example.com", accessStatus: "active", accessReevaluateAt: new Date(0) },
    });
    await sweepOnce(0);
    await inProcessExecutor().idle();
    const c = await db.customer.findFirstOrThrow();
    expect(c).toMatchObject({ accessStatus: "lead", accessReevaluateAt: null });
    expect(await db.accessTransition.findFirstOrThrow()).toMatchObject({
      from: "active",
      to: "lead",
      actor: "system:clock",
    });
  });

  it("starts once per process and resumes a ledger event whose hand-off was lost", async () => {
    const id = await recordStripe(invoicePaid({ customer: "cus_res", email: "res@example.com" }));
    expect(resumeSweepRunning()).toBe(false);
    startInProcessResume(3_600_000);
    startInProcessResume(3_600_000);
    expect(resumeSweepRunning()).toBe(true);
    await expect
      .poll(async () => (await db.ledgerEvent.findUniqueOrThrow({ where: { id } })).status)
      .toBe("processed");
    await inProcessExecutor().idle();
    expect(await db.customer.findFirstOrThrow()).toMatchObject({ accessStatus: "active" });
  });
});

describe("the in-process executor runs sync tasks", () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await startSyncHarness();
  });
  afterAll(() => h.stop());

  it("retries a task that failed at its next attempt time until the CRM takes it", async () => {
    const id = await recordStripe(invoicePaid({ customer: "cus_rt", email: "retry@example.com" }));
    h.hubspot.faults.failNext(2);
    await dispatch({ name: "ledger/event.received", id, data: { ledgerEventId: id } });
    await h.settle();
    const task = await db.syncTask.findFirstOrThrow({ where: { action: "crm.upsert_contact" } });
    expect(task).toMatchObject({ status: "succeeded", attempts: 3 });
    expect(h.hubspot.faults.counts["500"]).toBe(2);
    expect(h.hubspot.contacts()).toHaveLength(1);
  });
});
