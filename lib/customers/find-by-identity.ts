import type { Tx } from "@/lib/db";
import type { IdentityKey } from "@/lib/customers/identity";
import type { Customer } from "@/lib/generated/prisma/client";

/** The CustomerAlias key of one identity value, e.g. "stripeCustomerId:cus_B". */
export function aliasKey(key: IdentityKey, value: string): string {
  return `${key}:${value}`;
}

export type IdentityMatch = { customer: Customer; viaAlias: boolean };

/**
 * The customer that answers for one identity value: the record holding it, else the
 * survivor of a merge whose merged-away record held it (CustomerAlias). `value` must be
 * normalized (see normalizeIdentity).
 */
export async function findCustomerByIdentity(
  tx: Tx,
  key: IdentityKey,
  value: string,
): Promise<IdentityMatch | null> {
  const own = await tx.customer.findFirst({ where: { [key]: value } });
  if (own) return { customer: own, viaAlias: false };
  const alias = await tx.customerAlias.findUnique({
    where: { key: aliasKey(key, value) },
    select: { customer: true },
  });
  return alias ? { customer: alias.customer, viaAlias: true } : null;
}
