import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { syncTaskEvent, type WorkflowEvent, type WorkflowEventName } from "@/lib/workflow-events";
import { InProcessExecutor, type WorkflowHandlers } from "@/lib/jobs/in-process";
import {
  isCronJob,
  PermanentFailure,
  RetryAt,
  type EventJob,
  type JobContext,
} from "@/lib/jobs/job";
import { executorMode } from "@/lib/jobs/mode";
import { redriveLostWork } from "@/lib/jobs/redrive";
import { notifyWork, ownerOf } from "@/lib/jobs/work-queue";
import { jobs } from "@/lib/jobs/registry";
import { log } from "@/lib/log";

/**
 * Sends events to Inngest. The Inngest SDK stays in inngest/: inngest/send.ts registers
 * this at server start (instrumentation.ts), so lib never imports it.
 */
export type EventSender = (events: WorkflowEvent[]) => Promise<void>;

// On globalThis: Next bundles instrumentation and routes apart, and they must share these.
const globalForJobs = globalThis as unknown as {
  inProcessExecutor?: InProcessExecutor;
  resumeTimer?: NodeJS.Timeout;
  eventSender?: EventSender;
};

/** Registers (or, with undefined, removes) how events reach Inngest in Inngest mode. */
export function setEventSender(sender: EventSender | undefined): void {
  globalForJobs.eventSender = sender;
}

/**
 * Whether this process runs `event` itself (without Inngest): always in the one-process
 * layout, never in a web process, and in a worker only the customers it owns (work-queue.ts).
 */
export function runsHere(event: WorkflowEvent): boolean {
  if (env.PROCESS_ROLE === "all") return true;
  if (env.PROCESS_ROLE === "web") return false;
  return ownerOf(concurrencyValue(event) ?? event.id, env.WORKER_COUNT) === env.WORKER_INDEX;
}

/** Hands an event to whichever executor is configured. Throws if the hand-off failed. */
export async function dispatch(event: WorkflowEvent): Promise<void> {
  if (executorMode(env) === "inngest") {
    const send = globalForJobs.eventSender;
    if (!send) throw new Error("Inngest is configured but no Inngest sender is registered");
    await send([{ id: event.id, name: event.name, data: event.data } as WorkflowEvent]);
  } else if (runsHere(event)) {
    inProcessExecutor().enqueue(event);
  } else {
    await notifyWork(db, [event]);
  }
}

const handOffFailed = (event: WorkflowEvent, e: unknown) =>
  log.warn(
    { event: event.name, id: event.id, err: String(e) },
    "hand-off failed; the reconciler will run it",
  );

/** Hands new outbox tasks to the executor; a lost hand-off is re-driven by the reconciler. */
export async function dispatchSyncTasks(
  tasks: { id: string; customerId: string }[],
): Promise<void> {
  await handOff(tasks.map((t) => syncTaskEvent(t.id, t.customerId)));
}

/**
 * Dispatches follow-up events; a lost hand-off is logged and re-driven by the reconciler.
 * Those another worker process owns leave in one NOTIFY statement, not one each.
 */
async function handOff(events: WorkflowEvent[]): Promise<void> {
  const elsewhere = executorMode(env) === "in-process" ? events.filter((e) => !runsHere(e)) : [];
  if (elsewhere.length) {
    await notifyWork(db, elsewhere).catch((e) => handOffFailed(elsewhere[0], e));
  }
  for (const event of events) {
    if (elsewhere.includes(event)) continue;
    await dispatch(event).catch((e) => handOffFailed(event, e));
  }
}

/** How jobs run in this process: steps just run, follow-up events go through dispatch. */
const inProcessContext: JobContext = {
  step: (_id, fn) => fn(),
  sendEvents: (_stepId, events) => handOff(events),
  dispatch,
};

/** One registry job as an in-process handler, with the job's own retry and give-up signals. */
function inProcessHandler(job: EventJob) {
  return async (data: WorkflowEvent["data"]) => {
    try {
      return await job.run(data as never, inProcessContext);
    } catch (e) {
      // Same schedule as under Inngest: the run's own next attempt time decides the retry.
      if (e instanceof RetryAt) {
        const retry = { name: job.event, id: e.retryId, data } as WorkflowEvent;
        inProcessExecutor().enqueueAt(retry, e.at);
        return;
      }
      if (e instanceof PermanentFailure) return;
      throw e;
    }
  };
}

