import { NonRetriableError, RetryAfterError } from "inngest";
import { inngest } from "@/inngest/client";
import { syncTaskCreated } from "@/inngest/events";
import { db } from "@/lib/db";
import { markTaskDead } from "@/lib/outbox/mark-task-dead";
import { workflows } from "@/lib/workflows/handlers";

/**
 * Runs one outbox task (event id = task id). A retryable failure is retried at the task's
 * own next attempt time (exponential backoff with jitter); a permanent one ends the run.
 * One customer's tasks run one at a time. When Inngest gives up, the task goes dead with
 * an exception for the exceptions queue.
 */
export const runSyncTaskFn = inngest.createFunction(
  {
    id: "run-sync-task",
    retries: 20,
    triggers: [syncTaskCreated],
    concurrency: [{ key: "event.data.customerId", limit: 1 }, { limit: 20 }],
    onFailure: async ({ event, error }) => {
      await markTaskDead(db, event.data.event.data.taskId, error.message);
    },
  },
  async ({ event, step }) =>
    step.run("run-sync-task", async () => {
      const outcome = await workflows.runSyncTask(event.data.taskId);
      if (outcome.kind === "retry")
        throw new RetryAfterError(outcome.error, new Date(outcome.nextAttemptAt));
      if (outcome.kind === "dead") throw new NonRetriableError(outcome.error);
      return outcome;
    }),
);
