import type { ConvergeResult } from "@/lib/billing/converge";
import { fetchCharge } from "@/lib/billing/fetch-stripe-object";
import { applyCharge, applyDispute } from "@/lib/billing/state/charge-dispute";
import { applyInvoice } from "@/lib/billing/state/invoice";
import { applyIdentity, applyProfile } from "@/lib/billing/state/profile";
import { applySubscription, ensureSubscription } from "@/lib/billing/state/subscription";
import type { StripeCustomerRef, StripeEffect } from "@/lib/billing/types";
import { recomputeAccess } from "@/lib/customers/recompute-access";
import { resolveCustomer } from "@/lib/customers/resolve-customer";
import type { Tx } from "@/lib/customers/tx";
import type { Customer } from "@/lib/generated/prisma/client";

/** The ledger event being applied: the cause recorded on every change and side effect. */
export type LedgerCause = { ledgerEventId: string; eventType: string; correlationId: string };

export type ApplyOutcome =
  | {
      outcome: "applied";
      customerId: string;
      billingStatus: string;
      accessStatus: string;
      created: boolean;
      /** Outbox tasks created with this change, to hand to the executor after commit. */
      syncTasks: { id: string; customerId: string }[];
    }
  | { outcome: "stale"; customerId: string; detail: string }
  | { outcome: "ignored"; detail: string };

/** A dispute names a charge: its customer is the charge's (ours, or Stripe's when we lack it). */
async function disputeOwner(tx: Tx, chargeId: string | null): Promise<StripeCustomerRef | null> {
  if (!chargeId) return null;
  const ours = await tx.charge.findUnique({
    where: { stripeChargeId: chargeId },
    select: { customer: { select: { stripeCustomerId: true, email: true } } },
  });
  if (ours) return { ...ours.customer, name: null };
  const fetched = await fetchCharge(chargeId);
  return fetched?.stripeCustomerId
    ? { stripeCustomerId: fetched.stripeCustomerId, email: null, name: null }
    : null;
}

async function applyObjects(tx: Tx, c: Customer, effect: StripeEffect, at: Date) {
  const results: ConvergeResult[] = [];
  if (effect.profile) results.push(await applyProfile(tx, c, effect.profile, at));
  if (effect.subscription) results.push(await applySubscription(tx, c.id, effect.subscription, at));
  if (effect.subscriptionRef)
    results.push(await ensureSubscription(tx, c.id, effect.subscriptionRef, at));
  if (effect.invoice) {
    const { failure, ...invoice } = effect.invoice;
    results.push(await applyInvoice(tx, c.id, invoice, failure, at));
  }
  if (effect.charge) results.push(await applyCharge(tx, c.id, effect.charge, at));
  if (effect.dispute) results.push(await applyDispute(tx, c.id, effect.dispute, at));
  if (effect.identity) results.push(await applyIdentity(tx, c, effect.identity.status, at));
  return results;
}

/**
 * Applies what one Stripe event says to the person it is about: resolves (or creates, or
 * merges) the customer, converges each Stripe object it carries (older states never
 * overwrite newer ones), then recomputes access and links the ledger row to the customer.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyStripeEffect(
  tx: Tx,
  effect: StripeEffect,
  occurredAt: Date,
  cause: LedgerCause,
): Promise<ApplyOutcome> {
  const { ledgerEventId, correlationId } = cause;
  let ref: StripeCustomerRef | null = effect.customer;
  if (!ref.stripeCustomerId && !ref.email && effect.dispute) {
    ref = await disputeOwner(tx, effect.dispute.stripeChargeId);
  }
  const resolved = ref && (await resolveCustomer(tx, ref, "system:stripe"));
  if (!resolved) return { outcome: "ignored", detail: "event names no customer we can find" };
  const c = resolved.customer;

  const firstSeenAt = !c.firstSeenAt || occurredAt < c.firstSeenAt ? occurredAt : c.firstSeenAt;
  const billingEventAt =
    !c.billingEventAt || occurredAt > c.billingEventAt ? occurredAt : c.billingEventAt;
  if (firstSeenAt !== c.firstSeenAt || billingEventAt !== c.billingEventAt) {
    await tx.customer.update({ where: { id: c.id }, data: { firstSeenAt, billingEventAt } });
  }
  const results = await applyObjects(tx, c, effect, occurredAt);
  await tx.ledgerEvent.update({ where: { id: ledgerEventId }, data: { customerId: c.id } });
  const access = await recomputeAccess(tx, c.id, { ledgerEventId, correlationId });

  const changed =
    resolved.created ||
    resolved.mergedIds.length > 0 ||
    results.some((r) => r === "applied" || r === "refetched") ||
    access.changed;
  if (!changed) {
    return {
      outcome: "stale",
      customerId: c.id,
      detail: "the customer already reflects this or newer state",
    };
  }
  return {
    outcome: "applied",
    customerId: c.id,
    billingStatus: access.billingStatus,
    accessStatus: access.status,
    created: resolved.created,
    syncTasks: access.syncTasks,
  };
}
