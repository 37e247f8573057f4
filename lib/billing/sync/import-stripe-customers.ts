import type Stripe from "stripe";
import { callStripe, stripeClient } from "@/lib/billing/stripe-client";
import { applySyntheticEvent } from "@/lib/billing/sync/synthetic-event";
import type { Db } from "@/lib/db";
import type { StripeSyncJob } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";

export type ImportOptions = { pageSize?: number; maxPages?: number; now?: () => Date };

function invoiceEventType(invoice: Stripe.Invoice): string | null {
  if (invoice.status === "paid") return "invoice.paid";
  if (invoice.status === "open" && (invoice.attempt_count ?? 0) > 0)
    return "invoice.payment_failed";
  if (invoice.status === "uncollectible") return "invoice.marked_uncollectible";
  return null;
}

/** Imports one Stripe customer with all its subscriptions and its latest invoice. */
async function importOne(
  db: Db,
  stripe: Stripe,
  customer: Stripe.Customer,
  now: Date,
  jobId: string,
) {
  const apply = (type: string, object: { id: string }) =>
    applySyntheticEvent(db, {
      origin: "import",
      type,
      object,
      now,
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
    const type = invoiceEventType(invoice);
    if (type && invoice.id) await apply(type, { ...invoice, id: invoice.id });
  }
  await db.customer.updateMany({
    where: { stripeCustomerId: customer.id },
    data: { lastSyncedAt: now },
  });
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
  let job =
    (await db.stripeSyncJob.findFirst({
      where: { kind: "import", status: { in: ["running", "failed"] } },
      orderBy: { startedAt: "desc" },
    })) ?? (await db.stripeSyncJob.create({ data: { kind: "import" } }));
  job = await db.stripeSyncJob.update({
    where: { id: job.id },
    data: { status: "running", error: null },
  });

  try {
    for (let page = 0; page < (opts.maxPages ?? Infinity); page++) {
      const list = await callStripe(() =>
        stripe.customers.list({
          limit: opts.pageSize ?? 50,
          starting_after: job.cursor ?? undefined,
        }),
      );
      for (const customer of list.data) await importOne(db, stripe, customer, now(), job.id);
      const last = list.data.at(-1);
      job = await db.stripeSyncJob.update({
        where: { id: job.id },
        data: {
          cursor: last?.id ?? job.cursor,
          processed: { increment: list.data.length },
          ...(!list.has_more && { status: "done", finishedAt: new Date() }),
        },
      });
      if (!list.has_more) break;
    }
    return job;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.warn({ jobId: job.id, err: message }, "stripe import stopped; call again to resume");
    return db.stripeSyncJob.update({
      where: { id: job.id },
      data: { status: "failed", error: message.slice(0, 500) },
    });
  }
}
