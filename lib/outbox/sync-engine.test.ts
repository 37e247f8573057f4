import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { db } from "@/lib/db";
import { dispatch } from "@/lib/jobs/dispatch";
import { syncTaskEvent } from "@/lib/workflow-events";
import { onAlertSignal, type AlertSignal } from "@/lib/outbox/alert-signal";
import { retrySyncTask } from "@/lib/outbox/retry-sync-task";
import { syncStateOf } from "@/lib/outbox/queries";
import { resetDatabase } from "@/test/db";
import { invoicePaid, invoicePaymentFailed, type StripeEventPayload } from "@/fakes/stripe/events";
import { startSyncHarness, type SyncHarness } from "@/test/sync-harness";
import { stripeWebhookRequest } from "@/test/webhook-requests";

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness();
});
afterAll(() => h.stop());
beforeEach(async () => {
  await h.settle();
  await resetDatabase();
  for (const fake of [h.hubspot, h.zendesk, h.app]) {
    fake.faults.reset();
    fake.clear();
  }
  h.mail.mails.length = 0;
});

async function deliver(...events: StripeEventPayload[]) {
  for (const e of events) expect((await POST(stripeWebhookRequest(e))).status).toBe(200);
}

const t0 = Math.floor(Date.now() / 1000) - 3600;

describe("sync engine, end to end through the fakes", () => {
  it(
    "a CRM that times out is retried with backoff and an alert, access stays active, and the contact syncs once the CRM answers",
    { timeout: 60_000 },
    async () => {
      const signals: AlertSignal[] = [];
      const off = onAlertSignal((s) => signals.push(s));
      h.hubspot.faults.hangAll(true);
      await deliver(
        invoicePaid(
          { customer: "cus_t1", email: "timeout@example.com", name: "Tim Out" },
          { created: t0 },
        ),
      );

      const crmTask = async () =>
        db.syncTask.findFirstOrThrow({ where: { action: "crm.upsert_contact" } });
      await expect
        .poll(async () => (await crmTask()).attempts, { timeout: 30_000 })
        .toBeGreaterThanOrEqual(3);
      // An attempt is counted when claimed, before its request leaves: wait until the third
      // request is hanging at the CRM, or it may arrive after the CRM recovers and succeed.
      await expect.poll(() => h.hubspot.faults.counts.hang).toBeGreaterThanOrEqual(3);
      const customer = await db.customer.findFirstOrThrow();
      expect(customer).toMatchObject({ accessStatus: "active", billingStatus: "active" });
      const sync = (await syncStateOf(db, [customer.id])).get(customer.id);
      expect(sync).toMatchObject({
        state: "pending",
        lastError: expect.stringMatching(/timed out/),
      });
      expect(
        signals.some((s) => s.kind === "sync_task_retrying" && s.action === "crm.upsert_contact"),
      ).toBe(true);
      expect(h.hubspot.contacts()).toHaveLength(0);

      h.hubspot.faults.hangAll(false);
      await h.settle();
      const task = await crmTask();
      expect(task.status).toBe("succeeded");
      expect(task.attempts).toBeGreaterThanOrEqual(4);
      expect(
        h.hubspot.contacts().filter((c) => c.properties.email === "timeout@example.com"),
      ).toHaveLength(1);
      expect((await syncStateOf(db, [customer.id])).get(customer.id)).toEqual({
        state: "ok",
        lastError: null,
      });
      off();
    },
  );

  it("duplicate delivery of every webhook makes exactly one contact, one ticket, one welcome email and one dunning email", async () => {
    const who = { customer: "cus_dup", email: "dup@example.com", name: "Dee Duplicate" };
    const journey = [
      invoicePaid(who, { created: t0 }),
      invoicePaymentFailed(who, { created: t0 + 60, invoiceId: "in_dup_2" }),
      invoicePaid(who, { created: t0 + 120, invoiceId: "in_dup_2" }),
    ];
    for (const e of journey) {
      await Promise.all([deliver(e), deliver(e)]);
      await deliver(e);
      await h.settle();
    }
    await h.settle();

    expect(
      h.hubspot.contacts().filter((c) => c.properties.email === "dup@example.com"),
    ).toHaveLength(1);
    const tickets = h.zendesk.tickets();
    expect(tickets).toHaveLength(1);
    expect(tickets[0].status).toBe("solved");
    expect(h.mailsTo("dup@example.com", /^Welcome/)).toHaveLength(1);
    expect(h.mailsTo("dup@example.com", /^Action needed/)).toHaveLength(1);
    // active → past_due → active: three access changes, each delivered to the app once.
    expect(h.app.messages()).toHaveLength(3);
    expect(await db.ledgerEvent.count()).toBe(3);
    expect((await db.ledgerEvent.findMany()).every((e) => e.duplicateCount === 2)).toBe(true);
  });

  it("a first payment that fails grants no access and sends no welcome email", async () => {
    await deliver(
      invoicePaymentFailed(
        { customer: "cus_f1", email: "failed@example.com" },
        { created: t0, invoiceId: "in_f1" },
      ),
    );
    await h.settle();
    expect(await db.customer.findFirstOrThrow()).toMatchObject({ accessStatus: "lead" });
    expect(h.mailsTo("failed@example.com", /^Welcome/)).toHaveLength(0);
    expect(h.app.messages()).toHaveLength(0);
  });

  it("a permanent 4xx ends dead with an open exception; an admin retry completes it once", async () => {
    h.hubspot.faults.reset();
    const goodToken = process.env.HUBSPOT_ACCESS_TOKEN!;
    process.env.HUBSPOT_ACCESS_TOKEN = "revoked-token-0000";
    const { resetSyncDeps } = await import("@/lib/workflows/handlers");
    const { resetEnvCache } = await import("@/lib/env");
    resetEnvCache();
    resetSyncDeps();
    await deliver(
      invoicePaid({ customer: "cus_dead", email: "dead@example.com" }, { created: t0 }),
    );
    await h.settle();
    const task = await db.syncTask.findFirstOrThrow({ where: { action: "crm.upsert_contact" } });
    expect(task).toMatchObject({ status: "dead", attempts: 1 });
    expect(task.lastError).toMatch(/401/);
    expect(task.lastError).not.toContain("revoked-token-0000");
    const exception = await db.exceptionRecord.findFirstOrThrow();
    expect(exception).toMatchObject({
      status: "open",
      kind: "dead_sync_task",
      syncTaskId: task.id,
    });
    expect(await db.customer.findFirstOrThrow()).toMatchObject({ accessStatus: "active" });

    process.env.HUBSPOT_ACCESS_TOKEN = goodToken;
    resetEnvCache();
    resetSyncDeps();
    const admin = { id: "admin-1", email: "admin@example.com" };
    const retried = await retrySyncTask(db, task.id, admin);
    expect(retried).toMatchObject({ ok: true });
    await dispatch(syncTaskEvent(task.id, task.customerId, "manual-retry"));
    await h.settle();
    expect(await db.syncTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: "succeeded",
    });
    expect(await db.exceptionRecord.findFirstOrThrow()).toMatchObject({
      status: "resolved",
      resolvedById: "admin-1",
    });
    expect(h.hubspot.contacts()).toHaveLength(1);
    expect(await retrySyncTask(db, task.id, admin)).toMatchObject({ ok: false });
  });
});

