import type { Tx } from "@/lib/db";
import type { IdentityKey } from "@/lib/customers/identity";
import { selectCustomers } from "@/lib/customers/customer-rows";
import { Prisma, type Customer } from "@/lib/generated/prisma/client";

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

/**
 * findCustomerByIdentity for several keys at once: the records holding any of the values
 * are read in one statement; only a value no record holds is looked up among the aliases.
 */
export async function findCustomersByIdentity(
  tx: Tx,
  keys: readonly IdentityKey[],
  values: Partial<Record<IdentityKey, string | null>>,
): Promise<Map<IdentityKey, IdentityMatch | null>> {
  const wanted = keys.filter((k) => values[k]);
  const found = new Map<IdentityKey, IdentityMatch | null>();
  if (wanted.length === 0) return found;
  const rows = await selectCustomers(
    tx,
    Prisma.join(
      wanted.map((k) => Prisma.sql`c.${Prisma.raw(`"${k}"`)} = ${values[k]}`),
      " OR ",
    ),
  );
  for (const k of wanted) {
    const own = rows.find((r) => r[k] === values[k]);
    if (own) {
      found.set(k, { customer: own, viaAlias: false });
      continue;
    }
    const alias = await tx.customerAlias.findUnique({
      where: { key: aliasKey(k, values[k]!) },
      select: { customer: true },
    });
    found.set(k, alias ? { customer: alias.customer, viaAlias: true } : null);
  }
  return found;
}
