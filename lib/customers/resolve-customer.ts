import type { Tx } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { findCustomersByIdentity } from "@/lib/customers/find-by-identity";
import {
  conflictingIdentity,
  IDENTITY_KEYS,
  normalizeIdentity,
  type IdentityInput,
  type IdentityKey,
} from "@/lib/customers/identity";
import { raiseIdentityConflict } from "@/lib/customers/identity-conflict";
import { lockCustomer } from "@/lib/customers/customer-rows";
import { mergeCustomers } from "@/lib/customers/merge-customers";
import { recomputeAccess } from "@/lib/customers/recompute-access";
import type { Customer, Prisma } from "@/lib/generated/prisma/client";

export type ResolvedCustomer = {
  customer: Customer;
  /** True when no record matched and a new one was created. */
  created: boolean;
  /** Ids of records merged into `customer` by this call. */
  mergedIds: string[];
  /** Records that match by email or another id but are bound to another Stripe customer. */
  keptApartIds: string[];
  /**
   * True when the Stripe customer id was found through an alias: a record bound to it was
   * merged into `customer`, whose own Stripe customer (and profile) is another one.
   */
  viaAlias: boolean;
};

type Match = { key: IdentityKey; customer: Customer; viaAlias: boolean };

/**
 * Finds the one customer record for a person, or creates it: match by Stripe customer id,
 * then normalized email, then CRM, support and app ids (each by the record holding it, or
 * by the survivor of a merge through CustomerAlias). An event for Stripe customer X never
 * lands on a record bound to another Stripe customer: a record that matches only by email
 * or another id but holds a different Stripe customer id is kept apart, the event gets a
 * record of its own (holding the email it claims in `claimedEmail` when another record
 * holds it) and an identity_conflict exception names both for an admin to merge or keep
 * separate. When the identifiers match several records that do not contradict each other
 * (e.g. a CRM lead and a Stripe customer with the same email), they are merged into the
 * best match and the merge is audited. Missing ids are filled in; existing ones are never
 * overwritten. The returned row is locked (FOR UPDATE) until the transaction ends; after a
 * merge its access is recomputed. Returns null when no identifier is given.
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

  // One lock per identity key, taken in a global order so transactions cannot deadlock:
  // one statement, taking them one after another in the order of the (sorted) array.
  const lockKeys = present.map((k) => `customer:${k}:${ids[k]}`).sort();
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
      FROM unnest(${lockKeys}::text[]) WITH ORDINALITY AS l(k, n) ORDER BY n`;

  const matches: Match[] = [];
  /** Keys whose value some record (or a merge's survivor) already answers for. */
  const held = new Set<IdentityKey>();
  const byKey = await findCustomersByIdentity(tx, present, ids);
  for (const k of present) {
    const found = byKey.get(k) ?? null;
    if (found) held.add(k);
    if (found && !matches.some((m) => m.customer.id === found.customer.id)) {
      matches.push({ key: k, ...found });
    }
  }
  // The advisory locks keep every key's holder as found until the transaction ends.
  const free = (k: IdentityKey) => !held.has(k);
  const stripeId = ids.stripeCustomerId;
  const boundElsewhere = (m: Match) =>
    m.key !== "stripeCustomerId" &&
    !!stripeId &&
    !!m.customer.stripeCustomerId &&
    m.customer.stripeCustomerId !== stripeId;
  const keptApart = matches.filter(boundElsewhere);
  const candidates = matches.filter((m) => !boundElsewhere(m));

  let created = false;
  let winner: Customer;
  const mergedIds: string[] = [];
  if (candidates.length === 0) {
    // Ids another record answers for stay with that record (an email: see claimedEmail).
    const data: Prisma.CustomerUncheckedCreateInput = { name: input.name?.trim() || null };
    for (const k of present) if (free(k)) data[k] = ids[k];
    winner = await tx.customer.create({ data });
    created = true;
  } else {
    winner = candidates[0].customer;
    for (const { customer: other } of candidates.slice(1)) {
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
  }

  // The row as it is once locked (another transaction may have changed it since it was
  // found), read by the locking statement itself.
  let customer = await lockCustomer(tx, winner.id);
  if (!customer) throw new Error(`No Customer found with id ${winner.id}`);
  const fill: Prisma.CustomerUncheckedUpdateInput = {};
  for (const k of present) if (!winner[k] && free(k)) fill[k] = ids[k];
  if (!winner.name && input.name?.trim()) fill.name = input.name.trim();
  if (Object.keys(fill).length) {
    customer = await tx.customer.update({ where: { id: winner.id }, data: fill });
  }
  for (const m of keptApart) {
    await raiseIdentityConflict(tx, {
      customerId: winner.id,
      otherCustomerId: m.customer.id,
      key: m.key,
      value: ids[m.key]!,
      actor,
    });
  }
  // Merged billing facts may change access; the caller's own recompute (if any) is a no-op then.
  if (mergedIds.length) await recomputeAccess(tx, winner.id, { actor });
  // Conflicts and a merge's recompute write to the row too: read it again after them.
  if (keptApart.length || mergedIds.length) {
    customer = await tx.customer.findUniqueOrThrow({ where: { id: winner.id } });
  }
  return {
    customer,
    created,
    mergedIds,
    keptApartIds: keptApart.map((m) => m.customer.id),
    viaAlias: matches.some((m) => m.key === "stripeCustomerId" && m.viaAlias),
  };
}
