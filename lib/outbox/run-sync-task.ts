import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { redactText } from "@/lib/redact";
import { emitAlertSignal } from "@/lib/outbox/alert-signal";
import { retryDelayMs } from "@/lib/outbox/backoff";
import {
  ConnectorError,
  type Connector,
  type ConnectorResult,
  type SyncAction,
  type SyncTarget,
} from "@/lib/integrations/connector/types";
import { loadCustomerSnapshot } from "@/lib/outbox/customer-snapshot";
import { markTaskDead } from "@/lib/outbox/mark-task-dead";
import { ConnectorRefusal, REFUSED_PREFIX } from "@/lib/integrations/connector/refusal";

/** The email send timeout when none is given (SYNC_EMAIL_TIMEOUT_MS's default). */
export const DEFAULT_EMAIL_TIMEOUT_MS = 45_000;

/**
 * Time over the longest call for a worker to record its result; with the default timeouts
 * (10 s calls, 45 s email) the lease is the 120 s it always was.
 */
export const SYNC_CLAIM_LEASE_MARGIN_SECONDS = 75;

/**
 * How long a running claim is its worker's: longer than any connector call may take (the
 * email send's timeout, which outlasts nodemailer's own) plus a margin. Only a claim older
 * than this belongs to a crashed worker and may be taken over; a shorter lease would let a
 * second worker send a slow email again while the first is still sending it.
 */
export function syncClaimLeaseSeconds(t: { timeoutMs: number; emailTimeoutMs?: number }): number {
  const longestMs = Math.max(t.timeoutMs, t.emailTimeoutMs ?? DEFAULT_EMAIL_TIMEOUT_MS);
  return Math.ceil(longestMs / 1000) + SYNC_CLAIM_LEASE_MARGIN_SECONDS;
}

export type SyncDeps = {
  connectors: Record<SyncTarget, Connector>;
  publicUrl: string;
  /** Timeout of one HTTP connector call. */
  timeoutMs: number;
  /**
   * Timeout of one email send. Longer than nodemailer's own socket timeouts, so a send is
   * never abandoned while the SMTP server may still accept it (that would send it twice).
   */
  emailTimeoutMs?: number;
  /** First retry delay (doubles per attempt); default 2 s. */
  backoffBaseMs?: number;
  /** The longest one retry waits; default 30 min. */
  backoffCapMs?: number;
  random?: () => number;
};

export type RunOutcome =
  | { kind: "succeeded"; externalRef: string | null }
  | { kind: "skipped"; reason: string }
  | { kind: "retry"; error: string; attempts: number; nextAttemptAt: string }
  | { kind: "dead"; error: string }
  | { kind: "not_claimed"; detail: string };

function withTimeout<T>(run: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ConnectorError(`timed out after ${ms} ms`, "retryable"));
    }, ms);
  });
  return Promise.race([run(controller.signal), timeout]).finally(() => clearTimeout(timer));
}

async function recordSuccess(db: Db, taskId: string, customerId: string, result: ConnectorResult) {
  const now = new Date();
  await db.syncTask.update({
    where: { id: taskId },
    data: {
      status: "succeeded",
      lastSuccessAt: now,
      lastError: null,
      claimedAt: null,
      externalRef: result.externalRef ?? null,
      result: { detail: result.detail ?? null },
    },
  });
  // updateMany: a customer merged away while the call ran must not turn a done task into a retry.
  await db.customer.updateMany({ where: { id: customerId }, data: { lastSyncedAt: now } });
  for (const [field, value] of Object.entries(result.identity ?? {})) {
    if (!value) continue;
    // Learn the other system's id unless another record already holds it (merges handle that).
    await db.customer
      .updateMany({ where: { id: customerId, [field]: null }, data: { [field]: value } })
      .catch((e) => log.warn({ customerId, field, err: String(e) }, "could not store external id"));
  }
}

/**
 * Performs one outbox task through its connector, with a timeout, and records the result:
 * succeeded; skipped (connector not configured); failed with the next attempt time
 * (exponential backoff with jitter); or dead with an exception. Idempotent: safe to run
 * any number of times for the same task — only a due `pending`/`failed` task (or an
 * abandoned `running` claim) is executed.
 */
