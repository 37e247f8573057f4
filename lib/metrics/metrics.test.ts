import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { syncBacklog } from "@/lib/metrics/backlog";
import { syncLatency } from "@/lib/metrics/sync-latency";
import { metricSeries } from "@/lib/metrics/time-series";
import { countWebhookRejection, resetWebhookRejections } from "@/lib/metrics/webhook-rejections";
import { webhookFailureRate } from "@/lib/metrics/webhook-failure-rate";
import { lastMinutes } from "@/lib/metrics/window";
import { nextActions } from "@/lib/overview/next-actions";
import { rejectionsCounted, resetDatabase } from "@/test/db";

const HOUR = 3_600_000;
const now = new Date();
const ago = (ms: number) => new Date(now.getTime() - ms);

beforeEach(async () => {
  await resetDatabase();
  resetWebhookRejections();
});

async function ledgerAt(at: Date, status: "processed" | "failed", n: number) {
  await db.ledgerEvent.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      source: "stripe" as const,
      externalId: `evt_${at.getTime()}_${status}_${i}`,
      type: "invoice.paid",
      occurredAt: at,
      receivedAt: at,
      payload: {},
      status,
      correlationId: "seed",
    })),
  });
}

describe("metrics over seeded rows", () => {
  it("buckets volume and failure rate by hour over 24 h, rejected requests included", async () => {
    await ledgerAt(ago(30 * 60_000), "processed", 3);
    await ledgerAt(ago(30 * 60_000), "failed", 1);
    await ledgerAt(ago(5 * HOUR), "processed", 2);
    await countWebhookRejection("stripe", 400, ago(30 * 60_000));
    await ledgerAt(ago(30 * HOUR), "processed", 5); // outside 24 h

    const series = await metricSeries(db, "24h", now);
    expect(series).toHaveLength(24);
    expect(series.reduce((n, p) => n + p.received, 0)).toBe(7);
    const recent = series.find((p) => p.received === 5)!;
    expect(recent.failureRate).toBe(0.4);
    expect(series.find((p) => p.received === 2)!.failureRate).toBe(0);
    expect(series.filter((p) => p.received === 0).every((p) => p.failureRate === null)).toBe(true);

    const week = await metricSeries(db, "7d", now);
    expect(week).toHaveLength(28);
    expect(week.reduce((n, p) => n + p.received, 0)).toBe(12);
  });

  it("computes sync latency per connector and the backlog, and lists dead tasks and blocked customers as next actions", async () => {
    const c = await db.customer.create({
      data: {
        email: "next@example.com",
        name: "Nia Next",
        accessStatus: "blocked",
        accessReasons: [
          {
            code: "dispute_open",
            message: "The customer disputed a payment.",
            since: ago(HOUR).toISOString(),
            nextAction: "Answer the dispute in Stripe.",
          },
        ],
      },
    });
    const task = (key: string, status: "succeeded" | "pending" | "dead", secs: number) => ({
      customerId: c.id,
      target: "crm" as const,
      action: "crm.upsert_contact",
      idempotencyKey: key,
      status,
      correlationId: "seed",
      createdAt: ago(secs * 1000 + 60_000),
      lastSuccessAt: status === "succeeded" ? ago(60_000) : null,
      lastError: status === "dead" ? "401 Unauthorized" : null,
    });
    await db.syncTask.createMany({
      data: [
        task("a", "succeeded", 1),
        task("b", "succeeded", 2),
        task("c", "succeeded", 3),
        task("d", "pending", 100),
        task("e", "dead", 5),
      ],
    });

    const [crm] = await syncLatency(db, lastMinutes(60, now));
    expect(crm).toMatchObject({ target: "crm", count: 3, p50: 2 });
    expect(crm.p95).toBeCloseTo(2.9, 5);
    const [backlog] = await syncBacklog(db, now);
    expect(backlog).toMatchObject({ target: "crm", pending: 1, dead: 1 });
    expect(backlog.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(160);

    const items = await nextActions(db);
    // People first (what a founder acts on), then the syncs that need fixing.
    expect(items.map((i) => i.kind)).toEqual(["customer", "dead_task"]);
    expect(items[0]).toMatchObject({
      title: "Nia Next is blocked",
      action: "Answer the dispute in Stripe.",
      href: `/customers/${c.id}`,
    });
    expect(items[1]).toMatchObject({ href: "/exceptions" });
    expect(items[1].detail).toContain("401 Unauthorized");
  });
});

describe("rejected webhook counts", () => {
  it("are kept in Postgres: a restart (the process forgetting everything) or another instance still sees them", async () => {
    await ledgerAt(ago(5 * 60_000), "processed", 3);
    await countWebhookRejection("hubspot", 400, ago(4 * 60_000));
    await countWebhookRejection("stripe", 400, ago(3 * 60_000));
    resetWebhookRejections(); // what a restart forgets
    const rates = await webhookFailureRate(db, lastMinutes(15, now));
    expect(rates).toEqual([
      { source: "hubspot", received: 1, rejected: 1, failed: 0, rate: 1 },
      { source: "stripe", received: 4, rejected: 1, failed: 0, rate: 0.25 },
    ]);
  });

  it("a flood of bad requests adds one row per source and minute, with every request counted; old minutes are pruned", async () => {
    const at = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 1000);
    await countWebhookRejection("app", 400, new Date(at.getTime() - 9 * 24 * HOUR));
    await Promise.all(Array.from({ length: 300 }, () => countWebhookRejection("app", 400, at)));
    await Promise.all(Array.from({ length: 5 }, () => countWebhookRejection("zendesk", 413, at)));
    // The 9-day-old row went when this minute's first row was inserted.
    expect(await rejectionsCounted()).toEqual({ total: 305, rows: 2, app: 300, zendesk: 5 });
  });
});
