import {
  customerProfile,
  invoiceState,
  subscriptionState,
  type InvoiceState,
  type SubscriptionState,
} from "@/lib/integrations/stripe/objects";
import { normalizeEmail } from "@/lib/customers/normalize-email";
import type { Customer, Invoice, Subscription } from "@/lib/generated/prisma/client";

export type Difference = {
  customerId: string;
  /** The Stripe object that differs (cus_…, sub_…, in_…). */
  object: string;
  field: string;
  ours: string | null;
  stripe: string | null;
  /** Whether feeding Stripe's object through the event path repairs it. */
  repairable: boolean;
};

const text = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v);

const SUB_FIELDS = [
  "status",
  "priceId",
  "currentPeriodEnd",
  "cancelAtPeriodEnd",
  "trialEnd",
] as const;

const INVOICE_FIELDS = ["status", "amountDue", "amountPaid"] as const;

/** Lists every difference between our billing state of one customer and Stripe's. Pure. */
export function compareBilling(
  ours: Customer & { subscriptions: Subscription[]; invoices?: Invoice[] },
  stripeCustomer: unknown,
  stripeSubscriptions: unknown[],
  stripeInvoices: unknown[] = [],
): Difference[] {
  const diffs: Difference[] = [];
  const add = (object: string, field: string, a: unknown, b: unknown, repairable = true) => {
    if (text(a) !== text(b)) {
      diffs.push({
        customerId: ours.id,
        object,
        field,
        ours: text(a),
        stripe: text(b),
        repairable,
      });
    }
  };
  const profile = customerProfile(stripeCustomer);
  const object = ours.stripeCustomerId ?? "?";
  if (!profile) {
    add(object, "exists", true, false, false);
    return diffs;
  }
  add(object, "deleted", ours.stripeDeletedAt !== null, profile.deleted);
  if (!profile.deleted)
    add(object, "email", ours.email, normalizeEmail(profile.email) ?? ours.email);

  const theirs = new Map<string, SubscriptionState>();
  for (const raw of stripeSubscriptions) {
    const s = subscriptionState(raw);
    if (s) theirs.set(s.stripeSubscriptionId, s);
  }
  for (const [id, s] of theirs) {
    const mine = ours.subscriptions.find((m) => m.stripeSubscriptionId === id);
    if (!mine) {
      add(id, "exists", false, true);
      continue;
    }
    for (const f of SUB_FIELDS) add(id, f, mine[f], s[f]);
  }
  for (const mine of ours.subscriptions) {
    if (!theirs.has(mine.stripeSubscriptionId))
      add(mine.stripeSubscriptionId, "exists", true, false, false);
  }
  // Stripe lists the newest invoices (one page): compare those. Drafts change until they are
  // finalized and decide nothing, so they are left alone.
  const invoices = stripeInvoices
    .map(invoiceState)
    .filter((i): i is InvoiceState => i !== null && i.status !== "draft");
  for (const theirs of invoices) {
    const mine = ours.invoices?.find((m) => m.stripeInvoiceId === theirs.stripeInvoiceId);
    if (!mine) {
      add(theirs.stripeInvoiceId, "exists", false, true);
      continue;
    }
    for (const f of INVOICE_FIELDS) add(theirs.stripeInvoiceId, f, mine[f], theirs[f]);
  }
  return diffs;
}
