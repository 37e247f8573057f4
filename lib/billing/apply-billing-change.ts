import type { BillingChange } from "@/lib/billing/types";
import { computeAccess } from "@/lib/customers/access-policy";
import { normalizeEmail } from "@/lib/customers/normalize-email";
import type { Tx } from "@/lib/customers/tx";
import { enqueueStateChangeTasks } from "@/lib/sync/enqueue-state-change";

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

/**
 * Finds or creates the customer (Stripe customer id first, then normalized email) and
 * applies the billing change unless the customer already reflects a newer event.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyBillingChange(
  tx: Tx,
  change: BillingChange,
  occurredAt: Date,
  cause: LedgerCause,
): Promise<ApplyOutcome> {
  const { ledgerEventId } = cause;
  const { stripeCustomerId, name } = change.customer;
  const email = normalizeEmail(change.customer.email);
  if (!stripeCustomerId && !email) return { outcome: "ignored", detail: "event names no customer" };

  let customer =
    (stripeCustomerId && (await tx.customer.findUnique({ where: { stripeCustomerId } }))) ||
    (email && (await tx.customer.findUnique({ where: { email } }))) ||
    null;

  const created = !customer;
  customer ??= await tx.customer.create({ data: { stripeCustomerId, email, name } });

  // Lock the row so concurrent events for one customer apply one after another.
  await tx.$queryRaw`SELECT 1 FROM "Customer" WHERE "id" = ${customer.id} FOR UPDATE`;
  const current = await tx.customer.findUniqueOrThrow({ where: { id: customer.id } });

  if (current.billingEventAt && current.billingEventAt > occurredAt) {
    await tx.ledgerEvent.update({ where: { id: ledgerEventId }, data: { customerId: current.id } });
    return {
      outcome: "stale",
      customerId: current.id,
      detail: "a newer billing event was already applied",
    };
  }

  const access = computeAccess(change.facts);
  await tx.customer.update({
    where: { id: current.id },
    data: {
      stripeCustomerId: current.stripeCustomerId ?? stripeCustomerId,
      email: current.email ?? email,
      name: current.name ?? name,
      billingStatus: change.facts.billingStatus,
      billingEventAt: occurredAt,
      accessStatus: access.status,
      accessReasons: access.reasons,
      accessComputedAt: new Date(),
    },
  });
  await tx.ledgerEvent.update({ where: { id: ledgerEventId }, data: { customerId: current.id } });
  const syncTasks = await enqueueStateChangeTasks(tx, {
    customerId: current.id,
    before: created
      ? null
      : { accessStatus: current.accessStatus, billingStatus: current.billingStatus },
    after: {
      accessStatus: access.status,
      billingStatus: change.facts.billingStatus,
      reasons: access.reasons,
      since: change.facts.since.toISOString(),
    },
    cause: {
      ledgerEventId,
      eventType: cause.eventType,
      correlationId: cause.correlationId,
      failedInvoice: change.facts.failedInvoice && {
        ...change.facts.failedInvoice,
        nextAttemptAt: change.facts.failedInvoice.nextAttemptAt?.toISOString() ?? null,
      },
    },
  });
  return {
    outcome: "applied",
    syncTasks,
    customerId: current.id,
    billingStatus: change.facts.billingStatus,
    accessStatus: access.status,
    created,
  };
}
