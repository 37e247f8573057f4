import type { Tx } from "@/lib/db";
import type { ConvergeResult, Provenance } from "@/lib/billing/converge";
import { checkoutBilling } from "@/lib/billing/checkout";
import type { ReadNote, StripeTruth, TruthObject } from "@/lib/billing/read-stripe-truth";
import { applyCharge, applyDispute } from "@/lib/billing/state/charge-dispute";
import { applyInvoice, recordInvoiceFailure } from "@/lib/billing/state/invoice";
import { applyIdentity, applyProfile } from "@/lib/billing/state/profile";
import { applySubscription, guessSubscription } from "@/lib/billing/state/subscription";
import type { EventFacts, StripeCustomerRef } from "@/lib/billing/types";
import {
  raiseUnlinkedMoneyEvent,
  resolveUnlinkedMoneyEvent,
} from "@/lib/billing/unlinked-money-event";
import { recomputeAccess } from "@/lib/customers/recompute-access";
import { resolveCustomer } from "@/lib/customers/resolve-customer";
import type { Customer } from "@/lib/generated/prisma/client";

/** The ledger event being applied: the cause recorded on every change and side effect. */
export type LedgerCause = { ledgerEventId: string; eventType: string; correlationId: string };

type Reads = { mode: StripeTruth["mode"]; reads: ReadNote[] };

export type ApplyOutcome =
  | ({
      outcome: "applied";
      customerId: string;
      billingStatus: string;
      accessStatus: string;
      created: boolean;
      /** Outbox tasks created with this change, to hand to the executor after commit. */
      syncTasks: { id: string; customerId: string }[];
    } & Reads)
  | ({ outcome: "stale"; customerId: string; detail: string } & Reads)
  | ({ outcome: "unlinked"; detail: string; exceptionId: string } & Reads)
  | { outcome: "ignored"; detail: string };

/** Who the event is about: Stripe's own link on the objects first, then the payload's. */
async function customerRef(
  tx: Tx,
  facts: EventFacts,
  truth: StripeTruth,
): Promise<StripeCustomerRef | null> {
  const ref = { ...facts.customer };
  for (const o of truth.objects) {
    if ("stripeCustomerId" in o.state) ref.stripeCustomerId ??= o.state.stripeCustomerId;
    if (o.kind === "customer") ref.email ??= o.state.email;
    if (o.kind === "invoice" || o.kind === "checkout_session") ref.email ??= o.state.email;
  }
  if (ref.stripeCustomerId || ref.email) return ref;
  // A dispute or refund names only a charge: its customer is whoever holds it here.
  const chargeId =
    facts.ref?.kind === "charge"
      ? facts.ref.id
      : facts.payload?.kind === "dispute"
        ? facts.payload.state.stripeChargeId
        : null;
  const holder =
    (chargeId &&
      (await tx.charge.findUnique({ where: { stripeChargeId: chargeId } }).customer())) ||
    (facts.ref?.kind === "dispute" &&
      (await tx.dispute.findUnique({ where: { stripeDisputeId: facts.ref.id } }).customer())) ||
    null;
  return holder && { stripeCustomerId: holder.stripeCustomerId, email: holder.email, name: null };
}

async function applyObject(tx: Tx, c: Customer, o: TruthObject): Promise<ConvergeResult[]> {
  switch (o.kind) {
    case "customer":
      return [await applyProfile(tx, c, o.state, o.from)];
    case "subscription":
      return [await applySubscription(tx, c.id, o.state, o.from)];
    case "invoice":
      return [await applyInvoice(tx, c.id, o.state, o.from)];
    case "charge":
      return [await applyCharge(tx, c.id, o.state, o.from)];
    case "dispute":
      return [await applyDispute(tx, c.id, o.state, o.from)];
    case "checkout_session": {
      const { subscriptionGuess, paidInvoice } = checkoutBilling(o.state, o.from);
      const from: Provenance = o.from;
      return [
        ...(subscriptionGuess
          ? [await guessSubscription(tx, c.id, subscriptionGuess, from.eventAt)]
          : []),
        ...(paidInvoice ? [await applyInvoice(tx, c.id, paidInvoice, from)] : []),
      ];
    }
  }
}

/**
 * Applies one Stripe event to the person it is about, inside the caller's transaction,
 * from the truth gathered before it (readStripeTruth): resolves (or creates, or merges)
 * the customer — which also serializes all processing for one Stripe customer through
 * advisory locks — converges each object (converge.ts), records a reported payment
 * failure, recomputes access and links the ledger row to the customer. A money event no
 * customer can be tied to becomes an exception for a person.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyStripeEvent(
  tx: Tx,
  facts: EventFacts,
  truth: StripeTruth,
  cause: LedgerCause,
): Promise<ApplyOutcome> {
  const { ledgerEventId, correlationId } = cause;
  const reads: Reads = { mode: truth.mode, reads: truth.notes };
  const ref = await customerRef(tx, facts, truth);
  const resolved = ref && (await resolveCustomer(tx, ref, "system:stripe"));
  if (!resolved) {
    if (facts.rule.object !== "identity" && "money" in facts.rule && facts.rule.money) {
      const exceptionId = await raiseUnlinkedMoneyEvent(
        tx,
        ledgerEventId,
        correlationId,
        facts,
        truth,
      );
      return {
        outcome: "unlinked",
        detail: "no customer could be found for this money event",
        exceptionId,
        ...reads,
      };
    }
    return { outcome: "ignored", detail: "event names no customer we can find" };
  }
  const c = resolved.customer;
  const at = facts.eventAt;
  const firstSeenAt = !c.firstSeenAt || at < c.firstSeenAt ? at : c.firstSeenAt;
  const billingEventAt = !c.billingEventAt || at > c.billingEventAt ? at : c.billingEventAt;
  if (firstSeenAt !== c.firstSeenAt || billingEventAt !== c.billingEventAt) {
    await tx.customer.update({ where: { id: c.id }, data: { firstSeenAt, billingEventAt } });
  }
  const results: ConvergeResult[] = [];
  for (const o of truth.objects) {
    // A Stripe customer merged into this record by an admin: its name and email do not
    // replace the survivor's; its money and subscriptions do count.
    if (o.kind === "customer" && resolved.viaAlias) continue;
    results.push(...(await applyObject(tx, c, o)));
  }
  if (facts.failure) {
    results.push(await recordInvoiceFailure(tx, facts.failure.invoiceId, facts.failure.code, at));
  }
  if (facts.identity) results.push(await applyIdentity(tx, c, facts.identity, at));
  await tx.ledgerEvent.update({ where: { id: ledgerEventId }, data: { customerId: c.id } });
  await resolveUnlinkedMoneyEvent(tx, ledgerEventId, c.id);
  const access = await recomputeAccess(tx, c.id, { ledgerEventId, correlationId });

  const changed =
    resolved.created ||
    resolved.mergedIds.length > 0 ||
    results.includes("applied") ||
    access.changed;
  if (!changed) {
    return {
      outcome: "stale",
      customerId: c.id,
      detail: "the customer already reflects this or newer state",
      ...reads,
    };
  }
  return {
    outcome: "applied",
    customerId: c.id,
    billingStatus: access.billingStatus,
    accessStatus: access.status,
    created: resolved.created,
    syncTasks: access.syncTasks,
    ...reads,
  };
}
