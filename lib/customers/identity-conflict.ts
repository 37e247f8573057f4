import type { Tx } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import type { IdentityKey } from "@/lib/customers/identity";
import type { Customer } from "@/lib/generated/prisma/client";

export const IDENTITY_CONFLICT = "identity_conflict";

type ExternalKey = Exclude<IdentityKey, "email">;

/** Provider ids in the order a record is named by: the one it is bound to first. */
const SYSTEMS: { key: ExternalKey; label: string }[] = [
  { key: "stripeCustomerId", label: "Stripe customer" },
  { key: "crmContactId", label: "HubSpot contact" },
  { key: "appUserId", label: "app user" },
  { key: "supportUserId", label: "Zendesk user" },
];

function labelOf(key: ExternalKey): string {
  return SYSTEMS.find((s) => s.key === key)!.label;
}

/** "Stripe customer cus_B": how the record kept apart is named, by its first provider id. */
function subjectOf(c: Customer): { text: string; system: ExternalKey | null } {
  const s = SYSTEMS.find((s) => c[s.key]);
  return s
    ? { text: `${s.label} ${c[s.key]}`, system: s.key }
    : { text: "A new customer record", system: null };
}

/** "Ada Lovelace (cus_A)": the holder by name and by the same kind of id as the subject. */
function holderOf(o: Customer, system: ExternalKey | null): string {
  const id = system && o[system];
  const ref = id ? (system === "stripeCustomerId" ? id : `${labelOf(system)} ${id}`) : null;
  const named = o.name ?? o.email;
  if (named && ref) return `${named} (${ref})`;
  return named ?? ref ?? `customer record ${o.id}`;
}

/** The title and the sentence a person reads on the exception. */
export function describeIdentityConflict(
  customer: Customer,
  other: Customer,
  key: IdentityKey,
  value: string,
): { title: string; detail: string } {
  const what = key === "email" ? value : `${labelOf(key)} ${value}`;
  const subject = subjectOf(customer);
  return {
    title: `Two customers use ${what}`,
    detail:
      `${subject.text} uses ${what}, which already belongs to ${holderOf(other, subject.system)}. ` +
      "They were kept apart. If they are the same person, merge them.",
  };
}

export type IdentityConflictInput = {
  /** The record kept apart: the one the event is about. */
  customerId: string;
  /** The record that already holds the identity. */
  otherCustomerId: string;
  /** The identity both claim, and its (normalized) value. */
  key: IdentityKey;
  value: string;
  /** Who noticed ("system:stripe", "system:lead"). */
  actor: string;
  correlationId?: string | null;
};

/**
 * Records that two customer records claim one identity and were kept apart: an open
 * `identity_conflict` exception on `customerId` naming `otherCustomerId` in plain words
 * (merge or keep separate from the exceptions queue or either customer's page), audited.
 * For an email, the record keeps the address it claims in `claimedEmail`, so the read API
 * and the search answer that email with both records. One exception per pair, in either
 * order, ever: a pair someone kept apart is not raised again. Call it wherever an event
 * brings an identity another record holds (resolveCustomer, upsertLead, a Stripe
 * customer.updated email change).
 * Idempotent: safe to run any number of times for the same pair.
 */
export async function raiseIdentityConflict(
  tx: Tx,
  input: IdentityConflictInput,
): Promise<{ exceptionId: string; created: boolean } | null> {
  const { customerId, otherCustomerId, key, value } = input;
  if (customerId === otherCustomerId) return null;
  const pair = [customerId, otherCustomerId].sort().join(":");
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${IDENTITY_CONFLICT}:${pair}`}, 0))`;
  if (key === "email") {
    await tx.customer.updateMany({
      // (email IS NULL OR email <> value): NOT (email = value) alone excludes a null email.
      where: { id: customerId, OR: [{ email: null }, { email: { not: value } }] },
      data: { claimedEmail: value },
    });
  }
  const existing = await tx.exceptionRecord.findFirst({
    where: {
      kind: IDENTITY_CONFLICT,
      OR: [
        { customerId, pairCustomerId: otherCustomerId },
        { customerId: otherCustomerId, pairCustomerId: customerId },
      ],
    },
    select: { id: true },
  });
  if (existing) return { exceptionId: existing.id, created: false };

  const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
  const other = await tx.customer.findUniqueOrThrow({ where: { id: otherCustomerId } });
  const exception = await tx.exceptionRecord.create({
    data: {
      kind: IDENTITY_CONFLICT,
      ...describeIdentityConflict(customer, other, key, value),
      customerId,
      pairCustomerId: otherCustomerId,
      correlationId: input.correlationId ?? null,
    },
  });
  await writeAudit(tx, {
    actor: input.actor,
    action: "customer.identity_conflict",
    target: customerId,
    before: { other: otherCustomerId, key, theirs: value },
    after: { exception: exception.id },
  });
  return { exceptionId: exception.id, created: true };
}
