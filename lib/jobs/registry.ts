import { runAlertEvaluation } from "@/lib/alerts/run-alert-evaluation";
import { reevaluateDueCustomers } from "@/lib/customers/reevaluate-due-customers";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { syncTaskEvent } from "@/lib/workflow-events";
import { defineCronJob, defineEventJob, PermanentFailure, RetryAt, type Job } from "@/lib/jobs/job";
import { redriveLostWork } from "@/lib/jobs/redrive";
import { launchConfig, LAUNCH_CHECK_INTERVAL_MINUTES, probeOptions } from "@/lib/launch/config";
import { runScheduledLaunchChecks } from "@/lib/launch/registry";
import { runUptimeProbes } from "@/lib/launch/uptime/run-uptime-probes";
import { log } from "@/lib/log";
import { markTaskDead } from "@/lib/outbox/mark-task-dead";
import { checkDrift } from "@/lib/reconcile/check-drift";
import { importStripeCustomers } from "@/lib/reconcile/import-stripe-customers";
import { runScheduledDriftCheck } from "@/lib/reconcile/run-scheduled-drift-check";
import { workflows } from "@/lib/workflows/handlers";

/** Applies a ledger event to customer state, then hands its outbox tasks to run-sync-task. */
const processLedgerEvent = defineEventJob({
  id: "process-ledger-event",
  event: "ledger/event.received",
  retries: 5,
  // One customer's events one at a time (ordering-key.ts); ten in all.
  concurrency: [{ limit: 10 }, { key: "orderingKey", limit: 1 }],
  async run({ ledgerEventId }, ctx) {
    const result = await ctx.step("apply-ledger-event", () =>
      workflows.processLedgerEvent(ledgerEventId),
    );
    if (result.syncTasks.length > 0) {
      await ctx.sendEvents(
        "enqueue-sync-tasks",
        result.syncTasks.map((t) => syncTaskEvent(t.id, t.customerId)),
      );
    }
    return result;
  },
});

/**
 * Runs one outbox task (event id = task id). A retryable failure is retried at the task's
 * own next attempt time (exponential backoff with jitter); a permanent one ends the run.
 * One customer's tasks run one at a time. When Inngest gives up, the task goes dead with
 * an exception for the exceptions queue.
 */
const runSyncTask = defineEventJob({
  id: "run-sync-task",
  event: "sync/task.created",
  retries: 20,
  concurrency: [{ key: "customerId", limit: 1 }, { limit: 20 }],
  run: ({ taskId, customerId }, ctx) =>
    ctx.step("run-sync-task", async () => {
      const outcome = await workflows.runSyncTask(taskId);
      if (outcome.kind === "retry") {
        const retryId = syncTaskEvent(taskId, customerId, `attempt-${outcome.attempts + 1}`).id;
        throw new RetryAt(outcome.error, new Date(outcome.nextAttemptAt), retryId);
      }
      if (outcome.kind === "dead") throw new PermanentFailure(outcome.error);
      return outcome;
    }),
  onFailure: ({ taskId }, error) => markTaskDead(db, taskId, error.message),
});

/**
 * Re-drives ledger events whose hand-off was lost and sync tasks that stayed pending past
 * their next attempt time (e.g. a crash between commit and send).
 */
const reconcile = defineCronJob({
  id: "reconcile-sync-tasks",
  cron: "* * * * *",
  concurrency: [{ limit: 1 }],
  cronInput: () => ({ ledgerOlderThanSeconds: 60, syncGraceSeconds: 60 }),
  sweepInput: (olderThanSeconds) => ({
    ledgerOlderThanSeconds: olderThanSeconds,
    syncGraceSeconds: 0,
  }),
  run: (input, ctx) => ctx.step("reconcile", () => redriveLostWork(db, input, ctx.dispatch)),
});

/** Customers whose access changes with the clock (grace, override expiry, period end). */
const reevaluateAccess = defineCronJob({
  id: "reevaluate-access",
  cron: "*/10 * * * *",
  retries: 3,
  concurrency: [{ limit: 1 }],
  cronInput: () => undefined,
  sweepInput: () => undefined,
  async run(_input, ctx) {
    const result = await ctx.step("reevaluate-due-customers", () => reevaluateDueCustomers(db));
    if (result.syncTasks.length > 0) {
      await ctx.sendEvents(
        "enqueue-sync-tasks",
        result.syncTasks.map((t) => syncTaskEvent(t.id, t.customerId)),
      );
    }
    if (result.changed) log.info(result, "re-evaluated access due by the clock");
    return { checked: result.checked, changed: result.changed };
  },
});

