import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startMailCapture } from "@/fakes/mail-capture";
import { db } from "@/lib/db";
import { env, resetEnvCache } from "@/lib/env";
import type { SyncTarget } from "@/lib/integrations/connector/types";
import { createEmailConnector, EMAIL_SMTP_TIMEOUTS_MS } from "@/lib/integrations/email/connector";
import { resetDatabase } from "@/test/db";
import { recordingConnector } from "@/test/recording-connector";
import { findDueSyncTasks } from "./find-due-sync-tasks";
import { runSyncTask, syncClaimLeaseSeconds, type SyncDeps } from "./run-sync-task";

let mail: Awaited<ReturnType<typeof startMailCapture>>;

beforeAll(async () => {
  mail = await startMailCapture({ smtpPort: 0 });
});
afterAll(async () => {
  await mail.stop();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("the sync task claim lease", () => {
  it("outlasts the longest connector timeout, the email send's included, with a margin", () => {
    const smtpBound = Object.values(EMAIL_SMTP_TIMEOUTS_MS).reduce((a, b) => a + b, 0);
    for (const t of [
      { timeoutMs: env.SYNC_CALL_TIMEOUT_MS, emailTimeoutMs: env.SYNC_EMAIL_TIMEOUT_MS },
      { timeoutMs: 10_000, emailTimeoutMs: 45_000 },
      { timeoutMs: 10_000, emailTimeoutMs: 300_000 },
      { timeoutMs: 200_000, emailTimeoutMs: 45_000 },
    ]) {
      const leaseMs = syncClaimLeaseSeconds(t) * 1000;
      expect(leaseMs).toBeGreaterThanOrEqual(Math.max(t.timeoutMs, t.emailTimeoutMs) + 60_000);
      expect(leaseMs).toBeGreaterThan(smtpBound);
    }
  });

  it("a slow SMTP send still running past 120 s is not claimed (and sent) again by a second worker looking for due tasks", async () => {
    await resetDatabase();
    // A founder allows slow mail servers 5 minutes per send.
    vi.stubEnv("SYNC_EMAIL_TIMEOUT_MS", "300000");
    resetEnvCache();
    const other = (t: SyncTarget) => recordingConnector(t).connector;
    const deps: SyncDeps = {
      connectors: {
        crm: other("crm"),
        support: other("support"),
        app: other("app"),
        email: createEmailConnector({ smtpUrl: mail.smtpUrl, from: "ops@launchready.local" }),
      },
      publicUrl: "http://localhost:3999",
      timeoutMs: env.SYNC_CALL_TIMEOUT_MS,
      emailTimeoutMs: env.SYNC_EMAIL_TIMEOUT_MS,
      random: () => 0.5,
    };
    const customer = await db.customer.create({
      data: { email: "slow-mail@example.com", accessStatus: "active", billingStatus: "active" },
    });
    const task = await db.syncTask.create({
      data: {
        customerId: customer.id,
        target: "email",
        action: "email.welcome",
        idempotencyKey: `welcome:${customer.id}`,
        correlationId: "corr-lease",
      },
    });

    mail.setDataDelay(1500);
    try {
      const first = runSyncTask(db, task.id, deps);
      await vi.waitFor(
        async () =>
          expect(await db.syncTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
            status: "running",
          }),
        { timeout: 3000, interval: 20 },
      );
      // The row as it looks 150 s into that send: claimed longer ago than the old fixed
      // 120 s lease, well within the configured email timeout.
      await db.$executeRaw`UPDATE "SyncTask" SET "claimedAt" = now() - interval '150 seconds' WHERE "id" = ${task.id}`;

      // A second worker (the reconciler) looks for due tasks and runs what it finds.
      const due = await findDueSyncTasks(db);
      expect(due.map((d) => d.id)).not.toContain(task.id);
      expect(await runSyncTask(db, task.id, deps)).toMatchObject({ kind: "not_claimed" });

      expect(await first).toMatchObject({ kind: "succeeded" });
    } finally {
      mail.setDataDelay(0);
    }
    expect(mail.mails.filter((m) => m.to.includes("slow-mail@example.com"))).toHaveLength(1);
  });
});
