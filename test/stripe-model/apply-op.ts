import { advanceTo } from "./automation";
import type { StripeModel } from "./model";
import {
  closeDispute,
  openDispute,
  openDisputes,
  refund,
  refundableCharges,
  submitEvidence,
} from "./ops-money";
import {
  checkoutPayment,
  checkoutSetup,
  checkoutSubscription,
  signupIncomplete,
} from "./ops-signup";
import {
  cancelAtPeriodEnd,
  cardFails,
  cardFixed,
  endSubscription,
  failedUnpaidInvoices,
  liveSubscription,
  markUncollectible,
  payNow,
  resume,
  subscriptionOf,
  undoCancel,
  voidInvoice,
} from "./ops-subscription";
import type { CustomerSlot, Obj } from "./types";

/** The operations customers and the merchant perform, and which are valid when. */
export const SIGNUPS = [
  "checkout-paid",
  "checkout-trial",
  "checkout-trial-nopm",
  "signup-incomplete",
  "checkout-setup",
  "checkout-payment",
  "checkout-payment-async-ok",
  "checkout-payment-async-fail",
] as const;
export const ACTIONS = [
  "card-fails",
  "card-fixed",
  "pay-now",
  "cancel-at-period-end",
  "undo-cancel",
  "cancel-now",
  "void-invoice",
  "mark-uncollectible",
  "resume",
  "refund-full",
  "refund-partial",
  "dispute-open",
  "dispute-evidence",
  "dispute-won",
  "dispute-lost",
  /** Nothing: only time passes (Stripe's scheduled work runs). */
  "wait",
] as const;
export type OpKind = (typeof SIGNUPS)[number] | (typeof ACTIONS)[number];
/** One step of a scenario: after `gap` seconds of Stripe's clock, customer `c` does `kind`. */
export type Op = { c: number; gap: number; kind: OpKind };

/** The invoice a void or mark-uncollectible would target: the latest one of a subscription in arrears. */
function arrearsInvoice(m: StripeModel, sub: Obj | null, statuses: string[]): Obj | null {
  if (!sub || !statuses.includes(String(sub.status)) || !sub.latest_invoice) return null;
  const inv = m.get("invoices", String(sub.latest_invoice));
  if (inv.status !== "open" || Number(inv.attempt_count) === 0) return null;
  const paidBefore = m
    .list("invoices")
    .some((i) => subscriptionOf(i) === sub.id && i.status === "paid" && i.id !== inv.id);
  return paidBefore ? inv : null;
}

/** What `kind` would act on now for this customer, or null when it is not valid now. */
export function targetOf(
  m: StripeModel,
  slot: CustomerSlot,
  kind: OpKind,
): string | null | undefined {
  const sub = liveSubscription(m, slot);
  const dispute = openDisputes(m, slot).at(-1);
  const ok = (cond: boolean) => (cond ? undefined : null);
  switch (kind) {
    case "checkout-setup":
    case "checkout-payment":
    case "checkout-payment-async-ok":
    case "checkout-payment-async-fail":
    case "wait":
      return undefined;
    case "card-fails":
      return ok(slot.cardOk && slot.paymentMethod !== null && sub !== null);
    case "card-fixed":
      return ok(!slot.cardOk && slot.created !== null);
    case "pay-now":
      return (failedUnpaidInvoices(m, slot).at(-1)?.id as string | undefined) ?? null;
    case "cancel-at-period-end":
      return sub &&
        ["active", "trialing", "past_due"].includes(String(sub.status)) &&
        !sub.cancel_at_period_end
        ? String(sub.id)
        : null;
    case "undo-cancel":
      return sub?.cancel_at_period_end ? String(sub.id) : null;
    case "cancel-now":
      return sub ? String(sub.id) : null;
    case "void-invoice":
      return (arrearsInvoice(m, sub, ["past_due", "unpaid"])?.id as string | undefined) ?? null;
    case "mark-uncollectible":
      return (arrearsInvoice(m, sub, ["past_due"])?.id as string | undefined) ?? null;
    case "resume":
      return sub?.status === "paused" ? String(sub.id) : null;
    case "refund-full":
    case "refund-partial":
    case "dispute-open":
      return (refundableCharges(m, slot).at(-1)?.id as string | undefined) ?? null;
    case "dispute-evidence":
      return dispute?.status === "needs_response" ? String(dispute.id) : null;
    case "dispute-won":
    case "dispute-lost":
      return dispute ? String(dispute.id) : null;
    default:
      // Subscription signups: one subscription at a time.
      return ok(sub === null);
  }
}

/**
 * Applies one operation: Stripe's clock moves on by `op.gap` (running what Stripe does on
 * its own meanwhile), then the customer or merchant acts. Throws if the action is not valid
 * now: scenarios only contain valid operations.
 */
export function applyOp(m: StripeModel, op: Op, index: number): void {
  m.opIndex = index;
  advanceTo(m, m.now + op.gap);
  const slot = m.slots[op.c];
  const target = targetOf(m, slot, op.kind);
  if (target === null)
    throw new Error(`operation #${index} ${op.kind} is not valid for c${op.c} now`);
  const t = target ?? "";
  switch (op.kind) {
    case "checkout-paid":
      return checkoutSubscription(m, slot, "paid");
    case "checkout-trial":
      return checkoutSubscription(m, slot, "trial");
    case "checkout-trial-nopm":
      return checkoutSubscription(m, slot, "trial-nopm");
    case "signup-incomplete":
      return signupIncomplete(m, slot);
    case "checkout-setup":
      return checkoutSetup(m, slot);
    case "checkout-payment":
      return checkoutPayment(m, slot, null);
    case "checkout-payment-async-ok":
      return checkoutPayment(m, slot, "ok");
    case "checkout-payment-async-fail":
      return checkoutPayment(m, slot, "fail");
    case "card-fails":
      return cardFails(slot);
    case "card-fixed":
      return cardFixed(m, slot);
    case "pay-now":
      return payNow(m, slot, t);
    case "cancel-at-period-end":
      return cancelAtPeriodEnd(m, t);
    case "undo-cancel":
      return undoCancel(m, t);
    case "cancel-now":
      return endSubscription(m, t, "cancellation_requested");
    case "void-invoice":
      return voidInvoice(m, t);
    case "mark-uncollectible":
      return markUncollectible(m, t);
    case "resume":
      return resume(m, slot, t);
    case "refund-full":
    case "refund-partial":
      return refund(m, slot, t, op.kind === "refund-full");
    case "dispute-open":
      return openDispute(m, t);
    case "dispute-evidence":
      return submitEvidence(m, t);
    case "dispute-won":
    case "dispute-lost":
      return closeDispute(m, t, op.kind === "dispute-won");
    case "wait":
      return;
  }
}
