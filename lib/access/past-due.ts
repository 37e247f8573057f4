import type { AccessDecision, AccessInput, InvoiceFacts } from "@/lib/access/facts";
import * as R from "@/lib/access/reasons";
import { addDays } from "@/lib/format";

const t = (d: Date | null | undefined) => d?.getTime() ?? 0;

/** Unpaid invoices with a failed attempt: open or uncollectible, oldest failure first. */
export function failedUnpaid(invoices: InvoiceFacts[]): InvoiceFacts[] {
  return invoices
    .filter((i) => (i.status === "open" || i.status === "uncollectible") && i.firstFailedAt)
    .sort((a, b) => t(a.firstFailedAt) - t(b.firstFailedAt) || a.id.localeCompare(b.id));
}

/**
 * Failed invoices Stripe is still collecting (open). An uncollectible invoice was written
 * off — by the merchant, or by Stripe at the end of its retries — and a void one no longer
 * exists to be paid: neither holds back a subscription Stripe calls active.
 */
export function stillCollecting(invoices: InvoiceFacts[]): InvoiceFacts[] {
  return failedUnpaid(invoices).filter((i) => i.status === "open");
}

/** Whether the person ever actually paid: a paid invoice that collected money. */
export function everPaid(invoices: InvoiceFacts[]): boolean {
  return invoices.some((i) => i.status === "paid" && (i.amountPaid ?? i.amountDue ?? 0) > 0);
}

/** Past due within the grace period from the first failed payment, blocked after it. */
export function pastDue(input: AccessInput, fallbackSince: Date): AccessDecision {
  const failed = failedUnpaid(input.invoices);
  const first = failed[0] ?? null;
  const since = first?.firstFailedAt ?? fallbackSince;
  const graceEnd = addDays(since, input.config.pastDueGraceDays);
  if (input.now < graceEnd) {
    const latest = failed[failed.length - 1] ?? null;
    return {
      status: "past_due",
      reasons: [R.paymentFailedReason(latest, since, graceEnd)],
      reevaluateAt: graceEnd,
    };
  }
  return {
    status: "blocked",
    reasons: [R.graceExpiredReason(first, since, graceEnd)],
    reevaluateAt: null,
  };
}
