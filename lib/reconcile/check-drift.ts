import { writeAudit } from "@/lib/audit/write-audit";
import { takeReadSeq } from "@/lib/billing/read-stripe-truth";
import { callStripe, isMissing, stripeClient } from "@/lib/integrations/stripe/client";
import { compareBilling, type Difference } from "@/lib/reconcile/compare-billing";
import {
  applySyntheticEvent,
  invoiceEventType,
  stripeTimeOf,
} from "@/lib/reconcile/synthetic-event";
import type { Db } from "@/lib/db";
import type { StripeSyncJob } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";

export type DriftOptions = {
  actor: string;
  repair?: boolean;
  pageSize?: number;
  now?: () => Date;
  /** The queued job row to run (lib/jobs/request-billing-sync.ts); without it, a new row. */
  jobId?: string;
};

type StripeState = { customer: unknown; subscriptions: unknown[]; invoices: unknown[] };

/** Stripe's current customer, subscriptions and newest invoices of one customer. */
async function stripeState(customerId: string): Promise<StripeState> {
  const stripe = stripeClient()!;
  let customer: unknown = null;
  try {
    customer = await callStripe(() => stripe.customers.retrieve(customerId));
  } catch (e) {
    if (!isMissing(e)) throw e;
  }
  const subs = customer
    ? await callStripe(() =>
        stripe.subscriptions.list({ customer: customerId, status: "all", limit: 100 }),
      )
    : { data: [] };
  const invoices = customer
    ? await callStripe(() => stripe.invoices.list({ customer: customerId, limit: 10 }))
    : { data: [] };
  return {
    customer,
    subscriptions: subs.data as unknown[],
    invoices: invoices.data as unknown[],
  };
}

/**
 * Compares our billing state with Stripe's for every customer with a Stripe id, records
 * the differences on a drift job, and (unless `repair` is false) repairs each differing
 * Stripe object by feeding Stripe's current state through the normal event path as a
 * synthetic ledger event `drift:<object>:<hash>`, with an audit row per repair.
 * Idempotent: safe to run any number of times (a repaired object no longer differs).
 */
export async function checkDrift(db: Db, opts: DriftOptions): Promise<StripeSyncJob> {
  if (!stripeClient()) {
    const error = "STRIPE_SECRET_KEY is not configured; cannot compare with Stripe";
    if (opts.jobId)
      await db.stripeSyncJob.update({
        where: { id: opts.jobId },
        data: { status: "failed", error },
      });
    throw new Error(error);
  }
  const now = opts.now ?? (() => new Date());
  const job = opts.jobId
    ? await startQueuedJob(db, opts.jobId)
    : await db.stripeSyncJob.create({ data: { kind: "drift" } });
  // A repeated delivery of a finished check: it already ran.
  if (job.status !== "running") return job;
  const report: Difference[] = [];
  let repaired = 0;
  let cursor: string | undefined;
  try {
    for (;;) {
      const page = await db.customer.findMany({
        where: { stripeCustomerId: { not: null } },
        include: { subscriptions: true, invoices: true },
        orderBy: { id: "asc" },
        take: opts.pageSize ?? 100,
        ...(cursor && { cursor: { id: cursor }, skip: 1 }),
      });
      if (page.length === 0) break;
      for (const ours of page) {
        const readSeq = await takeReadSeq(db);
        const theirs = await stripeState(ours.stripeCustomerId!);
        const diffs = compareBilling(ours, theirs.customer, theirs.subscriptions, theirs.invoices);
        report.push(...diffs);
        await db.customer.update({ where: { id: ours.id }, data: { lastSyncedAt: now() } });
        if (opts.repair === false) continue;
        repaired += await repair(db, ours.id, diffs, theirs, opts.actor, readSeq, job.id);
      }
      cursor = page.at(-1)!.id;
      await db.stripeSyncJob.update({
        where: { id: job.id },
        data: { cursor, processed: { increment: page.length }, report, repaired },
      });
    }
    return db.stripeSyncJob.update({
      where: { id: job.id },
      data: { status: "done", finishedAt: new Date(), report, repaired },
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.warn({ jobId: job.id, err: message }, "drift check failed");
    return db.stripeSyncJob.update({
      where: { id: job.id },
      data: { status: "failed", error: message.slice(0, 500), report, repaired },
    });
  }
}

/**
 * Marks a queued check running. A check already running is run again from the start (its
 * worker died; the comparison is idempotent); a finished one is returned as it is.
 */
async function startQueuedJob(db: Db, jobId: string): Promise<StripeSyncJob> {
  await db.stripeSyncJob.updateMany({
    where: { id: jobId, status: { in: ["queued", "running"] } },
    data: { status: "running", processed: 0, cursor: null },
  });
  return db.stripeSyncJob.findUniqueOrThrow({ where: { id: jobId } });
}

/** The event that carries Stripe's current state of one differing object. */
function repairEvent(
  id: string,
  theirs: StripeState,
): { type: string; object: { id: string } & Record<string, unknown> } {
  type Obj = { id: string } & Record<string, unknown>;
  if (id.startsWith("cus_")) {
    const object = theirs.customer as Obj;
    return { type: object.deleted ? "customer.deleted" : "customer.updated", object };
  }
  const find = (list: unknown[]) => list.find((o) => (o as Obj).id === id) as Obj | undefined;
  const invoice = find(theirs.invoices);
  if (invoice) return { type: invoiceEventType(invoice as { status?: unknown }), object: invoice };
  return { type: "customer.subscription.updated", object: find(theirs.subscriptions)! };
}

async function repair(
  db: Db,
  customerId: string,
  diffs: Difference[],
  theirs: StripeState,
  actor: string,
  readSeq: bigint,
  jobId: string,
): Promise<number> {
  const objects = new Set(diffs.filter((d) => d.repairable).map((d) => d.object));
  let count = 0;
  for (const id of objects) {
    const { type, object } = repairEvent(id, theirs);
    const applied = await applySyntheticEvent(db, {
      origin: "drift",
      type,
      object,
      created: stripeTimeOf(object),
      readSeq,
      correlationId: `drift-${jobId}`,
    });
    await db.$transaction((tx) =>
      writeAudit(tx, {
        actor,
        action: "billing.drift_repair",
        target: customerId,
        before: diffs.filter((d) => d.object === id),
        after: { ledgerEventId: applied.ledgerEventId, externalId: applied.externalId },
      }),
    );
    count++;
  }
  return count;
}
