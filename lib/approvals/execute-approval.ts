import Stripe from "stripe";
import type { Db } from "@/lib/db";
import { callStripe, stripeClient } from "@/lib/integrations/stripe/client";
import { setAccessOverride } from "@/lib/customers/set-access-override";
import type { ApprovalRequest } from "@/lib/generated/prisma/client";
import { ZOverridePayload, ZPlanChangePayload, ZRefundPayload, type ApprovalActor } from "./types";

export type ExecutionResult = Record<string, unknown>;

/** The Stripe idempotency key of an approval: a double click or a retry acts once. */
export function stripeIdempotencyKey(approvalId: string, kind: string): string {
  return `approval:${approvalId}:${kind}`;
}

function requireStripe(): Stripe {
  const stripe = stripeClient();
  if (!stripe) throw new Error("Stripe is not configured (STRIPE_SECRET_KEY is not set)");
  return stripe;
}

function idOf(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && "id" in v && typeof v.id === "string") return v.id;
  return null;
}

async function refund(request: ApprovalRequest): Promise<ExecutionResult> {
  const p = ZRefundPayload.parse(request.payload);
  const stripe = requireStripe();
  let source: { charge: string } | { payment_intent: string } = { charge: p.targetId };
  if (p.target === "invoice") {
    // An invoice is refunded through the payment that paid it. Since API version 2025-03-31
    // (the SDK pins a later one) an invoice no longer carries `charge` or `payment_intent`:
    // its payments are a list that Stripe includes only when asked to expand it.
    const inv = await callStripe(() =>
      stripe.invoices.retrieve(p.targetId, { expand: ["payments"] }),
    );
    const paid = (inv.payments?.data ?? []).find((x) => x.status === "paid")?.payment;
    const charge = idOf(paid?.charge);
    const pi = idOf(paid?.payment_intent);
    if (charge) source = { charge };
    else if (pi) source = { payment_intent: pi };
    else throw new Error(`Invoice ${p.targetId} has no payment to refund`);
  }
  const created = await callStripe(() =>
    stripe.refunds.create(
      {
        ...source,
        amount: p.amount,
        reason: "requested_by_customer",
        metadata: { approvalId: request.id },
      },
      { idempotencyKey: stripeIdempotencyKey(request.id, "refund") },
    ),
  );
  return {
    stripeRefundId: created.id,
    stripeChargeId: idOf(created.charge),
    amount: created.amount,
    status: created.status,
  };
}

async function planChange(request: ApprovalRequest): Promise<ExecutionResult> {
  const p = ZPlanChangePayload.parse(request.payload);
  const stripe = requireStripe();
  const sub = await callStripe(() => stripe.subscriptions.retrieve(p.stripeSubscriptionId));
  const item = sub.items?.data?.[0];
  const updated = await callStripe(() =>
    stripe.subscriptions.update(
      p.stripeSubscriptionId,
      { items: [{ ...(item && { id: item.id }), price: p.priceId }] },
      { idempotencyKey: stripeIdempotencyKey(request.id, "plan_change") },
    ),
  );
  return {
    stripeSubscriptionId: updated.id,
    stripeSubscriptionItemId: updated.items?.data?.[0]?.id ?? null,
    priceId: updated.items?.data?.[0]?.price?.id ?? p.priceId,
    previousPriceId: p.previousPriceId,
  };
}

/** The override an approval already created, if any: found by its key, never by text. */
async function overrideOf(db: Db, request: ApprovalRequest) {
  const done = await db.accessOverride.findUnique({ where: { approvalRequestId: request.id } });
  if (!done) return null;
  const customer = await db.customer.findUniqueOrThrow({ where: { id: request.customerId } });
  return {
    result: { overrideId: done.id, accessStatus: customer.accessStatus } as ExecutionResult,
    syncTasks: [],
  };
}

async function override(db: Db, request: ApprovalRequest, approver: ApprovalActor, now: Date) {
  const p = ZOverridePayload.parse(request.payload);
  const done = await overrideOf(db, request);
  if (done) return done;
  try {
    const decision = await setAccessOverride(
      db,
      {
        customerId: request.customerId,
        kind: p.overrideKind,
        reason: request.reason,
        actor: approver.email,
        expiresAt: p.expiresAt ? new Date(p.expiresAt) : null,
        approvalRequestId: request.id,
      },
      now,
    );
    return {
      result: { overrideId: decision.overrideId, accessStatus: decision.status } as ExecutionResult,
      syncTasks: decision.syncTasks,
    };
  } catch (e) {
    // Two executions at once (a stale retry racing the first): the unique key let one win.
    if (isUniqueViolation(e)) {
      const winner = await overrideOf(db, request);
      if (winner) return winner;
    }
    throw e;
  }
}

function isUniqueViolation(e: unknown): boolean {
  return !!e && typeof e === "object" && "code" in e && e.code === "P2002";
}

/**
 * Carries out an approved request: a Stripe refund or price change (with an idempotency key
 * derived from the approval id), or an access override. Throws with Stripe's message on failure.
 * Idempotent for Stripe: a retry with the same approval id refunds or changes the price once.
 */
export async function executeApproval(
  db: Db,
  request: ApprovalRequest,
  approver: ApprovalActor,
  now = new Date(),
): Promise<{ result: ExecutionResult; syncTasks: { id: string; customerId: string }[] }> {
  if (request.kind === "refund") return { result: await refund(request), syncTasks: [] };
  if (request.kind === "plan_change") return { result: await planChange(request), syncTasks: [] };
  return override(db, request, approver, now);
}