const eventJobs = jobs.filter((j): j is EventJob => !isCronJob(j));

/** The value runs of the event's job must not overlap on (its concurrency key with limit 1). */
function concurrencyValue(event: WorkflowEvent): string | undefined {
  const job = eventJobs.find((j) => j.event === event.name);
  const field = job?.concurrency.find((c) => c.key && c.limit === 1)?.key;
  const value = field && (event.data as Record<string, unknown>)[field];
  return typeof value === "string" && value ? value : undefined;
}

/** Keys of runs that must not overlap: a concurrency entry of the job with a key and limit 1. */
function keyOf(event: WorkflowEvent): string | undefined {
  const value = concurrencyValue(event);
  return value ? `${event.name}:${value}` : undefined;
}

/** Each job's overall limit, tightened for this process where it shares one event loop. */
function limits(): Partial<Record<WorkflowEventName, number>> {
  const tighter: Partial<Record<WorkflowEventName, number>> = { "sync/task.created": 4 };
  const out: Partial<Record<WorkflowEventName, number>> = {};
  for (const job of eventJobs) {
    const own = Math.min(...job.concurrency.filter((c) => !c.key).map((c) => c.limit));
    out[job.event] = Math.min(own, tighter[job.event] ?? Infinity);
  }
  return out;
}

export function inProcessExecutor(): InProcessExecutor {
  globalForJobs.inProcessExecutor ??= new InProcessExecutor(
    Object.fromEntries(eventJobs.map((j) => [j.event, inProcessHandler(j)])) as WorkflowHandlers,
    {
      keyOf,
      // Payments reach access before queued side effects run: state first, then syncs; and
      // slow external calls can hold at most half the slots, so the ledger always moves.
      // While ledger events wait, one side effect at a time: every handler shares this
      // process's event loop, and side effects would otherwise take most of its CPU
      // (BENCHMARKS.md, payment → access).
      concurrency: 8,
      limits: limits(),
      busyLimits: [{ name: "sync/task.created", whileBusy: "ledger/event.received", limit: 1 }],
      priorityOf: (e) => (e.name === "ledger/event.received" ? 1 : 0),
    },
  );
  return globalForJobs.inProcessExecutor;
}

/**
 * The sweep's context: in a worker, re-driven work that another worker owns is left to that
 * worker's own sweep (every worker sweeps), so nothing is handed over twice.
 */
const sweepContext: JobContext = {
  ...inProcessContext,
  dispatch: (event) => (runsHere(event) ? dispatch(event) : Promise.resolve()),
};

/** Re-drives lost or abandoned work: ledger rows never handed off, due or stuck sync tasks. */
export function reconcileOnce(opts: {
  ledgerOlderThanSeconds: number;
  syncGraceSeconds: number;
}): Promise<number> {
  return redriveLostWork(db, opts, sweepContext.dispatch);
}

/**
 * One pass of the in-process maintenance sweep: every cron job of the registry, in its
 * order (re-drive lost work, re-evaluate access due by the clock, the drift check when due,
 * alerts). A failing job is logged and the next one still runs. Never throws.
 * Idempotent: safe to run any number of times (every job it runs is).
 */
export async function sweepOnce(olderThanSeconds: number): Promise<void> {
  for (const job of jobs) {
    if (!isCronJob(job)) continue;
    try {
      await job.run(job.sweepInput(olderThanSeconds), sweepContext);
    } catch (e) {
      log.warn({ job: job.id, err: String(e) }, "sweep job failed");
    }
  }
}

/** Whether this process runs the in-process resume sweep (health check). */
export function resumeSweepRunning(): boolean {
  return Boolean(globalForJobs.resumeTimer);
}

/**
 * In in-process mode: run the sweep now and every `intervalMs` (restart resumes where it
 * stopped). In Inngest mode the cron functions do this.
 */
export function startInProcessResume(intervalMs = 15_000): void {
  if (executorMode(env) !== "in-process" || env.PROCESS_ROLE === "web") return;
  if (globalForJobs.resumeTimer) return;
  void sweepOnce(0);
  globalForJobs.resumeTimer = setInterval(() => void sweepOnce(10), intervalMs);
  globalForJobs.resumeTimer.unref();
}

/** Stops the resume sweep (a worker shutting down). */
export function stopInProcessResume(): void {
  if (globalForJobs.resumeTimer) clearInterval(globalForJobs.resumeTimer);
  globalForJobs.resumeTimer = undefined;
}
