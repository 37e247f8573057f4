import { inngest } from "@/inngest/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { WorkflowEvent } from "@/lib/executor/events";
import { InProcessExecutor } from "@/lib/executor/in-process";
import { executorMode } from "@/lib/executor/mode";
import { findPendingLedgerEvents } from "@/lib/executor/resume-pending";
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
 * In in-process mode: re-dispatch lost or abandoned work now and every `intervalMs`
 * (restart resumes where it stopped). In Inngest mode the reconcile cron does this.
 */
export function startInProcessResume(intervalMs = 30_000): void {
  if (executorMode(env) !== "in-process" || globalForExecutor.resumeTimer) return;
  const sweep = async (olderThanSeconds: number) => {
    try {
      const events = await findPendingLedgerEvents(db, olderThanSeconds);
      events.forEach((e) => inProcessExecutor().enqueue(e));
      if (events.length) log.info({ count: events.length }, "resumed pending ledger events");
    } catch (e) {
      log.warn({ err: String(e) }, "resume sweep failed");
    }
  };
  void sweep(0);
  globalForExecutor.resumeTimer = setInterval(() => void sweep(10), intervalMs);
  globalForExecutor.resumeTimer.unref();
}
