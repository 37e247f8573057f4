import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { onAlertSignal, type AlertSignal } from "@/lib/outbox/alert-signal";
import type { Connector, SyncTarget } from "@/lib/integrations/connector/types";
import { resetDatabase } from "@/test/db";
import { recordingConnector } from "@/test/recording-connector";
import { findDueSyncTasks } from "./find-due-sync-tasks";
import { runSyncTask, type SyncDeps } from "./run-sync-task";

let customerId: string;

beforeEach(async () => {
  await resetDatabase();
  customerId = (
    await db.customer.create({
      data: { email: "sync@example.com", accessStatus: "active", billingStatus: "active" },
    })
  ).id;
});

function deps(crm: Connector, timeoutMs = 2000): SyncDeps {
  const other = (t: SyncTarget) => recordingConnector(t).connector;
  return {
    connectors: { crm, support: other("support"), email: other("email"), app: other("app") },
    publicUrl: "http://localhost:3999",
    timeoutMs,
    random: () => 0.5,
  };
}

async function task(maxAttempts = 8) {
  return db.syncTask.create({
    data: {
      customerId,
      target: "crm",
      action: "crm.upsert_contact",
      idempotencyKey: `crm:${customerId}:${Math.random()}`,
      correlationId: "corr-1",
      maxAttempts,
    },
  });
}

async function makeDue(id: string) {
  await db.syncTask.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
}

describe("runSyncTask", () => {
  it("success records the result, the time and the customer's last sync", async () => {
    const t = await task();
    const { connector, calls } = recordingConnector("crm");
    expect(await runSyncTask(db, t.id, deps(connector))).toEqual({
      kind: "succeeded",
      externalRef: "ref-1",
    });
    expect(await db.syncTask.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({
      status: "succeeded",
      attempts: 1,
      externalRef: "ref-1",
      lastError: null,
    });
    expect(
      (await db.customer.findUniqueOrThrow({ where: { id: customerId } })).lastSyncedAt,
    ).not.toBeNull();
    expect(calls[0].customer).toMatchObject({
      email: "sync@example.com",
      dashboardUrl: `http://localhost:3999/customers/${customerId}`,
    });
  });

  it("a finished task is never run again", async () => {
    const t = await task();
    const { connector, calls } = recordingConnector("crm");
    await runSyncTask(db, t.id, deps(connector));
    expect(await runSyncTask(db, t.id, deps(connector))).toEqual({
      kind: "not_claimed",
      detail: "task is succeeded",
    });
    expect(calls).toHaveLength(1);
  });

  it("two runners racing for one task run it once", async () => {
    const t = await task();
    const { connector, calls } = recordingConnector("crm");
    const outcomes = await Promise.all([
      runSyncTask(db, t.id, deps(connector)),
      runSyncTask(db, t.id, deps(connector)),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["not_claimed", "succeeded"]);
    expect(calls).toHaveLength(1);
  });

  it("a connector that is not configured marks the task skipped with the reason", async () => {
    const t = await task();
    const { connector } = recordingConnector("crm", [], "HUBSPOT_ACCESS_TOKEN is not set");
    expect(await runSyncTask(db, t.id, deps(connector))).toMatchObject({ kind: "skipped" });
    expect(await db.syncTask.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({
      status: "skipped",
      lastError: "not connected: HUBSPOT_ACCESS_TOKEN is not set",
    });
  });

  it("a retryable failure schedules the next attempt with backoff, signals an alert, and is not run before then", async () => {
    const t = await task();
    const signals: AlertSignal[] = [];
    const off = onAlertSignal((s) => signals.push(s));
    const { connector, calls } = recordingConnector("crm", ["retryable", "retryable"]);
    const first = await runSyncTask(db, t.id, deps(connector));
    expect(first).toMatchObject({ kind: "retry", attempts: 1 });
    const row = await db.syncTask.findUniqueOrThrow({ where: { id: t.id } });
    expect(row).toMatchObject({ status: "failed", lastError: "503 from upstream" });
    const waitMs = row.nextAttemptAt.getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(1000);
    expect(await runSyncTask(db, t.id, deps(connector))).toMatchObject({ kind: "not_claimed" });
    expect(await findDueSyncTasks(db)).toHaveLength(0);

    await makeDue(t.id);
    expect(await findDueSyncTasks(db)).toHaveLength(1);
    const second = await runSyncTask(db, t.id, deps(connector));
    expect(second).toMatchObject({ kind: "retry", attempts: 2 });
    const delay2 =
      (await db.syncTask.findUniqueOrThrow({ where: { id: t.id } })).nextAttemptAt.getTime() -
      Date.now();
    expect(delay2).toBeGreaterThan(waitMs);
    await makeDue(t.id);
    expect(await runSyncTask(db, t.id, deps(connector))).toMatchObject({ kind: "succeeded" });
    expect(calls).toHaveLength(3);
    expect(signals.filter((s) => s.kind === "sync_task_retrying")).toHaveLength(2);
    off();
  });

  it("Retry-After from the server is honoured when longer than the backoff", async () => {
    const t = await task();
    const { connector } = recordingConnector("crm", [{ retryAfterMs: 120_000 }]);
    await runSyncTask(db, t.id, deps(connector));
    const wait =
      (await db.syncTask.findUniqueOrThrow({ where: { id: t.id } })).nextAttemptAt.getTime() -
      Date.now();
    expect(wait).toBeGreaterThan(110_000);
  });

  it("a hanging call times out and is retried", async () => {
    const t = await task();
    const { connector } = recordingConnector("crm", ["hang"]);
    expect(await runSyncTask(db, t.id, deps(connector, 100))).toMatchObject({
      kind: "retry",
      error: "timed out after 100 ms",
    });
  });

  it("a permanent failure ends dead with one open exception, and access is untouched", async () => {
    const t = await task();
    const signals: AlertSignal[] = [];
    const off = onAlertSignal((s) => signals.push(s));
    const { connector } = recordingConnector("crm", ["permanent"]);
    expect(await runSyncTask(db, t.id, deps(connector))).toMatchObject({ kind: "dead" });
    expect(await db.syncTask.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({
      status: "dead",
    });
    const exceptions = await db.exceptionRecord.findMany();
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]).toMatchObject({
      kind: "dead_sync_task",
      status: "open",
      syncTaskId: t.id,
      customerId,
      correlationId: "corr-1",
    });
    expect(await db.customer.findUniqueOrThrow({ where: { id: customerId } })).toMatchObject({
      accessStatus: "active",
    });
    expect(signals.map((s) => s.kind)).toContain("sync_task_dead");
    off();
  });

  it("gives up after maxAttempts retryable failures", async () => {
    const t = await task(2);
    const { connector } = recordingConnector("crm", ["retryable", "retryable"]);
    await runSyncTask(db, t.id, deps(connector));
    await makeDue(t.id);
    expect(await runSyncTask(db, t.id, deps(connector))).toMatchObject({ kind: "dead" });
    expect((await db.exceptionRecord.findFirstOrThrow()).detail).toMatch(
      /gave up after 2 attempts/,
    );
  });

  it("an abandoned running claim is taken over by the reconciler", async () => {
    const t = await task();
    await db.syncTask.update({
      where: { id: t.id },
      data: { status: "running", claimedAt: new Date(Date.now() - 10 * 60_000), attempts: 1 },
    });
    expect((await findDueSyncTasks(db)).map((x) => x.id)).toEqual([t.id]);
    const { connector } = recordingConnector("crm");
    expect(await runSyncTask(db, t.id, deps(connector))).toMatchObject({ kind: "succeeded" });
  });
});