export async function runSyncTask(db: Db, taskId: string, deps: SyncDeps): Promise<RunOutcome> {
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "SyncTask"
       SET "status" = 'running', "attempts" = "attempts" + 1, "claimedAt" = now(), "updatedAt" = now()
     WHERE "id" = ${taskId}
       AND (("status" IN ('pending', 'failed') AND "nextAttemptAt" <= now() + interval '500 milliseconds')
            OR ("status" = 'running' AND "claimedAt" < now() - make_interval(secs => ${syncClaimLeaseSeconds(deps)})))
    RETURNING "id"`;
  if (claimed.length === 0) {
    const t = await db.syncTask.findUnique({
      where: { id: taskId },
      select: { status: true, nextAttemptAt: true },
    });
    return { kind: "not_claimed", detail: t ? `task is ${t.status}` : "task not found" };
  }
  const task = await db.syncTask.findUniqueOrThrow({ where: { id: taskId } });
  const logger = log.child({ correlationId: task.correlationId, taskId, action: task.action });
  const connector = deps.connectors[task.target];

  const notConfigured = connector.notConfiguredReason();
  if (notConfigured) {
    await db.syncTask.update({
      where: { id: taskId },
      data: { status: "skipped", lastError: `not connected: ${notConfigured}`, claimedAt: null },
    });
    return { kind: "skipped", reason: notConfigured };
  }
  const customer = await loadCustomerSnapshot(db, task.customerId, deps.publicUrl);
  if (!customer) {
    await db.syncTask.update({
      where: { id: taskId },
      data: { status: "skipped", lastError: "customer no longer exists", claimedAt: null },
    });
    return { kind: "skipped", reason: "customer no longer exists" };
  }

  try {
    const input = {
      id: task.id,
      action: task.action as SyncAction,
      idempotencyKey: task.idempotencyKey,
      payload: task.payload as never,
      correlationId: task.correlationId,
      attempt: task.attempts,
    };
    const timeoutMs =
      task.target === "email" ? (deps.emailTimeoutMs ?? DEFAULT_EMAIL_TIMEOUT_MS) : deps.timeoutMs;
    const result = await withTimeout(
      (signal) => connector.perform(input, customer, signal),
      timeoutMs,
    );
    await recordSuccess(db, task.id, task.customerId, result);
    logger.info({ attempts: task.attempts }, "sync task succeeded");
    return { kind: "succeeded", externalRef: result.externalRef ?? null };
  } catch (e) {
    const error = redactText(e instanceof Error ? e.message : String(e)).slice(0, 2000);
    if (e instanceof ConnectorRefusal) {
      // The customer's state moved on (e.g. no welcome email while access is not active):
      // nothing was sent and nothing needs a person. Planned again later, it is re-armed.
      await db.syncTask.update({
        where: { id: task.id },
        data: { status: "skipped", lastError: `${REFUSED_PREFIX}${error}`, claimedAt: null },
      });
      return { kind: "skipped", reason: error };
    }
    const retryable = !(e instanceof ConnectorError) || e.kind === "retryable";
    if (!retryable || task.attempts >= task.maxAttempts) {
      await markTaskDead(
        db,
        task.id,
        retryable ? `gave up after ${task.attempts} attempts: ${error}` : error,
      );
      return { kind: "dead", error };
    }
    const delay = retryDelayMs(task.attempts, {
      retryAfterMs: e instanceof ConnectorError ? e.retryAfterMs : undefined,
      random: deps.random,
      baseMs: deps.backoffBaseMs,
      capMs: deps.backoffCapMs,
    });
    const nextAttemptAt = new Date(Date.now() + delay);
    await db.syncTask.update({
      where: { id: task.id },
      data: { status: "failed", lastError: error, nextAttemptAt, claimedAt: null },
    });
    logger.warn(
      { attempts: task.attempts, retryInMs: delay, err: error },
      "sync task failed; will retry",
    );
    emitAlertSignal({
      kind: "sync_task_retrying",
      taskId: task.id,
      action: task.action,
      attempts: task.attempts,
      error,
    });
    return {
      kind: "retry",
      error,
      attempts: task.attempts,
      nextAttemptAt: nextAttemptAt.toISOString(),
    };
  }
}
