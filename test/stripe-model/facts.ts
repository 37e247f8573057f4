import {
  chargeState,
  disputeState,
  invoiceState,
  subscriptionState,
} from "@/lib/integrations/stripe/objects";
import type { AccessInput, InvoiceFacts } from "@/lib/access/facts";
import { computeAccess } from "@/lib/access/policy";
import { policyConfig, summarizeBilling } from "@/lib/customers/recompute-access";
import type { Invoice, Subscription } from "@/lib/generated/prisma/client";
import type { ObjectsView } from "./views";

/**
 * The access policy applied to a view of Stripe (views.ts): Stripe's objects go through the
 * same mappers the engine uses (lib/integrations/stripe/objects.ts); what only the history knows
 * — when an invoice's first payment failed, when a charge was refunded — comes from the
 * model. The result is what billing status, access and reasons must be.
 */
const date = (s: number | null | undefined) => (typeof s === "number" ? new Date(s * 1000) : null);

function invoiceFacts(view: ObjectsView): InvoiceFacts[] {
  const facts: InvoiceFacts[] = [];
  for (const raw of view.invoices) {
    const i = invoiceState(raw)!;
    const failed = date(view.slot.firstFailedAt[i.stripeInvoiceId]);
    facts.push({
      id: i.stripeInvoiceId,
      status: i.status,
      amountDue: i.amountDue,
      amountPaid: i.amountPaid,
      currency: i.currency,
      stripeCreatedAt: i.stripeCreatedAt,
      firstFailedAt: failed,
      failureCode: failed ? "payment_failed" : null,
      nextPaymentAttempt: i.nextPaymentAttempt,
      paidAt: i.paidAt,
    });
  }
  // A paid one-off (payment-mode) Checkout counts as a paid invoice: the engine's documented
  // convention (lib/billing/checkout.ts), keyed by the session.
  for (const s of view.sessions) {
    if (s.mode !== "payment" || s.payment_status !== "paid") continue;
    const paidAt = date(view.eventAt.get(String(s.id)));
    facts.push({
      id: typeof s.invoice === "string" ? s.invoice : `checkout:${String(s.id)}`,
      status: "paid",
      amountDue: Number(s.amount_total),
      amountPaid: Number(s.amount_total),
      currency: String(s.currency),
      stripeCreatedAt: paidAt,
      firstFailedAt: null,
      failureCode: null,
      nextPaymentAttempt: null,
      paidAt,
    });
  }
  return facts;
}

/** Everything the access policy looks at, built from the view, judged at `now` (host clock). */
export function accessInputOf(view: ObjectsView, now: Date): AccessInput {
  const firstSeenAt = date(view.slot.created) ?? now;
  return {
    now,
    config: policyConfig(),
    firstSeenAt,
    subscriptions: view.subscriptions.map((raw) => {
      const s = subscriptionState(raw)!;
      return {
        ...s,
        id: s.stripeSubscriptionId,
        statusSince: date(view.eventAt.get(s.stripeSubscriptionId)),
      };
    }),
    invoices: invoiceFacts(view),
    // Only money that moved: failed and still-pending charges took nothing.
    charges: view.charges
      .filter((raw) => raw.status === "succeeded")
      .map((raw) => {
        const c = chargeState(raw)!;
        const refundedAt = view.slot.refundedAt[c.stripeChargeId] ?? Number(raw.created);
        return { ...c, id: c.stripeChargeId, refundedAt: date(refundedAt)! };
      }),
    disputes: view.disputes.map((raw) => {
      const d = disputeState(raw)!;
      return { ...d, id: d.stripeDisputeId };
    }),
    identity: { status: "none", since: null },
    overrides: [],
    stripeDeletedAt: null,
  };
}

export type Expected = { billingStatus: string; access: string; reasons: string[] };

/** Billing status (the engine's documented summary), access and reason codes for a view. */
export function expectedFor(view: ObjectsView, now: Date): Expected {
  const input = accessInputOf(view, now);
  const decision = computeAccess(input);
  const subs = input.subscriptions.map((s) => ({ status: s.status }));
  const invoices = input.invoices.map((i) => ({
    status: i.status,
    firstFailedAt: i.firstFailedAt,
  }));
  const billingStatus = summarizeBilling(
    subs as unknown as Subscription[],
    invoices as unknown as Invoice[],
  );
  return { billingStatus, access: decision.status, reasons: decision.reasons.map((r) => r.code) };
}
