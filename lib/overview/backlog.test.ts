import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { LedgerStatus, SyncTaskStatus } from "@/lib/generated/prisma/enums";
import { liveTopicsForPath } from "@/lib/live/page-topics";
import { resetDatabase } from "@/test/db";
import { drainEstimateMs, processingBacklog, summarizeBacklog } from "./backlog";

const now = new Date("2026-12-04T12:00:00Z");
const secAgo = (s: number) => new Date(now.getTime() - s * 1000);

let n = 0;
async function event(
  status: LedgerStatus,
  o: { receivedSecAgo: number; processedSecAgo?: number; nextAttemptSecAgo?: number },
) {
  n++;
  await db.ledgerEvent.create({
    data: {
      source: "stripe",
      externalId: `evt_bl${n}`,
      type: "invoice.paid",
      occurredAt: secAgo(o.receivedSecAgo),
      receivedAt: secAgo(o.receivedSecAgo),
      payload: {},
      status,
      processedAt: o.processedSecAgo === undefined ? null : secAgo(o.processedSecAgo),
      nextAttemptAt: o.nextAttemptSecAgo === undefined ? null : secAgo(o.nextAttemptSecAgo),
      correlationId: `c${n}`,
    },
  });
}

async function task(status: SyncTaskStatus, nextAttemptSecAgo: number) {
  n++;
  const c = await db.customer.create({ data: { name: `T ${n}`, email: `t${n}@example.com` } });
  await db.syncTask.create({
    data: {
      customerId: c.id,
      target: "crm",
      action: "crm.upsert_contact",
      idempotencyKey: `k${n}`,
      status,
      nextAttemptAt: secAgo(nextAttemptSecAgo),
      correlationId: `c${n}`,
    },
  });
}

beforeEach(async () => {
  await resetDatabase();
});

describe("the processing backlog on the overview", () => {
  it("counts waiting events (received, processing, failed and due), the oldest, and the drain rate", async () => {
    await event("received", { receivedSecAgo: 5 });
    await event("processing", { receivedSecAgo: 90 });
    await event("failed", { receivedSecAgo: 300, nextAttemptSecAgo: 10 });
    // A failed row whose retry is not due yet, one past its last attempt, and ignored rows
    // do not wait.
    await event("failed", { receivedSecAgo: 900, nextAttemptSecAgo: -60 });
    await event("failed", { receivedSecAgo: 1200 });
    await event("ignored", { receivedSecAgo: 30 });
    // Processed inside the last minute (two) and before it (one).
    await event("processed", { receivedSecAgo: 50, processedSecAgo: 40 });
    await event("processed", { receivedSecAgo: 20, processedSecAgo: 1 });
    await event("processed", { receivedSecAgo: 200, processedSecAgo: 120 });
    await task("pending", 5);
    await task("running", -30);
    await task("pending", -30); // backing off: not due
    await task("succeeded", 100);

    const b = await processingBacklog(db, now);
    expect(b).toEqual({
      waiting: 3,
      oldestReceivedAt: secAgo(300),
      processedLastMinute: 2,
      syncDue: 2,
    });
    expect(summarizeBacklog(b, now)).toEqual({
      caughtUp: false,
      headline: "3 events wait to be processed",
      oldest: "The oldest arrived 5 min ago.",
      rate: "2 events processed in the last minute.",
      drain: "At this rate, caught up in about 1.5 min.",
      sync: "2 side effects (CRM, support, email, app) due or being sent.",
    });
  });

  it("is all caught up when nothing waits", async () => {
    await event("processed", { receivedSecAgo: 20, processedSecAgo: 10 });
    await event("failed", { receivedSecAgo: 1200 });
    const b = await processingBacklog(db, now);
    expect(b).toMatchObject({ waiting: 0, oldestReceivedAt: null, syncDue: 0 });
    expect(summarizeBacklog(b, now)).toEqual({
      caughtUp: true,
      line: "All caught up: 1 event processed in the last minute.",
    });
    expect(summarizeBacklog({ ...b, processedLastMinute: 0 }, now)).toEqual({
      caughtUp: true,
      line: "All caught up: nothing is waiting to be processed.",
    });
  });

  it("says a backlog that does not move is not draining", async () => {
    await event("received", { receivedSecAgo: 7200 });
    const s = summarizeBacklog(await processingBacklog(db, now), now);
    expect(s).toMatchObject({
      caughtUp: false,
      headline: "1 event waits to be processed",
      oldest: "The oldest arrived 2 h ago.",
      drain: "Not draining: nothing was processed in the last minute.",
      sync: null,
    });
  });
});

describe("drainEstimateMs", () => {
  it("divides the waiting events by the rate per minute", () => {
    expect(drainEstimateMs(0, 0)).toBe(0);
    expect(drainEstimateMs(10, 0)).toBeNull();
    expect(drainEstimateMs(1200, 600)).toBe(120_000);
    expect(drainEstimateMs(1, 600)).toBe(100);
  });
});

describe("the backlog card stays live", () => {
  it("the overview refreshes when a ledger event or a sync task changes", () => {
    expect(liveTopicsForPath("/").topics).toEqual(expect.arrayContaining(["ledger", "sync"]));
  });
});
