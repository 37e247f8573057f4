import { inngest } from "@/inngest/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { syncTaskEvent, type WorkflowEvent } from "@/lib/jobs/events";
import { InProcessExecutor } from "@/lib/jobs/in-process";
import { executorMode } from "@/lib/jobs/mode";
import { findPendingLedgerEvents } from "@/lib/jobs/resume-pending";
import { runAlertEvaluation } from "@/lib/alerts/run-alert-evaluation";
import { runScheduledDriftCheck } from "@/lib/reconcile/run-scheduled-drift-check";
import { reevaluateDueCustomers } from "@/lib/customers/reevaluate-due-customers";
import { log } from "@/lib/log";
import { findDueSyncTasks } from "@/lib/outbox/find-due-sync-tasks";
import { workflows } from "@/lib/workflows/handlers";

const globalForExecutor = globalThis as unknown as {
  inProcessExecutor?: InProcessExecutor;
  resumeTimer?: NodeJS.Timeout;
};

export function inProcessExecutor(): InProcessExecutor {
  globalForExecutor.inProcessExecutor ??= new InProcessExecutor(
    {
      "ledger/event.received": async ({ ledgerEventId }) => {
        const result = await workflows.processLedgerEvent(ledgerEventId);
        await dispatchSyncTasks(result.syncTasks);
      },
      "sync/task.created": async ({ taskId, customerId }) => {
        const outcome = await workflows.runSyncTask(taskId);
        // Same schedule as under Inngest: the task's next attempt time decides the retry.
        if (outcome.kind === "retry") {
          inProcessExecutor().enqueueAt(
            syncTaskEvent(taskId, customerId, `attempt-${outcome.attempts + 1}`),
            new Date(outcome.nextAttemptAt),
          );
        }
      },
    },
    {
      keyOf: (e) =>
        e.name === "sync/task.created"
          ? `customer:${e.data.customerId}`
          : e.data.orderingKey && `order:${e.data.orderingKey}`,
      // Payments reach access before queued side effects run: state first, then syncs; and
      // slow external calls can hold at most half the slots, so the ledger always moves.
      // While ledger events wait, one side effect at a time: every handler shares this
      // process's event loop, and side effects would otherwise take most of its CPU
      // (BENCHMARKS.md, payment → access).
      concurrency: 8,
      limits: { "sync/task.created": 4 },
      busyLimits: [{ name: "sync/task.created", whileBusy: "ledger/event.received", limit: 1 }],
      priorityOf: (e) => (e.name === "ledger/event.received" ? 1 : 0),
    },
  );
  return globalForExecutor.inProcessExecutor;
}

/** Hands an event to whichever executor is configured. Throws if the hand-off failed. */
export async function dispatch(event: WorkflowEvent): Promise<void> {
  if (executorMode(env) === "inngest") {
    await inngest.send({ id: event.id, name: event.name, data: event.data });
  } else {
    inProcessExecutor().enqueue(event);
  }
}

/** Hands new outbox tasks to the executor; a lost hand-off is re-driven by the reconciler. */
export async function dispatchSyncTasks(
  tasks: { id: string; customerId: string }[],
): Promise<void> {
  for (const t of tasks) {
    await dispatch(syncTaskEvent(t.id, t.customerId)).catch((e) =>
      log.warn(
        { taskId: t.id, err: String(e) },
        "sync task hand-off failed; the reconciler will run it",
      ),
    );
  }
}

/** Re-drives lost or abandoned work: ledger rows never handed off, due or stuck sync tasks. */
export async function reconcileOnce(opts: {
  ledgerOlderThanSeconds: number;
  syncGraceSeconds: number;
}): Promise<number> {
  const ledger = await findPendingLedgerEvents(db, opts.ledgerOlderThanSeconds);
  const tasks = await findDueSyncTasks(db, { graceSeconds: opts.syncGraceSeconds });
  const events: WorkflowEvent[] = [
    ...ledger,
    ...tasks.map((t) => syncTaskEvent(t.id, t.customerId, `reconcile-${t.attempts}`)),
  ];
  for (const e of events) await dispatch(e);
  if (events.length)
    log.info({ ledger: ledger.length, syncTasks: tasks.length }, "reconciled pending work");
  return events.length;
}

/**
 * One pass of the in-process maintenance sweep: re-drive lost ledger events and due sync
 * tasks, then
 * re-evaluate access due by the clock, run the drift check when due and evaluate alerts.
 * Never throws.
 * Idempotent: safe to run any number of times (every step it runs is).
 */
export async function sweepOnce(olderThanSeconds: number): Promise<void> {
  try {
    await reconcileOnce({ ledgerOlderThanSeconds: olderThanSeconds, syncGraceSeconds: 0 });
  } catch (e) {
    log.warn({ err: String(e) }, "reconcile sweep failed");
  }
  try {
    const access = await reevaluateDueCustomers(db);
    await dispatchSyncTasks(access.syncTasks);
    if (access.changed) log.info(access, "re-evaluated access due by the clock");
    await runScheduledDriftCheck(db, env.DRIFT_CHECK_INTERVAL_HOURS);
  } catch (e) {
    log.warn({ err: String(e) }, "access or drift sweep failed");
  }
  await runAlertEvaluation();
}

/** Whether this process runs the in-process resume sweep (health check). */
export function resumeSweepRunning(): boolean {
  return Boolean(globalForExecutor.resumeTimer);
}

/**
 * In in-process mode: re-dispatch lost or abandoned work now and every `intervalMs`
 * (restart resumes where it stopped), re-evaluate access that changes with the clock, and
 * run the drift check when it is due. In Inngest mode the cron functions do this.
 */
export function startInProcessResume(intervalMs = 15_000): void {
  if (executorMode(env) !== "in-process" || globalForExecutor.resumeTimer) return;
  void sweepOnce(0);
  globalForExecutor.resumeTimer = setInterval(() => void sweepOnce(10), intervalMs);
  globalForExecutor.resumeTimer.unref();
}