describe("crash between commit and enqueue", () => {
  it("the reconciler finishes every committed task exactly once", async () => {
    const { spawnSync } = await import("node:child_process");
    const child = spawnSync(process.execPath, ["--import", "tsx", "test/crash-after-commit.ts"], {
      env: { ...process.env },
      encoding: "utf8",
    });
    expect(child.signal).toBe("SIGKILL");
    const { committedTasks } = JSON.parse(child.stdout.trim().split("\n").at(-1)!);
    expect(committedTasks).toBeGreaterThanOrEqual(3);
    const pending = await db.syncTask.findMany();
    expect(pending).toHaveLength(committedTasks);
    expect(pending.every((t) => t.status === "pending" && t.attempts === 0)).toBe(true);
    expect(await db.customer.findFirstOrThrow()).toMatchObject({ accessStatus: "active" });

    const { reconcileOnce } = await import("@/lib/jobs/dispatch");
    expect(await reconcileOnce({ ledgerOlderThanSeconds: 0, syncGraceSeconds: 0 })).toBe(
      committedTasks,
    );
    await h.settle();
    expect(await reconcileOnce({ ledgerOlderThanSeconds: 0, syncGraceSeconds: 0 })).toBe(0);

    const done = await db.syncTask.findMany();
    expect(done.every((t) => t.status === "succeeded" && t.attempts === 1)).toBe(true);
    expect(h.hubspot.contacts()).toHaveLength(1);
    expect(h.mailsTo("crash@example.com", /^Welcome/)).toHaveLength(1);
    expect(h.app.messages()).toHaveLength(1);
  });
});
