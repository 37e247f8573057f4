import type { Tx } from "@/lib/db";
import {
  converge,
  disputeRank,
  fingerprintOf,
  type ConvergeResult,
  type Provenance,
} from "@/lib/billing/converge";
import type { ChargeState, DisputeState } from "@/lib/integrations/stripe/objects";
import type { Charge, Dispute } from "@/lib/generated/prisma/client";

/**
 * Applies a charge's refund state (see converge.ts). Refunded amounts only grow, so a
 * same-second tie between payloads keeps the larger.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyCharge(
  tx: Tx,
  customerId: string,
  incoming: ChargeState,
  from: Provenance,
  /** The stored row when the caller read it already in this transaction (undefined: read it here). */
  known?: Charge | null,
): Promise<ConvergeResult> {
  const { stripeCustomerId: _ignored, ...state } = incoming;
  const row =
    known !== undefined
      ? known
      : await tx.charge.findUnique({ where: { stripeChargeId: state.stripeChargeId } });
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
      readSeq: row.readSeq,
    },
    incoming: state,
    from,
    fingerprint: fingerprintOf,
    rank: (s) => s.amountRefunded,
    write: async (s, at, readSeq) => {
      const data = { ...s, customerId, stripeEventAt: at, readSeq };
      await tx.charge.upsert({
        where: { stripeChargeId: s.stripeChargeId },
        create: data,
        update: data,
      });
    },
  });
}

/**
 * Applies a dispute's state (see converge.ts); a same-second tie between payloads goes to
 * the later stage (closed beats open).
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyDispute(
  tx: Tx,
  customerId: string,
  incoming: DisputeState,
  from: Provenance,
  /** The stored row when the caller read it already in this transaction (undefined: read it here). */
  known?: Dispute | null,
): Promise<ConvergeResult> {
  const row =
    known !== undefined
      ? known
      : await tx.dispute.findUnique({ where: { stripeDisputeId: incoming.stripeDisputeId } });
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
      readSeq: row.readSeq,
    },
    incoming,
    from,
    fingerprint: fingerprintOf,
    rank: (s) => disputeRank(s.status),
    write: async (s, at, readSeq) => {
      const data = { ...s, customerId, stripeEventAt: at, readSeq };
      await tx.dispute.upsert({
        where: { stripeDisputeId: s.stripeDisputeId },
        create: data,
        update: data,
      });
    },
  });
}
