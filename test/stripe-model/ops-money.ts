import type { StripeModel } from "./model";
import { disputeObject, refundObject } from "./objects-payments";
import type { CustomerSlot, Obj } from "./types";

/**
 * Money moving back: refunds and disputes on a succeeded charge. A refund emits
 * refund.created and charge.refunded (the charge with its new amount_refunded); a dispute
 * goes needs_response → under_review (evidence submitted) → won | lost, with
 * charge.dispute.created/updated/closed and the funds_withdrawn/funds_reinstated events
 * (docs.stripe.com/disputes/how-disputes-work).
 */
export const PARTIAL_REFUND = 1000;

/** Succeeded charges of the customer with money left to refund or dispute, oldest first. */
export function refundableCharges(m: StripeModel, slot: CustomerSlot): Obj[] {
  return m
    .list("charges", slot.id)
    .filter(
      (c) =>
        c.status === "succeeded" &&
        !c.disputed &&
        Number(c.amount) > Number(c.amount_refunded) &&
        Number(c.amount) > 0,
    );
}

export function openDisputes(m: StripeModel, slot: CustomerSlot): Obj[] {
  return m
    .list("disputes", slot.id)
    .filter((d) => ["needs_response", "under_review"].includes(String(d.status)));
}

export function refund(m: StripeModel, slot: CustomerSlot, charge: string, full: boolean) {
  const c = m.get("charges", charge);
  const left = Number(c.amount) - Number(c.amount_refunded);
  const amount = full ? left : Math.min(PARTIAL_REFUND, left);
  const id = m.id("re");
  const pi = String(c.payment_intent);
  m.put("refunds", refundObject({ id, charge, paymentIntent: pi, amount, created: m.now }));
  m.emit("refund.created", "refunds", id);
  const refunded = Number(c.amount_refunded) + amount;
  const previous = m.update("charges", charge, {
    amount_refunded: refunded,
    refunded: refunded >= Number(c.amount),
  });
  m.emit("charge.refunded", "charges", charge, previous);
  slot.refundedAt[charge] = m.now;
}

export function openDispute(m: StripeModel, charge: string) {
  const c = m.get("charges", charge);
  const id = m.id("dp");
  m.put(
    "disputes",
    disputeObject({
      id,
      charge,
      paymentIntent: String(c.payment_intent),
      amount: Number(c.amount),
      created: m.now,
    }),
  );
  m.update("charges", charge, { disputed: true });
  m.emit("charge.dispute.created", "disputes", id);
  m.emit("charge.dispute.funds_withdrawn", "disputes", id);
}

export function submitEvidence(m: StripeModel, dispute: string) {
  const d = m.get("disputes", dispute);
  const previous = m.update("disputes", dispute, {
    status: "under_review",
    evidence_details: { ...(d.evidence_details as Obj), has_evidence: true, submission_count: 1 },
  });
  m.emit("charge.dispute.updated", "disputes", dispute, previous);
}

export function closeDispute(m: StripeModel, dispute: string, won: boolean) {
  m.update("disputes", dispute, { status: won ? "won" : "lost" });
  m.emit("charge.dispute.closed", "disputes", dispute);
  if (won) m.emit("charge.dispute.funds_reinstated", "disputes", dispute);
}
