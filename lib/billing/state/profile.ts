import type { Tx } from "@/lib/db";
import {
  converge,
  fingerprintOf,
  type ConvergeResult,
  type Provenance,
} from "@/lib/billing/converge";
import type { CustomerProfile } from "@/lib/integrations/stripe/objects";
import { raiseIdentityConflict } from "@/lib/customers/identity-conflict";
import { normalizeEmail } from "@/lib/customers/normalize-email";
import type { Customer } from "@/lib/generated/prisma/client";

type Stored = { email: string | null; name: string | null };

/**
 * Applies a Stripe customer's email and name unless a newer one was applied (see
 * converge.ts). Deletion is permanent in Stripe, so it is recorded whatever the order,
 * from its earliest report.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function applyProfile(
  tx: Tx,
  customer: Customer,
  profile: CustomerProfile,
  from: Provenance,
): Promise<ConvergeResult> {
  const eventAt = from.eventAt;
  if (profile.deleted) {
    if (customer.stripeDeletedAt && customer.stripeDeletedAt <= eventAt) return "unchanged";
    await tx.customer.update({ where: { id: customer.id }, data: { stripeDeletedAt: eventAt } });
    return "applied";
  }

  const incoming = { email: normalizeEmail(profile.email), name: profile.name };
  const at = customer.stripeCustomerEventAt;
  return converge<Stored>({
    stored: at && {
      state: { email: customer.email, name: customer.name },
      at,
      readSeq: customer.stripeCustomerReadSeq,
    },
    incoming,
    from,
    fingerprint: fingerprintOf,
    rank: () => 0,
    write: async (s, writeAt, readSeq) => {
      let email = s.email ?? customer.email;
      let claimedEmail: string | null = null;
      if (email && email !== customer.email) {
        const holder = await tx.customer.findFirst({ where: { email, NOT: { id: customer.id } } });
        if (holder) {
          // Another record holds it: keep ours, and ask a person (merge or keep apart).
          await raiseIdentityConflict(tx, {
            customerId: customer.id,
            otherCustomerId: holder.id,
            key: "email",
            value: email,
            actor: "system:stripe",
          });
          claimedEmail = email;
          email = customer.email;
        }
      }
      await tx.customer.update({
        where: { id: customer.id },
        data: {
          email,
          ...(email ? { claimedEmail } : {}),
          name: s.name ?? customer.name,
          stripeCustomerEventAt: writeAt,
          stripeCustomerReadSeq: readSeq,
        },
      });
    },
  });
}

const identityRank = (s: string) => (s === "verified" ? 1 : 0);

/**
 * Applies a Stripe Identity verification outcome unless a newer one was applied; on a tie,
 * verified wins (a session that verified stays verified). Ordered by the events' own
 * `created` (verification sessions are not re-read).
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
    stored: at && { state: { status: customer.identityStatus }, at, readSeq: null },
    incoming: { status },
    from: { kind: "event", eventAt },
    fingerprint: fingerprintOf,
    rank: (s) => identityRank(s.status),
    write: async (s, writeAt) => {
      await tx.customer.update({
        where: { id: customer.id },
        data: { identityStatus: s.status, identityEventAt: writeAt },
      });
    },
  });
}
