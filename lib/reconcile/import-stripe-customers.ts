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
 * Imports existing Stripe customers and subscriptions (for a business that installs this
 * with customers already), page by page through Stripe's list API. Progress and the cursor
 * are saved after every page, so a crash or a failure resumes where it stopped: calling
 * again continues the unfinished job. Everything goes through the ledger like webhooks.
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
    for (let page = 0; page < (opts.maxPages ?? Infinity); page++) {
      // Numbered before the reads: everything read below reflects at least this point.
      const readSeq = await takeReadSeq(db);
      const list = await callStripe(() =>
        stripe.customers.list({
          limit: opts.pageSize ?? 50,
          starting_after: job.cursor ?? undefined,
        }),
      );
      for (const customer of list.data)
        await importOne(db, stripe, customer, now(), job.id, readSeq);
      const last = list.data.at(-1);
      job = await db.stripeSyncJob.update({
        where: { id: job.id },
        data: {
          cursor: last?.id ?? job.cursor,
          processed: { increment: list.data.length },
          ...(!list.has_more && { status: "done", finishedAt: new Date() }),
        },
      });
      if (!list.has_more) return job;
    }
    return db.stripeSyncJob.update({ where: { id: job.id }, data: { status: "paused" } });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.warn({ jobId: job.id, err: message }, "stripe import stopped; call again to resume");
    return db.stripeSyncJob.update({
      where: { id: job.id },
      data: { status: "failed", error: message.slice(0, 500) },
    });
  }
}
