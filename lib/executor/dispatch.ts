import { inngest } from "@/inngest/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { WorkflowEvent } from "@/lib/executor/events";
import { InProcessExecutor } from "@/lib/executor/in-process";
import { executorMode } from "@/lib/executor/mode";
import { findPendingLedgerEvents } from "@/lib/executor/resume-pending";
import { runScheduledDriftCheck } from "@/lib/billing/sync/run-scheduled-drift-check";
import { reevaluateDueCustomers } from "@/lib/customers/reevaluate-due-customers";
import { log } from "@/lib/log";
import { workflowHandlers } from "@/lib/workflows/handlers";

const globalForExecutor = globalThis as unknown as {
  inProcessExecutor?: InProcessExecutor;
  resumeTimer?: NodeJS.Timeout;
};

export function inProcessExecutor(): InProcessExecutor {
  globalForExecutor.inProcessExecutor ??= new InProcessExecutor(workflowHandlers);
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

/**
 * One pass of the in-process maintenance sweep: re-dispatch pending ledger events, then
 * re-evaluate access due by the clock and run the drift check when due. Never throws.
 * Idempotent: safe to run any number of times (every step it runs is).
 */
export async function sweepOnce(olderThanSeconds: number): Promise<void> {
  try {
    const events = await findPendingLedgerEvents(db, olderThanSeconds);
    events.forEach((e) => inProcessExecutor().enqueue(e));
    if (events.length) log.info({ count: events.length }, "resumed pending ledger events");
  } catch (e) {
    log.warn({ err: String(e) }, "resume sweep failed");
  }
  try {
    const access = await reevaluateDueCustomers(db);
    if (access.changed) log.info(access, "re-evaluated access due by the clock");
    await runScheduledDriftCheck(db, env.DRIFT_CHECK_INTERVAL_HOURS);
  } catch (e) {
    log.warn({ err: String(e) }, "access or drift sweep failed");
  }
}

/**
 * In in-process mode: re-dispatch lost or abandoned work now and every `intervalMs`
 * (restart resumes where it stopped), re-evaluate access that changes with the clock, and
 * run the drift check when it is due. In Inngest mode the cron functions do this.
 */
export function startInProcessResume(intervalMs = 30_000): void {
  if (executorMode(env) !== "in-process" || globalForExecutor.resumeTimer) return;
  void sweepOnce(0);
  globalForExecutor.resumeTimer = setInterval(() => void sweepOnce(10), intervalMs);
  globalForExecutor.resumeTimer.unref();
}
