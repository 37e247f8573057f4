import { z } from "zod";
import { writeAudit } from "@/lib/audit/write-audit";
import type { Db, Tx } from "@/lib/db";
import type { ApprovalRequest } from "@/lib/generated/prisma/client";
import { ApprovalError, type ApprovalActor } from "./types";

const ZReason = z.string().trim().min(3, "A reason is required").max(500);

export const ZApprovalInput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("refund"),
    customerId: z.string().min(1).max(64),
    target: z.enum(["charge", "invoice"]),
    targetId: z.string().trim().min(3).max(255),
    amount: z.number().int().positive("The amount must be more than 0"),
    reason: ZReason,
  }),
  z.object({
    kind: z.literal("plan_change"),
    customerId: z.string().min(1).max(64),
    stripeSubscriptionId: z.string().trim().min(3).max(255),
    priceId: z
      .string()
      .trim()
      .regex(/^price_[A-Za-z0-9_]+$/, "Enter a Stripe price id (price_…)"),
    reason: ZReason,
  }),
  z.object({
    kind: z.literal("access_override"),
    customerId: z.string().min(1).max(64),
    overrideKind: z.enum(["grant", "block"]),
    expiresAt: z.date().nullable(),
    reason: ZReason,
  }),
]);
export type ApprovalInput = z.infer<typeof ZApprovalInput>;

/** What the customer paid for the charge or invoice, minus what was refunded (null if unknown). */
async function refundable(tx: Tx, customerId: string, target: "charge" | "invoice", id: string) {
  if (target === "charge") {
    const c = await tx.charge.findUnique({ where: { stripeChargeId: id } });
    if (!c || c.customerId !== customerId) return null;
    return { max: c.amount - c.amountRefunded, currency: c.currency };
  }
  const inv = await tx.invoice.findUnique({ where: { stripeInvoiceId: id } });
  if (!inv || inv.customerId !== customerId) return null;
  const refunded = await tx.charge.aggregate({
    where: { stripeInvoiceId: id },
    _sum: { amountRefunded: true },
  });
  return {
    max: (inv.amountPaid ?? 0) - (refunded._sum.amountRefunded ?? 0),
    currency: inv.currency,
  };
}

async function payloadFor(tx: Tx, input: ApprovalInput, now: Date) {
  if (input.kind === "refund") {
    const paid = await refundable(tx, input.customerId, input.target, input.targetId);
    if (!paid)
      throw new ApprovalError("invalid", `No ${input.target} ${input.targetId} for this customer`);
    if (input.amount > paid.max) {
      throw new ApprovalError(
        "invalid",
        `At most ${paid.max} (what was paid and not yet refunded)`,
      );
    }
    const { target, targetId, amount } = input;
    return { target, targetId, amount, currency: paid.currency };
  }
  if (input.kind === "plan_change") {
    const sub = await tx.subscription.findUnique({
      where: { stripeSubscriptionId: input.stripeSubscriptionId },
    });
    if (!sub || sub.customerId !== input.customerId) {
      throw new ApprovalError("invalid", "No such subscription for this customer");
    }
    if (sub.priceId === input.priceId)
      throw new ApprovalError("invalid", "That is the current price");
    return {
      stripeSubscriptionId: sub.stripeSubscriptionId,
      priceId: input.priceId,
      previousPriceId: sub.priceId,
    };
  }
  if (input.expiresAt && input.expiresAt <= now) {
    throw new ApprovalError("invalid", "The expiry must be in the future");
  }
  return { overrideKind: input.overrideKind, expiresAt: input.expiresAt?.toISOString() ?? null };
}

/**
 * Records a request for an admin to decide: a refund (at most what was paid), a plan change,
 * or a manual access grant/block. Nothing changes in Stripe or in access until approval.
 * Not idempotent by design: each call is one more request (audited as approval.request).
 */
export async function requestApproval(
  db: Db,
  actor: ApprovalActor,
  raw: ApprovalInput,
  now = new Date(),
): Promise<ApprovalRequest> {
  const input = ZApprovalInput.parse(raw);
  return db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: input.customerId } });
    if (!customer) throw new ApprovalError("not_found", "Customer not found");
    const payload = await payloadFor(tx, input, now);
    const request = await tx.approvalRequest.create({
      data: {
        kind: input.kind,
        customerId: input.customerId,
        payload,
        reason: input.reason,
        requestedById: actor.id,
        requestedByEmail: actor.email,
        createdAt: now,
      },
    });
    await writeAudit(tx, {
      actor: actor.email,
      action: "approval.request",
      target: input.customerId,
      after: { approvalId: request.id, kind: request.kind, payload, reason: request.reason },
    });
    return request;
  });
}
