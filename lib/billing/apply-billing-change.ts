import type { BillingChange } from "@/lib/billing/types";
import { computeAccess } from "@/lib/customers/access-policy";
import { normalizeEmail } from "@/lib/customers/normalize-email";
import type { Tx } from "@/lib/customers/tx";

export type ApplyOutcome =
  | {
      outcome: "applied";
      customerId: string;
      billingStatus: string;
      accessStatus: string;
      created: boolean;
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
  ledgerEventId: string,
): Promise<ApplyOutcome> {
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
  return {
    outcome: "applied",
    customerId: current.id,
    billingStatus: change.facts.billingStatus,
    accessStatus: access.status,
    created,
  };
}
