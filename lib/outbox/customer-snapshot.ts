import type { Db } from "@/lib/db";
import type { AccessReason } from "@/lib/access/policy";
import type { CustomerSnapshot } from "@/lib/integrations/connector/types";

/** The customer's current truth, as connectors see it (re-read at run time, never from a payload). */
export async function loadCustomerSnapshot(
  db: Db,
  customerId: string,
  publicUrl: string,
): Promise<CustomerSnapshot | null> {
  const c = await db.customer.findUnique({
    where: { id: customerId },
    include: {
      ledgerEvents: {
        orderBy: { occurredAt: "desc" },
        take: 5,
        select: { type: true, occurredAt: true },
      },
    },
  });
  if (!c) return null;
  return {
    id: c.id,
    email: c.email ?? c.claimedEmail,
    emailClaimed: !c.email && !!c.claimedEmail,
    name: c.name,
    stripeCustomerId: c.stripeCustomerId,
    crmContactId: c.crmContactId,
    supportUserId: c.supportUserId,
    appUserId: c.appUserId,
    billingStatus: c.billingStatus,
    accessStatus: c.accessStatus,
    accessReasons: (c.accessReasons as AccessReason[]) ?? [],
    plan: null,
    dashboardUrl: `${publicUrl.replace(/\/$/, "")}/customers/${c.id}`,
    recentEvents: c.ledgerEvents.map((e) => ({ type: e.type, at: e.occurredAt.toISOString() })),
  };
}
