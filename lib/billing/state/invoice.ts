import type { Tx } from "@/lib/db";
import {
  converge,
  fingerprintOf,
  invoiceRank,
  type ConvergeResult,
  type Provenance,
} from "@/lib/billing/converge";
import type { InvoiceState } from "@/lib/integrations/stripe/objects";
import type { InvoiceFailure } from "@/lib/billing/types";
import type { Invoice } from "@/lib/generated/prisma/client";

type Stored = Omit<InvoiceState, "stripeCustomerId" | "email" | "name">;

function stored(s: InvoiceState | Invoice): Stored {
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
  };
}

/**
 * Applies an invoice's state (read from Stripe, or from an event payload) unless we hold a
 * newer one (see converge.ts). Failed attempts are recorded separately (recordInvoiceFailure).
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyInvoice(
  tx: Tx,
  customerId: string,
  incoming: InvoiceState,
  from: Provenance,
  /** The stored row when the caller read it already in this transaction (undefined: read it here). */
  known?: Invoice | null,
): Promise<ConvergeResult> {
  const id = incoming.stripeInvoiceId;
  const row =
    known !== undefined ? known : await tx.invoice.findUnique({ where: { stripeInvoiceId: id } });
  return converge<Stored>({
    stored: row && { state: stored(row), at: row.stripeEventAt, readSeq: row.readSeq },
    incoming: stored(incoming),
    from,
    fingerprint: fingerprintOf,
    rank: (s) => invoiceRank(s.status),
    write: async (s, at, readSeq) => {
      const data = { ...s, customerId, stripeEventAt: at, readSeq };
      await tx.invoice.upsert({ where: { stripeInvoiceId: id }, create: data, update: data });
    },
  });
}

/**
 * Records a failed payment attempt reported at `at` (Stripe's time of the failure event).
 * The first failure is the earliest ever reported — a minimum, so neither delivery order
 * nor duplicates change it — and the past-due grace period runs from it. Whether the
 * failure still matters is decided by the invoice's status (a paid or void invoice no
 * longer counts).
 * Idempotent: safe to run any number of times for the same event.
 */
export async function recordInvoiceFailure(
  tx: Tx,
  stripeInvoiceId: string,
  code: InvoiceFailure,
  at: Date,
): Promise<ConvergeResult> {
  const row = await tx.invoice.findUnique({
    where: { stripeInvoiceId },
    select: { id: true, firstFailedAt: true },
  });
  if (!row || (row.firstFailedAt && row.firstFailedAt <= at)) return "unchanged";
  await tx.invoice.update({
    where: { id: row.id },
    data: { firstFailedAt: at, failureCode: code },
  });
  return "applied";
}