/**
 * Compares billing with Stripe and repairs differences through the event path, at most
 * once per DRIFT_CHECK_INTERVAL_HOURS. Inngest's daily run uses half the interval, so a
 * run a little early on the day is not skipped.
 */
const checkBillingDrift = defineCronJob({
  id: "check-billing-drift",
  cron: "17 4 * * *",
  retries: 2,
  concurrency: [{ limit: 1 }],
  cronInput: () => ({ intervalHours: env.DRIFT_CHECK_INTERVAL_HOURS / 2 }),
  sweepInput: () => ({ intervalHours: env.DRIFT_CHECK_INTERVAL_HOURS }),
  run: ({ intervalHours }, ctx) =>
    ctx.step("check-drift", () => runScheduledDriftCheck(db, intervalHours)),
});

/** Fires, refreshes and resolves alerts (a failing source alerts within minutes). */
const evaluateAlerts = defineCronJob({
  id: "evaluate-alerts",
  cron: "* * * * *",
  concurrency: [{ limit: 1 }],
  cronInput: () => undefined,
  sweepInput: () => undefined,
  run: (_input, ctx) => ctx.step("evaluate", () => runAlertEvaluation()),
});

/**
 * The Stripe import a founder started (lib/jobs/request-billing-sync.ts): runs or resumes
 * the unfinished import; its job row shows the progress. One import at a time.
 */
const importFromStripe = defineEventJob({
  id: "import-stripe-customers",
  event: "billing/import.requested",
  retries: 2,
  concurrency: [{ limit: 1 }],
  run: (_payload, ctx) =>
    ctx.step("import", async () => {
      const job = await importStripeCustomers(db);
      return { jobId: job.id, status: job.status, processed: job.processed };
    }),
});

/** The drift check a founder started; its job row shows the progress and the report. */
const checkDriftNow = defineEventJob({
  id: "check-billing-drift-now",
  event: "billing/drift.requested",
  retries: 2,
  concurrency: [{ limit: 1 }],
  run: ({ jobId, actor }, ctx) =>
    ctx.step("check-drift", async () => {
      const job = await checkDrift(db, { actor, jobId });
      return { jobId: job.id, status: job.status, repaired: job.repaired };
    }),
});

/**
 * Runs every launch-readiness check (lib/launch) once the founder has saved launch
 * settings, at most once per LAUNCH_CHECK_INTERVAL_MINUTES however often it is called.
 */
const runLaunchChecksJob = defineCronJob({
  id: "run-launch-checks",
  cron: "*/15 * * * *",
  retries: 1,
  concurrency: [{ limit: 1 }],
  // Inngest's run uses a shorter interval, so a run a little early is not skipped.
  cronInput: () => ({ intervalMinutes: LAUNCH_CHECK_INTERVAL_MINUTES - 1 }),
  sweepInput: () => ({ intervalMinutes: LAUNCH_CHECK_INTERVAL_MINUTES }),
  run: ({ intervalMinutes }, ctx) =>
    ctx.step("run-launch-checks", () =>
      runScheduledLaunchChecks(db, launchConfig, intervalMinutes),
    ),
});

/** Probes the founder's watched URLs, each at most once a minute. */
const probeUptime = defineCronJob({
  id: "probe-uptime",
  cron: "* * * * *",
  concurrency: [{ limit: 1 }],
  cronInput: () => undefined,
  sweepInput: () => undefined,
  run: (_input, ctx) => ctx.step("probe", () => runUptimeProbes(db, probeOptions())),
});

/**
 * Every job, in one place: the Inngest functions (inngest/adapter.ts) and the in-process
 * executor (lib/jobs/dispatch.ts) are both built from this list. The in-process sweep runs
 * the cron jobs in this order.
 */
export const jobs: Job[] = [
  processLedgerEvent,
  runSyncTask,
  reconcile,
  reevaluateAccess,
  checkBillingDrift,
  evaluateAlerts,
  importFromStripe,
  checkDriftNow,
  runLaunchChecksJob,
  probeUptime,
];
