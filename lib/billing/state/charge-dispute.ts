import { converge, disputeRank, fingerprintOf, type ConvergeResult } from "@/lib/billing/converge";
import type { ChargeState, DisputeState } from "@/lib/billing/stripe-objects";
import type { Tx } from "@/lib/customers/tx";

/**
 * Applies a charge's refund state. Refunded amounts only grow, so a tie keeps the larger.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyCharge(
  tx: Tx,
  customerId: string,
  incoming: ChargeState,
  eventAt: Date,
): Promise<ConvergeResult> {
  const { stripeCustomerId: _ignored, ...state } = incoming;
  const row = await tx.charge.findUnique({ where: { stripeChargeId: state.stripeChargeId } });
  type Stored = typeof state;
  return converge<Stored>({
    stored: row && {
      state: {
        stripeChargeId: row.stripeChargeId,
        stripeInvoiceId: row.stripeInvoiceId,
        amount: row.amount,
        amountRefunded: row.amountRefunded,
        currency: row.currency,
        stripeCreatedAt: row.stripeCreatedAt,
      },
      at: row.stripeEventAt,
    },
    incoming: state,
    eventAt,
    fingerprint: fingerprintOf,
    rank: (s) => s.amountRefunded,
    fetch: async () => null,
    write: async (s, at) => {
      const data = { ...s, customerId, stripeEventAt: at };
      await tx.charge.upsert({
        where: { stripeChargeId: s.stripeChargeId },
        create: data,
        update: data,
      });
    },
  });
}

/**
 * Applies a dispute's state; a tie goes to the later stage (closed beats open).
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyDispute(
  tx: Tx,
  customerId: string,
  incoming: DisputeState,
  eventAt: Date,
): Promise<ConvergeResult> {
  const row = await tx.dispute.findUnique({ where: { stripeDisputeId: incoming.stripeDisputeId } });
  return converge<DisputeState>({
    stored: row && {
      state: {
        stripeDisputeId: row.stripeDisputeId,
        stripeChargeId: row.stripeChargeId,
        status: row.status,
        amount: row.amount,
        currency: row.currency,
        reason: row.reason,
        stripeCreatedAt: row.stripeCreatedAt,
      },
      at: row.stripeEventAt,
    },
    incoming,
    eventAt,
    fingerprint: fingerprintOf,
    rank: (s) => disputeRank(s.status),
    fetch: async () => null,
    write: async (s, at) => {
      const data = { ...s, customerId, stripeEventAt: at };
      await tx.dispute.upsert({
        where: { stripeDisputeId: s.stripeDisputeId },
        create: data,
        update: data,
      });
    },
  });
}
