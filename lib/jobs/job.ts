import type { WorkflowEvent, WorkflowEventName, WorkflowEvents } from "@/lib/workflow-events";

/** What a job's run may ask of whichever executor runs it (Inngest or in-process). */
export type JobContext = {
  /**
   * A named step. Under Inngest its result is saved and a retried run skips it; in-process
   * it just runs. Step ids are part of Inngest's saved state: never rename one.
   */
  step<T>(id: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Hands follow-up events on as one step (Inngest: step.sendEvent). In-process a failed
   * hand-off is logged, not thrown: the reconciler re-drives the work.
   */
  sendEvents(stepId: string, events: WorkflowEvent[]): Promise<void>;
  /** Hands one event to the configured executor now; throws if the hand-off failed. */
  dispatch(event: WorkflowEvent): Promise<void>;
};

/**
 * `limit`: at most this many runs at once. With `key` (a field of the payload): at most
 * `limit` runs per value of that field, e.g. one customer's tasks one at a time.
 */
export type JobConcurrency<P> = { limit: number; key?: keyof P & string };

/** A job run for each event of one name. */
export type EventJob<N extends WorkflowEventName = WorkflowEventName> = {
  id: string;
  event: N;
  /** Inngest's retries of a failed run (the in-process executor keeps its own schedule). */
  retries?: number;
  concurrency: JobConcurrency<WorkflowEvents[N]>[];
  run(payload: WorkflowEvents[N], ctx: JobContext): Promise<unknown>;
  /** Inngest gave up on a run (retries spent, timeout): leave a trace a person will see. */
  onFailure?(payload: WorkflowEvents[N], error: Error): Promise<void>;
};

/**
 * A job run on a schedule: by Inngest on `cron`, and without Inngest on every pass of the
 * in-process sweep (every 15 s). Each gives its own input: the sweep runs far more often.
 */
export type CronJob<I = unknown> = {
  id: string;
  cron: string;
  retries?: number;
  concurrency: JobConcurrency<never>[];
  cronInput: () => I;
  /** `olderThanSeconds`: how long lost work must have waited before the sweep re-drives it. */
  sweepInput: (olderThanSeconds: number) => I;
  run(input: I, ctx: JobContext): Promise<unknown>;
};

export type Job = { [N in WorkflowEventName]: EventJob<N> }[WorkflowEventName] | CronJob;

export const isCronJob = (job: Job): job is CronJob => "cron" in job;

export function defineEventJob<N extends WorkflowEventName>(job: EventJob<N>): EventJob<N> {
  return job;
}

export function defineCronJob<I>(job: CronJob<I>): CronJob<I> {
  return job;
}

/**
 * Thrown by a run to be run again at `at` (Inngest: RetryAfterError). In-process the event
 * is enqueued again at `at` under the id `retryId` (a fresh id, so it is not deduplicated).
 */
export class RetryAt extends Error {
  constructor(
    message: string,
    readonly at: Date,
    readonly retryId: string,
  ) {
    super(message);
    this.name = "RetryAt";
  }
}

/** Thrown by a run that must not be retried (Inngest: NonRetriableError; in-process: dropped). */
export class PermanentFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentFailure";
  }
}
