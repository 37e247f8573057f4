import type Stripe from "stripe";
import { callStripe, stripeClient } from "@/lib/integrations/stripe/client";
import { takeReadSeq } from "@/lib/billing/read-stripe-truth";
import {
  applySyntheticEvent,
  invoiceEventType,
  stripeTimeOf,
} from "@/lib/reconcile/synthetic-event";
import type { Db } from "@/lib/db";
import type { StripeSyncJob } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";

/** `maxPages` stops early, leaving the job `paused` for the next call (tests, batching). */
export type ImportOptions = { pageSize?: number; maxPages?: number; now?: () => Date };

/** Imports one Stripe customer with all its subscriptions and its latest invoice. */
async function importOne(
  db: Db,
  stripe: Stripe,
  customer: Stripe.Customer,
  now: Date,
  jobId: string,
  readSeq: bigint,
) {
  const apply = (type: string, object: { id: string }) =>
    applySyntheticEvent(db, {
      origin: "import",
      type,
      object,
      created: stripeTimeOf(object as unknown as Record<string, unknown>),
      readSeq,
      correlationId: `import-${jobId}`,
    });
  await apply("customer.updated", customer);
  const subs = await callStripe(() =>
    stripe.subscriptions.list({ customer: customer.id, status: "all", limit: 100 }),
  );
  for (const sub of subs.data) await apply("customer.subscription.updated", sub);
  const invoices = await callStripe(() =>
    stripe.invoices.list({ customer: customer.id, limit: 1 }),
  );
  for (const invoice of invoices.data) {
    if (invoice.status !== "draft" && invoice.id)
      await apply(invoiceEventType(invoice), { ...invoice, id: invoice.id });
  }
  await db.customer.updateMany({
    where: { stripeCustomerId: customer.id },
    data: { lastSyncedAt: now },
  });
}

/** A running job that saved progress this recently is in progress: do not start it twice. */
export const IN_PROGRESS_MS = 120_000;

/** Import rows not finished: queued (requested, not started yet), running, paused, failed. */
export const OPEN_IMPORT_STATUSES = ["queued", "running", "paused", "failed"];

/**
 * Takes over the unfinished import (queued, paused, failed, or running but silent), or
 * starts one.
 */
async function claimImportJob(db: Db): Promise<{ job: StripeSyncJob; alreadyRunning: boolean }> {
  const open = await db.stripeSyncJob.findFirst({
    where: { kind: "import", status: { in: OPEN_IMPORT_STATUSES } },
    orderBy: { startedAt: "desc" },
  });
  if (!open) {
    const job = await db.stripeSyncJob.create({ data: { kind: "import" } });
    return { job, alreadyRunning: false };
  }
  const claimed = await db.stripeSyncJob.updateMany({
    where: {
      id: open.id,
      OR: [
        { status: { in: ["queued", "paused", "failed"] } },
        { status: "running", updatedAt: { lt: new Date(Date.now() - IN_PROGRESS_MS) } },
      ],
    },
    data: { status: "running", error: null },
  });
  const job = await db.stripeSyncJob.findUniqueOrThrow({ where: { id: open.id } });
  return { job, alreadyRunning: claimed.count === 0 };
}

/**
 * How many customers Stripe has, for "x of ~y": the list API has no count, the search API
 * does (`total_count`, when expanded). Search is eventually consistent and not offered
 * everywhere, so this is an estimate, and without it the import runs all the same.
 */
async function estimateTotal(stripe: Stripe, jobId: string): Promise<number | null> {
  try {
    const found = await callStripe(() =>
      stripe.customers.search({ query: "created>0", limit: 1, expand: ["total_count"] }),
    );
    return found.total_count ?? null;
  } catch (e) {
    log.info(
      { jobId, err: String(e) },
      "stripe import: no customer count; progress without a total",
    );
    return null;
  }
}

/**
 * Imports existing Stripe customers and subscriptions (for a business that installs this
 * with customers already), page by page through Stripe's list API. The cursor (the last
 * customer imported) and the count are saved after every customer, so a crash, a restart
 * or a failure resumes right after it: calling again continues the unfinished job, and the
 * resume sweep (lib/jobs/redrive.ts) calls again for an import abandoned by a dead process.
 * Everything goes through the ledger like webhooks.
 * Idempotent: safe to run any number of times (an unchanged object is one ledger row).
 */
export async function importStripeCustomers(
  db: Db,
  opts: ImportOptions = {},
): Promise<StripeSyncJob> {
  const stripe = stripeClient();
  if (!stripe) throw new Error("STRIPE_SECRET_KEY is not configured; cannot import from Stripe");
  const now = opts.now ?? (() => new Date());
  const claim = await claimImportJob(db);
  if (claim.alreadyRunning) return claim.job;
  let job = claim.job;

  try {
    if (job.total === null) {
      const total = await estimateTotal(stripe, job.id);
      if (total !== null)
        job = await db.stripeSyncJob.update({ where: { id: job.id }, data: { total } });
    }
    for (let page = 0; page < (opts.maxPages ?? Infinity); page++) {
      // Numbered before the reads: everything read below reflects at least this point.
      const readSeq = await takeReadSeq(db);
      const list = await callStripe(() =>
        stripe.customers.list({
          limit: opts.pageSize ?? 50,
          starting_after: job.cursor ?? undefined,
        }),
      );
      for (const customer of list.data) {
        await importOne(db, stripe, customer, now(), job.id, readSeq);
        // Saved per customer (one UPDATE by key, next to two Stripe calls and the ledger
        // writes of each), so a resume never imports a customer a second time.
        job = await db.stripeSyncJob.update({
          where: { id: job.id },
          data: { cursor: customer.id, processed: { increment: 1 } },
        });
      }
      if (!list.has_more)
        return await db.stripeSyncJob.update({
          where: { id: job.id },
          data: { status: "done", finishedAt: new Date() },
        });
    }
    return await db.stripeSyncJob.update({ where: { id: job.id }, data: { status: "paused" } });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.warn({ jobId: job.id, err: message }, "stripe import stopped; call again to resume");
    return db.stripeSyncJob.update({
      where: { id: job.id },
      data: { status: "failed", error: message.slice(0, 500) },
    });
  }
}

/**
 * The import a dead process left behind: `running` with no progress saved for
 * IN_PROGRESS_MS, or `queued` for longer than `queuedGraceMs` (its hand-off was lost with
 * the process). Failed imports wait for a person (the billing-sync page shows why).
 */
export async function findAbandonedImport(
  db: Db,
  opts: { queuedGraceMs: number; now?: Date },
): Promise<StripeSyncJob | null> {
  const now = (opts.now ?? new Date()).getTime();
  return db.stripeSyncJob.findFirst({
    where: {
      kind: "import",
      OR: [
        { status: "running", updatedAt: { lt: new Date(now - IN_PROGRESS_MS) } },
        { status: "queued", updatedAt: { lt: new Date(now - opts.queuedGraceMs) } },
      ],
    },
    orderBy: { startedAt: "desc" },
  });
}
