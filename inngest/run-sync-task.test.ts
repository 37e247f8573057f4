import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inngestFunction } from "@/inngest/index";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { recordStripe } from "@/dev/deliver";
import { invoicePaid } from "@/fakes/stripe/events";
import { startSyncHarness, type SyncHarness } from "@/test/sync-harness";
import { workflows } from "@/lib/workflows/handlers";

const runSyncTaskFn = inngestFunction("run-sync-task");

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness();
});
afterAll(() => h.stop());
beforeEach(async () => {
  await resetDatabase();
  h.hubspot.faults.reset();
  h.hubspot.clear();
});

/** A paid customer's pending "upsert the CRM contact" task, as the ledger workflow plans it. */
async function crmTask(maxAttempts?: number) {
  const id = await recordStripe(invoicePaid({ customer: "cus_rst", email: "rst@example.com" }));
  await workflows.processLedgerEvent(id);
  const task = await db.syncTask.findFirstOrThrow({ where: { action: "crm.upsert_contact" } });
  if (maxAttempts === undefined) return task;
  return db.syncTask.update({ where: { id: task.id }, data: { maxAttempts } });
}

const run = (task: { id: string; customerId: string }) =>
  new InngestTestEngine({ function: runSyncTaskFn }).execute({
    events: [
      {
        name: "sync/task.created",
        id: task.id,
        data: { taskId: task.id, customerId: task.customerId },
      },
    ],
  });

describe("run-sync-task (Inngest function)", () => {
  it("runs the task named in the event: the CRM gets the contact and the task succeeds", async () => {
    const task = await crmTask();
    const { result, error } = await run(task);
    expect(error).toBeUndefined();
    expect(result).toEqual({ kind: "succeeded", externalRef: expect.any(String) });
    expect(h.hubspot.contacts()).toEqual([
      expect.objectContaining({
        properties: expect.objectContaining({ email: "rst@example.com" }),
      }),
    ]);
    expect(await db.syncTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: "succeeded",
      attempts: 1,
    });
  });

  it("a retryable failure asks Inngest to retry at the task's own next attempt time", async () => {
    const task = await crmTask();
    h.hubspot.faults.failNext(1);
    const before = Date.now();
    const { error } = await run(task);
    // Inngest retries a RetryAfterError at its retryAfter: the task's nextAttemptAt.
    expect(error).toMatchObject({ name: "RetryAfterError", message: expect.stringMatching(/500/) });
    const after = await db.syncTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(after).toMatchObject({ status: "failed", attempts: 1 });
    expect(after.nextAttemptAt.getTime()).toBeGreaterThan(before);
    expect(h.hubspot.contacts()).toHaveLength(0);
  });

  it("a failure on the task's last attempt ends the run for good, with the task dead and an exception open", async () => {
    const task = await crmTask(1);
    h.hubspot.faults.failNext(1);
    const { error } = await run(task);
    expect(error).toMatchObject({ name: "NonRetriableError" });
    expect(await db.syncTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: "dead",
      attempts: 1,
    });
    expect(await db.exceptionRecord.findFirstOrThrow()).toMatchObject({
      kind: "dead_sync_task",
      status: "open",
      syncTaskId: task.id,
    });
  });

  it("when Inngest gives up on a run, its task goes dead with an exception for the queue", async () => {
    const task = await crmTask();
    await runSyncTaskFn.opts.onFailure!({
      event: { data: { event: { data: { taskId: task.id, customerId: task.customerId } } } },
      error: new Error("Function timed out"),
    } as never);
    expect(await db.syncTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: "dead",
      lastError: "Function timed out",
    });
    expect(await db.exceptionRecord.findFirstOrThrow()).toMatchObject({
      kind: "dead_sync_task",
      status: "open",
      syncTaskId: task.id,
      detail: "Function timed out",
    });
  });
});
