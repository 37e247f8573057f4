import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { revokeAccessOverride } from "@/lib/customers/set-access-override";

/** The customer's overrides still in force (not revoked, not expired), newest first. */
export function activeOverrides(db: Db, customerId: string, now = new Date()) {
  return db.accessOverride.findMany({
    where: {
      customerId,
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    orderBy: { createdAt: "desc" },
  });
}

/**
 * Ends one of this customer's overrides now (audited as access.override_revoke) and
 * recomputes access; an override of another customer is refused and nothing changes.
 * Idempotent: revoking an already revoked override changes nothing and writes no audit row.
 */
export async function revokeCustomerOverride(
  db: Db,
  customerId: string,
  overrideId: string,
  actor: { email: string },
  now = new Date(),
) {
  const decision = await revokeAccessOverride(db, { customerId, overrideId }, actor.email, now);
  if (!decision) throw new DomainError("No such override for this customer");
  return decision;
}
