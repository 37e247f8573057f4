import { writeAudit } from "@/lib/audit/write-audit";
import { converge, fingerprintOf, type ConvergeResult } from "@/lib/billing/converge";
import { fetchCustomerProfile } from "@/lib/billing/fetch-stripe-object";
import type { CustomerProfile } from "@/lib/billing/stripe-objects";
import { normalizeEmail } from "@/lib/customers/normalize-email";
import type { Tx } from "@/lib/customers/tx";
import type { Customer } from "@/lib/generated/prisma/client";

type Stored = { email: string | null; name: string | null };

/**
 * Applies a Stripe customer's email and name unless a newer customer event was applied.
 * Deletion is permanent in Stripe, so it is recorded whatever the order (earliest time).
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyProfile(
  tx: Tx,
  customer: Customer,
  profile: CustomerProfile,
  eventAt: Date,
): Promise<ConvergeResult> {
  let deleted: ConvergeResult = "unchanged";
  if (profile.deleted && (!customer.stripeDeletedAt || eventAt < customer.stripeDeletedAt)) {
    await tx.customer.update({ where: { id: customer.id }, data: { stripeDeletedAt: eventAt } });
    deleted = "applied";
  }
  if (profile.deleted) return deleted;

  const incoming = { email: normalizeEmail(profile.email), name: profile.name };
  const at = customer.stripeCustomerEventAt;
  return converge<Stored>({
    stored: at && { state: { email: customer.email, name: customer.name }, at },
    incoming,
    eventAt,
    fingerprint: fingerprintOf,
    rank: () => 0,
    fetch: async () => {
      const fetched = await fetchCustomerProfile(profile.stripeCustomerId);
      return fetched && { email: normalizeEmail(fetched.email), name: fetched.name };
    },
    write: async (s, writeAt) => {
      let email = s.email ?? customer.email;
      if (email && email !== customer.email) {
        const holder = await tx.customer.findFirst({ where: { email, NOT: { id: customer.id } } });
        if (holder) {
          await writeAudit(tx, {
            actor: "system:stripe",
            action: "customer.identity_conflict",
            target: customer.id,
            before: { other: holder.id, key: "email", theirs: email },
          });
          email = customer.email;
        }
      }
      await tx.customer.update({
        where: { id: customer.id },
        data: { email, name: s.name ?? customer.name, stripeCustomerEventAt: writeAt },
      });
    },
  });
}

const identityRank = (s: string) => (s === "verified" ? 1 : 0);

/**
 * Applies a Stripe Identity verification outcome unless a newer one was applied; on a tie,
 * verified wins (a session that verified stays verified).
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyIdentity(
  tx: Tx,
  customer: Customer,
  status: string,
  eventAt: Date,
): Promise<ConvergeResult> {
  const at = customer.identityEventAt;
  return converge<{ status: string }>({
    stored: at && { state: { status: customer.identityStatus }, at },
    incoming: { status },
    eventAt,
    fingerprint: fingerprintOf,
    rank: (s) => identityRank(s.status),
    fetch: async () => null,
    write: async (s, writeAt) => {
      await tx.customer.update({
        where: { id: customer.id },
        data: { identityStatus: s.status, identityEventAt: writeAt },
      });
    },
  });
}
