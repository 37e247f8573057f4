import { writeAudit } from "@/lib/audit/write-audit";
import {
  conflictingIdentity,
  IDENTITY_KEYS,
  normalizeIdentity,
  type IdentityInput,
} from "@/lib/customers/identity";
import { mergeCustomers } from "@/lib/customers/merge-customers";
import { recomputeAccess } from "@/lib/customers/recompute-access";
import type { Tx } from "@/lib/customers/tx";
import type { Customer, Prisma } from "@/lib/generated/prisma/client";

export type ResolvedCustomer = {
  customer: Customer;
  /** True when no record matched and a new one was created. */
  created: boolean;
  /** Ids of records merged into `customer` by this call. */
  mergedIds: string[];
};

/**
 * Finds the one customer record for a person, or creates it: match by Stripe customer id,
 * then normalized email, then CRM, support and app ids. When the identifiers match several
 * records that do not contradict each other (e.g. a CRM lead and a Stripe customer with the
 * same email), they are merged into the best match and the merge is audited. Missing ids
 * are filled in; existing ones are never overwritten. The returned row is locked
 * (FOR UPDATE) until the transaction ends; after a merge its access is recomputed.
 * Returns null when no identifier is given.
 * Concurrent calls for the same identifiers are serialized by advisory locks on each key,
 * so two transactions can never create two records for one person.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function resolveCustomer(
  tx: Tx,
  input: IdentityInput,
  actor = "system:resolve",
): Promise<ResolvedCustomer | null> {
  const ids = normalizeIdentity(input);
  const present = IDENTITY_KEYS.filter((k) => ids[k]);
  if (present.length === 0) return null;

  // One lock per identity key, taken in a global order so transactions cannot deadlock.
  for (const key of present.map((k) => `customer:${k}:${ids[k]}`).sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
  }

  const matches: Customer[] = [];
  for (const k of present) {
    const found = await tx.customer.findFirst({ where: { [k]: ids[k] } });
    if (found && !matches.some((m) => m.id === found.id)) matches.push(found);
  }

  if (matches.length === 0) {
    const customer = await tx.customer.create({
      data: { ...ids, name: input.name?.trim() || null },
    });
    await tx.$queryRaw`SELECT 1 FROM "Customer" WHERE "id" = ${customer.id} FOR UPDATE`;
    return { customer, created: true, mergedIds: [] };
  }

  let winner = matches[0];
  const mergedIds: string[] = [];
  for (const other of matches.slice(1)) {
    const conflict = conflictingIdentity(winner, other);
    if (conflict) {
      await writeAudit(tx, {
        actor,
        action: "customer.identity_conflict",
        target: winner.id,
        before: {
          other: other.id,
          key: conflict,
          winner: winner[conflict],
          theirs: other[conflict],
        },
      });
      continue;
    }
    winner = await mergeCustomers(tx, winner.id, other.id, actor);
    mergedIds.push(other.id);
  }

  await tx.$queryRaw`SELECT 1 FROM "Customer" WHERE "id" = ${winner.id} FOR UPDATE`;
  const fill: Prisma.CustomerUncheckedUpdateInput = {};
  for (const k of present) {
    if (!winner[k]) {
      const holder = await tx.customer.findFirst({ where: { [k]: ids[k] }, select: { id: true } });
      if (!holder) fill[k] = ids[k];
    }
  }
  if (!winner.name && input.name?.trim()) fill.name = input.name.trim();
  if (Object.keys(fill).length) await tx.customer.update({ where: { id: winner.id }, data: fill });
  // Merged billing facts may change access; the caller's own recompute (if any) is a no-op then.
  if (mergedIds.length) await recomputeAccess(tx, winner.id, { actor });
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: winner.id } });
  return { customer, created: false, mergedIds };
}
