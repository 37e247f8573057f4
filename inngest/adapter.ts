import { cron, eventType, NonRetriableError, RetryAfterError, staticSchema } from "inngest";
import { inngest } from "@/inngest/client";
import { dispatch } from "@/lib/jobs/dispatch";
import type { WorkflowEvent, WorkflowEvents } from "@/lib/workflow-events";
import {
  isCronJob,
  PermanentFailure,
  RetryAt,
  type CronJob,
  type EventJob,
  type Job,
  type JobContext,
} from "@/lib/jobs/job";

/** The job's own retry signals in Inngest's words. */
function toInngestError(e: unknown): unknown {
  if (e instanceof RetryAt) return new RetryAfterError(e.message, e.at);
  if (e instanceof PermanentFailure) return new NonRetriableError(e.message);
  return e;
}

type InngestStep = {
  run: (id: string, fn: () => Promise<unknown>) => Promise<unknown>;
  sendEvent: (id: string, events: WorkflowEvent[]) => Promise<unknown>;
};

/** A job's context under Inngest: memoized steps, follow-up events sent as a step. */
function contextOf(step: InngestStep): JobContext {
  return {
    step: (id, fn) =>
      step.run(id, () =>
        fn().catch((e) => {
          throw toInngestError(e);
        }),
      ) as never,
    sendEvents: async (id, events) => {
      await step.sendEvent(id, events);
    },
    dispatch,
  };
}

/** Concurrency in Inngest's form: a key is an expression over the event's data. */
function concurrencyOf(entries: { limit: number; key?: string }[]) {
  type Option = { limit: number; key?: string };
  const out: Option[] = entries.map((c) =>
    c.key ? { key: `event.data.${c.key}`, limit: c.limit } : { limit: c.limit },
  );
  // Inngest takes one option, or at most two.
  return out.length === 1 ? out[0] : (out as [Option, Option]);
}

const run = (promise: Promise<unknown>) =>
  promise.catch((e) => {
    throw toInngestError(e);
  });

function eventFunction(job: EventJob) {
  const onFailure = job.onFailure;
  return inngest.createFunction(
    {
      id: job.id,
      ...(job.retries !== undefined && { retries: job.retries as 0 }),
      triggers: [
        eventType(job.event, { schema: staticSchema<WorkflowEvents[typeof job.event]>() }),
      ],
      concurrency: concurrencyOf(job.concurrency),
      ...(onFailure && {
        onFailure: async ({
          event,
          error,
        }: {
          event: { data: { event: { data: never } } };
          error: Error;
        }) => onFailure(event.data.event.data, error),
      }),
    },
    async ({ event, step }) => run(job.run(event.data as never, contextOf(step as InngestStep))),
  );
}

function cronFunction(job: CronJob) {
  return inngest.createFunction(
    {
      id: job.id,
      ...(job.retries !== undefined && { retries: job.retries as 0 }),
      triggers: [cron(job.cron)],
      concurrency: concurrencyOf(job.concurrency),
    },
    async ({ step }) => run(job.run(job.cronInput(), contextOf(step as InngestStep))),
  );
}

/**
 * One registry job as an Inngest function: same id, trigger, retries and concurrency, so
 * Inngest's saved runs and deduplication carry over. The only place besides client.ts that
 * imports the Inngest SDK.
 */
export function toInngestFunction(job: Job) {
  return isCronJob(job) ? cronFunction(job) : eventFunction(job as EventJob);
}
