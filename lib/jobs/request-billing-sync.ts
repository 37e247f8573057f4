import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";
import type { StripeSyncJob } from "@/lib/generated/prisma/client";
import { stripeClient } from "@/lib/integrations/stripe/client";
import { dispatch } from "@/lib/jobs/dispatch";
import type { WorkflowEvent } from "@/lib/workflow-events";
import { IN_PROGRESS_MS, OPEN_IMPORT_STATUSES } from "@/lib/reconcile/import-stripe-customers";

/** Hands the job's event on; if that fails the row says so, rather than waiting forever. */
async function handOff(db: Db, job: StripeSyncJob, event: WorkflowEvent): Promise<StripeSyncJob> {
  try {
    await dispatch(event);
    return job;
  } catch (e) {
    const message = `could not start: ${e instanceof Error ? e.message : String(e)}`;
    await db.stripeSyncJob.update({
      where: { id: job.id },
      data: { status: "failed", error: message.slice(0, 500) },
    });
    throw e;
  }
}

/**
 * Queues the Stripe import as a job (import-stripe-customers in lib/jobs/registry.ts): the
 * unfinished import is resumed, else a new one starts. Its row is `queued` at once, so the
 * billing-sync page shows it before it runs. An import already queued or running (and
 * saving progress) is returned as it is, without a second request. A start or resume is
 * audited (billing.import_start, signed by `actor`) in the same transaction as the row.
 * Idempotent: safe to call any number of times; one import runs at a time.
 */
export async function requestStripeImport(db: Db, actor: string): Promise<StripeSyncJob> {
  if (!stripeClient())
    throw new Error("STRIPE_SECRET_KEY is not configured; cannot import from Stripe");
  const open = await db.stripeSyncJob.findFirst({
    where: { kind: "import", status: { in: OPEN_IMPORT_STATUSES } },
    orderBy: { startedAt: "desc" },
  });
  const underWay =
    open &&
    (open.status === "queued" || open.status === "running") &&
    open.updatedAt.getTime() > Date.now() - IN_PROGRESS_MS;
  if (underWay) return open;
  const job = await db.$transaction(async (tx) => {
    const queued = open
      ? await tx.stripeSyncJob.update({
          where: { id: open.id },
          data: { status: "queued", error: null },
        })
      : await tx.stripeSyncJob.create({ data: { kind: "import", status: "queued" } });
    await writeAudit(tx, {
      actor,
      action: "billing.import_start",
      target: `sync_job:${queued.id}`,
      before: open ? { status: open.status, processed: open.processed } : undefined,
      after: { status: "queued", resumed: !!open },
    });
    return queued;
  });
  // A fresh event id per request: Inngest drops an id it has seen, and a resumed row keeps its id.
  return handOff(db, job, {
    name: "billing/import.requested",
    id: `${job.id}:${job.updatedAt.getTime()}`,
    data: { jobId: job.id },
  });
}

/**
 * Queues a drift check as a job (check-billing-drift-now in lib/jobs/registry.ts), signed
 * by `actor`; its row is `queued` at once and shows the progress and the report, and the
 * start is audited (billing.drift_check_start) in the same transaction. Each call is a new
 * check; a repeated delivery of its event runs it once (the row id is the event id).
 */
export async function requestDriftCheck(db: Db, actor: string): Promise<StripeSyncJob> {
  if (!stripeClient())
    throw new Error("STRIPE_SECRET_KEY is not configured; cannot compare with Stripe");
  const job = await db.$transaction(async (tx) => {
    const queued = await tx.stripeSyncJob.create({ data: { kind: "drift", status: "queued" } });
    await writeAudit(tx, {
      actor,
      action: "billing.drift_check_start",
      target: `sync_job:${queued.id}`,
      after: { status: "queued" },
    });
    return queued;
  });
  return handOff(db, job, {
    name: "billing/drift.requested",
    id: job.id,
    data: { jobId: job.id, actor },
  });
}
