import type { Tx } from "@/lib/db";
import { findCustomerByIdentity } from "@/lib/customers/find-by-identity";
import { normalizeEmail } from "@/lib/customers/normalize-email";
import type { Customer } from "@/lib/generated/prisma/client";

/**
 * The customer behind a Zendesk requester: by Zendesk user id (supportUserId), then by
 * normalized email (each also through the aliases a merge left). A customer found by email
 * who has no Zendesk id yet gets this one, so later events (which carry only the id) find
 * them directly. Never creates a customer.
 * Idempotent: safe to run any number of times with the same requester.
 */
export async function findRequester(
  tx: Tx,
  requester: { supportUserId?: string | null; email?: string | null },
): Promise<{ customer: Customer; matchedBy: "supportUserId" | "email" } | null> {
  const { supportUserId } = requester;
  if (supportUserId) {
    const found = await findCustomerByIdentity(tx, "supportUserId", supportUserId);
    if (found) return { customer: found.customer, matchedBy: "supportUserId" };
  }
  const email = normalizeEmail(requester.email);
  if (!email) return null;
  const customer = (await findCustomerByIdentity(tx, "email", email))?.customer;
  if (!customer) return null;
  if (supportUserId && !customer.supportUserId) {
    const linked = await tx.customer.update({
      where: { id: customer.id },
      data: { supportUserId },
    });
    return { customer: linked, matchedBy: "email" };
  }
  return { customer, matchedBy: "email" };
}
