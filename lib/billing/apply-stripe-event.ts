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
import { loadStoredObjects, type StoredObjects } from "@/lib/customers/customer-rows";
import { recomputeAccess } from "@/lib/customers/recompute-access";
import { resolveCustomer } from "@/lib/customers/resolve-customer";
import type { Customer } from "@/lib/generated/prisma/client";

/** The ledger event being applied: the cause recorded on every change and side effect. */
export type LedgerCause = {
  ledgerEventId: string;
  eventType: string;
  correlationId: string;
  /** The row's attempt (1 on the first): only a retry can have an exception of its own to close. */
  attempt?: number;
};

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

/**
 * The stored rows of the event's invoice, subscription, charge and dispute, read in one
 * statement (each object kind appears at most once among an event's objects).
 */
async function storedObjects(tx: Tx, objects: TruthObject[]): Promise<Known> {
  const ids: Known["ids"] = {};
  for (const o of objects) {
    if (o.kind === "invoice") ids.invoice ??= o.state.stripeInvoiceId;
    if (o.kind === "subscription") ids.subscription ??= o.state.stripeSubscriptionId;
    if (o.kind === "charge") ids.charge ??= o.state.stripeChargeId;
    if (o.kind === "dispute") ids.dispute ??= o.state.stripeDisputeId;
  }
  return { ...(await loadStoredObjects(tx, ids)), ids };
}

type Known = StoredObjects & { ids: Parameters<typeof loadStoredObjects>[1] };

/** The prefetched row for this object, or undefined (read it) when it is not the one prefetched. */
function knownRow<T>(row: T | null | undefined, storedId: string | undefined, id: string) {
  return row !== undefined && storedId === id ? row : undefined;
}

async function applyObject(
  tx: Tx,
  c: Customer,
  o: TruthObject,
  known: Known,
): Promise<ConvergeResult[]> {
  switch (o.kind) {
    case "customer":
      return [await applyProfile(tx, c, o.state, o.from)];
    case "subscription": {
      const id = o.state.stripeSubscriptionId;
      const row = knownRow(known.subscription, known.ids.subscription, id);
      return [await applySubscription(tx, c.id, o.state, o.from, row)];
    }
    case "invoice": {
      const row = knownRow(known.invoice, known.ids.invoice, o.state.stripeInvoiceId);
      return [await applyInvoice(tx, c.id, o.state, o.from, row)];
    }
    case "charge": {
      const row = knownRow(known.charge, known.ids.charge, o.state.stripeChargeId);
      return [await applyCharge(tx, c.id, o.state, o.from, row)];
    }
    case "dispute": {
      const row = knownRow(known.dispute, known.ids.dispute, o.state.stripeDisputeId);
      return [await applyDispute(tx, c.id, o.state, o.from, row)];
    }
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
  // Written with the access recompute below (one UPDATE of the customer, not two).
  const seen: { firstSeenAt?: Date; billingEventAt?: Date } = {};
  if (!c.firstSeenAt || at < c.firstSeenAt) seen.firstSeenAt = at;
  if (!c.billingEventAt || at > c.billingEventAt) seen.billingEventAt = at;
  const results: ConvergeResult[] = [];
  const known = await storedObjects(tx, truth.objects);
  for (const o of truth.objects) {
    // A Stripe customer merged into this record by an admin: its name and email do not
    // replace the survivor's; its money and subscriptions do count.
    if (o.kind === "customer" && resolved.viaAlias) continue;
    results.push(...(await applyObject(tx, c, o, known)));
  }
  if (facts.failure) {
    results.push(await recordInvoiceFailure(tx, facts.failure.invoiceId, facts.failure.code, at));
  }
  if (facts.identity) results.push(await applyIdentity(tx, c, facts.identity, at));
  // The ledger row is linked to the customer (outcome.customerId) by the caller, with its
  // status. An unlinked-money exception of this row exists only if an earlier attempt
  // committed one, so a first attempt has none to close.
  if ((cause.attempt ?? 2) > 1) await resolveUnlinkedMoneyEvent(tx, ledgerEventId, c.id);
  const access = await recomputeAccess(
    tx,
    c.id,
    { ledgerEventId, correlationId },
    new Date(),
    seen,
  );

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
