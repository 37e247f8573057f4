import { converge, fingerprintOf, invoiceRank, type ConvergeResult } from "@/lib/billing/converge";
import { fetchInvoice } from "@/lib/billing/fetch-stripe-object";
import type { InvoiceState } from "@/lib/billing/stripe-objects";
import type { InvoiceFailure } from "@/lib/billing/types";
import type { Tx } from "@/lib/customers/tx";
import type { Invoice } from "@/lib/generated/prisma/client";

type Stored = {
  stripeInvoiceId: string;
  stripeSubscriptionId: string | null;
  status: string;
  amountDue: number | null;
  amountPaid: number | null;
  currency: string | null;
  stripeCreatedAt: Date | null;
  nextPaymentAttempt: Date | null;
  paidAt: Date | null;
  failureCode: string | null;
};

function stored(s: InvoiceState | Invoice, failureCode: string | null): Stored {
  return {
    stripeInvoiceId: s.stripeInvoiceId,
    stripeSubscriptionId: s.stripeSubscriptionId,
    status: s.status,
    amountDue: s.amountDue,
    amountPaid: s.amountPaid,
    currency: s.currency,
    stripeCreatedAt: s.stripeCreatedAt,
    nextPaymentAttempt: s.nextPaymentAttempt,
    paidAt: s.paidAt,
    failureCode,
  };
}

/**
 * Applies an invoice's state unless we hold a newer one. The first failed attempt is kept
 * as the earliest failure ever reported (a minimum, so delivery order cannot change it):
 * the past-due grace period runs from it.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyInvoice(
  tx: Tx,
  customerId: string,
  incoming: InvoiceState,
  failure: InvoiceFailure | null,
  eventAt: Date,
): Promise<ConvergeResult> {
  const id = incoming.stripeInvoiceId;
  const row = await tx.invoice.findUnique({ where: { stripeInvoiceId: id } });
  const failedAt = failure ? eventAt : null;
  const firstFailedAt =
    row?.firstFailedAt && (!failedAt || row.firstFailedAt < failedAt)
      ? row.firstFailedAt
      : failedAt;

  const result = await converge<Stored>({
    stored: row && { state: stored(row, row.failureCode), at: row.stripeEventAt },
    incoming: stored(incoming, failure),
    eventAt,
    fingerprint: fingerprintOf,
    rank: (s) => invoiceRank(s.status),
    fetch: async () => {
      const fetched = await fetchInvoice(id);
      return fetched && stored(fetched, failure);
    },
    write: async (s, at) => {
      const data = { ...s, customerId, firstFailedAt, stripeEventAt: at };
      await tx.invoice.upsert({ where: { stripeInvoiceId: id }, create: data, update: data });
    },
  });
  if (
    (result === "stale" || result === "unchanged") &&
    row &&
    firstFailedAt !== row.firstFailedAt
  ) {
    await tx.invoice.update({ where: { id: row.id }, data: { firstFailedAt } });
    return "applied";
  }
  return result;
}
